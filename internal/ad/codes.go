package ad

import (
	"math"
	"strings"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
)

// MaxSalary is the largest salary amount accepted: far above any real
// pay in any currency the board shows, and far below where a float64
// stops being an exact whole number or overflows a channel's integer.
const MaxSalary = 1e9

// Messages of the code and number checks, shared by Normalize (which
// refuses) and DropInvalid (which drops with a warning).
const (
	msgLanguage = "must be a BCP 47 language tag of the IANA registry, such as nb, nn, sv, da, fi, en or nb-NO"
	msgCountry  = "must be an ISO 3166-1 alpha-2 country code such as NO (not a region such as 419 or EU)"
	msgCurrency = "must be an ISO 4217 currency code such as NOK"
	msgAmount   = "must be a number from 0 to 1000000000"
	msgPosition = "must be at least 1 (leave positions out when the number is unknown)"
)

// canonicalLanguage checks s against the IANA language subtag registry
// (golang.org/x/text/language) and returns its primary language subtag in
// the shortest ISO 639 form ("NB-no" and "nob" are "nb"). Tags without a
// language ("und", private use "x-...") are refused: an ad's language
// says which language its text is in. Only the language is kept because
// the board, the hosted job page and the channels choose words by it.
func canonicalLanguage(s string) (string, bool) {
	tag, err := language.Parse(s)
	if err != nil {
		return "", false
	}
	base, conf := tag.Base()
	if conf != language.Exact || base.String() == "und" {
		return "", false
	}
	return base.String(), true
}

// canonicalCountry checks s, two letters in any case, against ISO 3166-1
// (golang.org/x/text/language's region registry) and returns it upper
// case. Macro-regions (419, EU, UN), private-use codes (XX, ZZ, QO) and
// the exceptionally reserved ones without a country (UK, EZ) are refused.
func canonicalCountry(s string) (string, bool) {
	if len(s) != 2 || !isLetters(s) {
		return "", false
	}
	r, err := language.ParseRegion(s)
	if err != nil || !r.IsCountry() || r.ISO3() == "ZZZ" {
		return "", false
	}
	return r.String(), true
}

// canonicalCurrency checks s against ISO 4217 (golang.org/x/text/currency)
// and returns it upper case. XXX (no currency) and XTS (testing) are
// codes of the standard but not currencies a salary is paid in.
func canonicalCurrency(s string) (string, bool) {
	if len(s) != 3 || !isLetters(s) {
		return "", false
	}
	u, err := currency.ParseISO(s)
	if err != nil || u == currency.XXX || u == currency.XTS {
		return "", false
	}
	return u.String(), true
}

func isLetters(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') }) < 0
}

// validAmount reports whether x is a salary amount: finite, 0 to MaxSalary.
func validAmount(x float64) bool {
	return !math.IsNaN(x) && x >= 0 && x <= MaxSalary
}
