package finn

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jobgate/jobgate/internal/ad"
)

// finnDate is FINN's date format, dd.mm.yyyy (§2.3).
const finnDate = "02.01.2006"

// clean makes s fit XML 1.0 character data: invalid UTF-8 and the
// characters XML forbids (control characters but tab, newline and return;
// U+FFFE, U+FFFF) are dropped, since a DTD-validating parser refuses the
// whole document for one of them. Surrounding space is trimmed.
func clean(s string) string {
	s = strings.TrimSpace(s)
	ok := true
	for _, r := range s {
		if !xmlChar(r) {
			ok = false
			break
		}
	}
	if ok && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				continue
			}
		}
		if xmlChar(r) {
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// runes counts s's characters: FINN's limits are in characters (§2.3).
func runes(s string) int { return utf8.RuneCountInString(s) }

// shorten cuts s to at most n characters, at a space when there is one in
// the last third, ending with "…".
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := r[:n-1]
	for i := len(cut) - 1; i > 2*n/3; i-- {
		if cut[i] == ' ' {
			cut = cut[:i]
			break
		}
	}
	return strings.TrimRight(string(cut), " ,.;:-–") + "…"
}

// day is t's date in Oslo at midnight: FINN's dates are Norwegian days.
func day(t time.Time) time.Time {
	y, m, d := t.In(ad.Oslo).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, ad.Oslo)
}

// addDays moves a day by n calendar days (23 or 25 hours across DST).
func addDays(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d+n, 0, 0, 0, 0, ad.Oslo)
}

// isoToFinn rewrites a YYYY-MM-DD date as dd.mm.yyyy and leaves free text
// ("by agreement") as it is.
func isoToFinn(s string) string {
	if t, err := time.ParseInLocation(time.DateOnly, s, ad.Oslo); err == nil {
		return t.Format(finnDate)
	}
	return s
}

// salaryWords are SALARY's words in Norwegian and English: SALARY is free
// text (7.1 example "can be discussed"), written in the ad's language.
var salaryWords = map[bool]map[string]string{
	true:  {"from": "fra", "upto": "opptil", "hour": "per time", "day": "per dag", "week": "per uke", "month": "per måned", "year": "per år"},
	false: {"from": "from", "upto": "up to", "hour": "per hour", "day": "per day", "week": "per week", "month": "per month", "year": "per year"},
}

// salaryText writes a pay range as SALARY's text, such as
// "500 000–600 000 NOK per år"; empty when there is no amount. An amount
// outside 0 to ad.MaxSalary (or not a number) is left out rather than
// written: converted to an integer it would overflow into a negative
// amount. Normalize refuses such amounts; this holds for an ad stored
// before it did.
func salaryText(s *ad.Salary, language string) string {
	if s == nil {
		return ""
	}
	s = &ad.Salary{Min: writable(s.Min), Max: writable(s.Max), Currency: s.Currency, Period: s.Period}
	if s.Min <= 0 && s.Max <= 0 {
		return ""
	}
	nb := language == "" || language == "nb" || language == "nn" || language == "no"
	w := salaryWords[nb]
	var out string
	switch {
	case s.Min > 0 && s.Max > 0 && s.Min != s.Max:
		out = amount(s.Min, nb) + "–" + amount(s.Max, nb)
	case s.Min > 0:
		out = w["from"] + " " + amount(s.Min, nb)
		if s.Max == s.Min {
			out = amount(s.Min, nb)
		}
	default:
		out = w["upto"] + " " + amount(s.Max, nb)
	}
	for _, part := range []string{s.Currency, w[s.Period]} {
		if part != "" {
			out += " " + part
		}
	}
	return out
}

// writable is v when it is an amount the SALARY text can hold, else 0
// (no amount).
func writable(v float64) float64 {
	if math.IsNaN(v) || v < 0 || v > ad.MaxSalary {
		return 0
	}
	return v
}

// amount writes a number with spaces between thousands and, when it has
// øre/cents, two decimals with the language's separator.
func amount(v float64, nb bool) string {
	c := int64(math.Round(v * 100))
	digits := strconv.FormatInt(c/100, 10)
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(d)
	}
	if cents := c % 100; cents > 0 {
		sep := map[bool]string{true: ",", false: "."}[nb]
		b.WriteString(sep + strconv.FormatInt(100+cents, 10)[1:])
	}
	return b.String()
}
