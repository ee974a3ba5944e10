package finn

import (
	"slices"
	"strings"
	"unicode"

	"github.com/jobgate/jobgate/internal/ad"
)

// FINN's reference values (§2.4). FINN serves the lists at
// https://www.finn.no/job/v1/referencevalue?xmlCode=<FIELD> and asks that
// they be downloaded, not called while building ads; no copy was read, so
// every value below is marked: [C] seen in FINN's own job_example.xml
// (FINN-RB, DTD 7.1), [I] our inference, to be checked against the
// downloaded lists before production (§2.10). Replace these tables with
// the downloaded values; the mapping code reads nothing else.

// SECTOR values.
var sectors = []string{
	"private", // [C] job_example.xml
	"public",  // [I] private's counterpart; not in FINN's files
}

// defaultSector is sent when the employer sets no finn_sector: most ads
// jobgate carries are private employers'.
const defaultSector = "private"

// durations maps the canonical employment_type to DURATION (required since
// 7.1). The [I] codes are our guesses, each noted with the Norwegian kind
// of employment it stands for.
var durations = map[string]string{
	"permanent":      "permanent",  // [C] job_example.xml
	"temporary":      "temporary",  // [I] "vikariat"
	"contract":       "project",    // [I] "engasjement/prosjekt"
	"seasonal":       "seasonal",   // [I] "sesong"
	"internship":     "trainee",    // [I] "trainee"
	"apprenticeship": "apprentice", // [I] "lærling"
	"volunteer":      "other",      // [I] FINN has no volunteer duration we know of
	"other":          "other",      // [I] "annet"
}

// defaultDuration is sent for an ad without employment_type: the one
// confirmed value, and the most common kind of ad.
const defaultDuration = "permanent"

// occupations map words of an ad's categories, department or title to
// OCCUPATION. 8.0 replaced 7.1's JOB_CATEGORY (CATEGORY, SUBCATEGORY) by
// OCCUPATION (GENERAL, SPECIALIZATION) (FINN-UPD); that the 7.1 codes of
// job_example.xml [C] are 8.0's values is [I]. Specific entries come first.
// A keyword of 7 or more letters also matches inside a compound word
// (systemutvikler, driftsingeniør); a shorter one only as a whole word.
var occupations = []struct {
	occupation Occupation
	keywords   []string
}{
	{Occupation{General: "ITTELECOMINTERNET", Specialization: "APPLICDEV"}, []string{
		"developer", "utvikler", "utvecklare", "udvikler", "programmer", "programmerer",
		"software", "backend", "frontend", "fullstack"}},
	{Occupation{General: "ENGINEERING", Specialization: "COMPUTERENG"}, []string{
		"dataingeniør", "computer engineer", "datateknikk"}},
	{Occupation{General: "ITTELECOMINTERNET"}, []string{
		"it", "ikt", "tech", "technology", "teknologi", "data", "telecom", "telekom", "internet"}},
	{Occupation{General: "ENGINEERING"}, []string{
		"engineering", "engineer", "ingeniør", "ingenjør", "ingenjör"}},
}

// maxOccupations is how many OCCUPATIONs are sent: 7.1 documented "1 or
// two" JOB_CATEGORY ([I] for 8.0).
const maxOccupations = 2

// occupationsOf maps the ad's categories, then its department, then its
// title, to at most maxOccupations distinct occupations; fallback (the
// employer's finn_occupation) is used when none maps.
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

func matchOccupation(text string) (Occupation, bool) {
	lower := strings.ToLower(text)
	words := strings.FieldsFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, e := range occupations {
		for _, k := range e.keywords {
			if (len([]rune(k)) >= 7 && strings.Contains(lower, k)) || slices.Contains(words, k) {
				return e.occupation, true
			}
		}
	}
	return Occupation{}, false
}

// parseOccupation reads a finn_occupation setting: "GENERAL" or
// "GENERAL/SPECIALIZATION".
func parseOccupation(v string) (Occupation, bool) {
	g, sp, slash := strings.Cut(v, "/")
	o := Occupation{General: strings.TrimSpace(g), Specialization: strings.TrimSpace(sp)}
	return o, reCode.MatchString(o.General) && (!slash || reCode.MatchString(o.Specialization))
}
