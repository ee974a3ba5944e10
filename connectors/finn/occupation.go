package finn

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/jobgate/jobgate/internal/ad"
)

// occupationsCSV is FINN's OCCUPATION values and jobgate's mapping to
// them, as data with its source: see the file's header.
//
//go:embed occupations.csv
var occupationsCSV string

// occupationRow is one value of the list and what maps to it.
type occupationRow struct {
	occupation Occupation
	name       string
	// styrk are STYRK-08 code prefixes that map here.
	styrk []string
	// keywords are lower-case words of categories, departments and titles.
	keywords []string
	// source is "C ..." (confirmed by FINN) or "I" (inferred).
	source string
}

// occupations is the list, in the file's order.
var occupations = mustParseOccupations(occupationsCSV)

func mustParseOccupations(text string) []occupationRow {
	rows, err := parseOccupations(text)
	if err != nil {
		panic(err)
	}
	return rows
}

// parseOccupations reads the list: '#' lines are comments, the first
// other line is the header.
func parseOccupations(text string) ([]occupationRow, error) {
	var out []occupationRow
	header := true
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		f := strings.Split(line, ";")
		if len(f) != 6 || !reCode.MatchString(f[0]) || (f[1] != "" && !reCode.MatchString(f[1])) {
			return nil, fmt.Errorf("occupations.csv line %d: want general;specialization;name;styrk08;keywords;source", i+1)
		}
		r := occupationRow{occupation: Occupation{General: f[0], Specialization: f[1]}, name: f[2], styrk: strings.Fields(f[3]), source: f[5]}
		for _, k := range strings.Split(f[4], ",") {
			if k = strings.ToLower(strings.TrimSpace(k)); k != "" {
				r.keywords = append(r.keywords, k)
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// OccupationValues are FINN's OCCUPATION values as jobgate knows them
// (occupations.csv): what vendorsim's FINN accepts.
func OccupationValues() []Occupation {
	out := make([]Occupation, len(occupations))
	for i, r := range occupations {
		out[i] = r.occupation
	}
	return out
}

// KnownOccupation reports whether o, as an OCCUPATION element carries it,
// is one of FINN's values: a SPECIALIZATION of the list (under its
// GENERAL when both are given), or a GENERAL of it.
func KnownOccupation(o Occupation) bool {
	for _, v := range OccupationValues() {
		switch {
		case o.Specialization != "" && v.Specialization == o.Specialization && (o.General == "" || o.General == v.General):
			return true
		case o.Specialization == "" && o.General != "" && v.General == o.General:
			return true
		}
	}
	return false
}

// maxOccupations is how many OCCUPATIONs are sent: 7.1 documented "1 or
// two" JOB_CATEGORY ([I] for 8.0).
const maxOccupations = 2

// occupationsOf maps the ad's categories, then its department, then its
// title, to at most maxOccupations distinct occupations (matchOccupation);
// fallback (the employer's finn_occupation) is used when none maps.
func occupationsOf(a ad.Ad, fallback *Occupation) []Occupation {
	var out []Occupation
	for _, text := range append(append([]string(nil), a.Categories...), a.Department, a.Title) {
		o, ok := matchOccupation(text)
		if !ok || slices.Contains(out, o) {
			continue
		}
		if out = append(out, o); len(out) == maxOccupations {
			break
		}
	}
	if len(out) == 0 && fallback != nil {
		out = append(out, *fallback)
	}
	return out
}

// reStyrk is a text that is a STYRK-08 code, as NAV-style occupations
// carry it: "2223", "STYRK08 2223" or "2223 Sykepleiere".
var reStyrk = regexp.MustCompile(`(?i)^\s*(?:styrk[- ]?(?:08)?:?\s*)?([0-9]{1,4})(?:\s|$|[^0-9])`)

// matchOccupation maps one text: a STYRK-08 code by its longest prefix in
// the list, else the first row with a keyword in it. A keyword of 7 or more
// characters matches anywhere (systemutvikler, intensivsykepleier); one of
// 5 or 6 matches a whole word or a word's end (faglærer, sentrallager);
// a shorter one only a whole word (it, hr, pr).
func matchOccupation(text string) (Occupation, bool) {
	if m := reStyrk.FindStringSubmatch(text); m != nil {
		if r, ok := byStyrk(m[1]); ok {
			return r.occupation, true
		}
	}
	lower := strings.ToLower(text)
	words := strings.FieldsFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, r := range occupations {
		for _, k := range r.keywords {
			if keywordIn(k, lower, words) {
				return r.occupation, true
			}
		}
	}
	return Occupation{}, false
}

func keywordIn(k, lower string, words []string) bool {
	n := len([]rune(k))
	if n >= 7 {
		return strings.Contains(lower, k)
	}
	for _, w := range words {
		if w == k || (n >= 5 && strings.HasSuffix(w, k)) {
			return true
		}
	}
	return false
}

// byStyrk is the row whose STYRK-08 prefix of code is longest.
func byStyrk(code string) (occupationRow, bool) {
	var best occupationRow
	length := 0
	for _, r := range occupations {
		for _, p := range r.styrk {
			if strings.HasPrefix(code, p) && len(p) > length {
				best, length = r, len(p)
			}
		}
	}
	return best, length > 0
}
