package reachmee

import (
	"strings"
	"unicode"
)

// kindRule maps the words of employmentLevel that start with one of
// prefixes to an employment type. The labels are the customer's, in the
// export's language (Norwegian, Swedish, Danish, Finnish or English); the
// rules are tried in order, so "sommarvikariat" is seasonal before it is
// temporary. Bare "intern" is not a rule: in Swedish it means internal.
type kindRule struct {
	kind     string
	prefixes []string
}

var kindRules = []kindRule{
	{"seasonal", []string{"sommerjobb", "sommarjobb", "sommarvikari", "sommervikar", "seasonal", "sesong", "säsong", "sæson", "kesätyö"}},
	{"apprenticeship", []string{"lærling", "lärling", "apprentice", "oppisopimus"}},
	{"internship", []string{"praktik", "praksis", "internship", "trainee", "harjoittel"}},
	{"volunteer", []string{"frivillig", "volunteer", "vapaaehto"}},
	{"permanent", []string{"fast", "tillsvidare", "permanent", "vakinai", "toistaiseksi"}},
	{"temporary", []string{"vikar", "midlertidig", "visstid", "tidsbegr", "tidsbestemt", "engasjement", "temporary", "temp",
		"fixed", "tidsavgräns", "timanst", "ekstrahjelp", "määräaikai", "sijai"}},
	{"contract", []string{"contract", "kontrakt", "frilans", "freelance", "konsultupp"}},
}

// extentRules map workingHours (and employmentLevel) words to the extent.
var extentRules = []kindRule{
	{"full_time", []string{"heltid", "fuldtid", "full", "kokoaikai"}},
	{"part_time", []string{"deltid", "part", "osa"}},
}

// employment maps a label to the canonical employment type and extent,
// word by word ("Fast ansettelse", "Visstidsanställning", "Heltid",
// "Part time"); a label it does not know ("Day", a shift) maps to nothing.
func employment(label string) (kind, extent string) {
	words := strings.FieldsFunc(strings.ToLower(label), func(r rune) bool { return !unicode.IsLetter(r) })
	for _, w := range words {
		if k := match(kindRules, w); k != "" && kind == "" {
			kind = k
		}
		if e := match(extentRules, w); e != "" && extent == "" {
			extent = e
		}
	}
	return kind, extent
}

func match(rules []kindRule, word string) string {
	for _, r := range rules {
		for _, p := range r.prefixes {
			if strings.HasPrefix(word, p) {
				return r.kind
			}
		}
	}
	return ""
}
