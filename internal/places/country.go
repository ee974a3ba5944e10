package places

import (
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// countryLanguages are the languages whose country names SplitCountry
// knows: the Nordic ones jobgate's ATSs write in, English and German.
var countryLanguages = []string{"en", "nb", "nn", "sv", "da", "fi", "is", "de"}

// countries maps a country name's key, in any of countryLanguages, and
// each ISO 3166-1 alpha-2 and alpha-3 code to the alpha-2 code, from
// golang.org/x/text's CLDR tables.
var countries = sync.OnceValue(func() map[string]string {
	out := map[string]string{}
	var namers []display.Namer
	for _, l := range countryLanguages {
		namers = append(namers, display.Regions(language.MustParse(l)))
	}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil || !r.IsCountry() || r.ISO3() == "ZZZ" {
				continue
			}
			code := r.String()
			out[code], out[r.ISO3()] = code, code
			for _, n := range namers {
				if name := n.Name(r); name != "" {
					out[key(name)] = code
				}
			}
		}
	}
	return out
})

// SplitCountry splits a trailing country off a place's text, as ATSs
// write one ("Oslo, Norway", "Bergen, Norge", "Stockholm, SE"): the rest
// of the text and the country's ISO 3166-1 alpha-2 code. Text without a
// country it knows after its last comma comes back whole, with "". A code
// counts only in upper case ("Oslo, no" is no country).
func SplitCountry(s string) (place, country string) {
	i := strings.LastIndex(s, ",")
	if i < 0 {
		return s, ""
	}
	last := strings.TrimSpace(s[i+1:])
	if len(last) <= 3 && last != strings.ToUpper(last) {
		return s, ""
	}
	code, ok := countries()[key(last)]
	if !ok {
		return s, ""
	}
	return strings.TrimSpace(s[:i]), code
}
