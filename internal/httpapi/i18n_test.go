package httpapi

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jobgate/jobgate/internal/ad"
)

// TestCatalogueIsComplete: every language's file has every key English
// has and no other, no text is empty, and the texts with values name the
// same values in every language.
func TestCatalogueIsComplete(t *testing.T) {
	en := slices.Sorted(slices.Values(pageCatalogue.ids[fallbackLanguage]))
	if len(en) < 100 {
		t.Fatalf("English has only %d messages", len(en))
	}
	for _, lang := range pageLanguageCodes {
		ids := slices.Sorted(slices.Values(pageCatalogue.ids[lang]))
		for _, id := range en {
			if _, ok := slices.BinarySearch(ids, id); !ok {
				t.Errorf("%s lacks %s", lang, id)
			}
		}
		for _, id := range ids {
			if _, ok := slices.BinarySearch(en, id); !ok {
				t.Errorf("%s has %s, which English has not", lang, id)
			}
			if strings.TrimSpace(pageCatalogue.byLanguage[lang][id]) == "" {
				t.Errorf("%s: %s is empty", lang, id)
			}
			if got, want := placeholders(pageCatalogue.byLanguage[lang][id]), placeholders(pageCatalogue.byLanguage[fallbackLanguage][id]); !slices.Equal(got, want) {
				t.Errorf("%s: %s has the values %v, English %v", lang, id, got, want)
			}
		}
	}
}

// placeholders are the {{.Name}}s of a message, sorted.
func placeholders(s string) []string {
	var out []string
	for _, part := range strings.Split(s, "{{.")[1:] {
		if i := strings.Index(part, "}}"); i > 0 {
			out = append(out, part[:i])
		}
	}
	slices.Sort(out)
	return out
}

// TestLabelsSpeakEachLanguage: each language's labels are its own, not
// another's (Nynorsk is not Bokmål, Danish and Finnish not English).
func TestLabelsSpeakEachLanguage(t *testing.T) {
	want := map[string][3]string{ // apply_heading, closed_title, salary
		"nb": {"Søk på stillingen", "Stillingen er ikke lenger ledig", "Lønn"},
		"nn": {"Søk på stillinga", "Stillinga er ikkje lenger ledig", "Løn"},
		"sv": {"Sök tjänsten", "Tjänsten är inte längre ledig", "Lön"},
		"da": {"Søg stillingen", "Stillingen er ikke længere ledig", "Løn"},
		"fi": {"Hae tätä työpaikkaa", "Työpaikka ei ole enää haettavana", "Palkka"},
		"en": {"Apply for this job", "This job is no longer open", "Salary"},
	}
	for lang, w := range want {
		l := labelsFor(lang)
		if got := [3]string{l["apply_heading"], l["closed_title"], l["salary"]}; got != w {
			t.Errorf("%s: %v, want %v", lang, got, w)
		}
	}
}

// TestFormatting: dates, amounts, salaries and places as each language
// writes them.
func TestFormatting(t *testing.T) {
	d := time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)
	salary := &ad.Salary{Min: 45000, Max: 55000, Currency: "NOK", Period: "month"}
	nbsp := "\u00a0"
	tests := []struct {
		lang, date, salary, from, place string
	}{
		{"nb", "31. januar 2027", "45" + nbsp + "000–55" + nbsp + "000 kr per måned", "fra 45" + nbsp + "000 kr per måned", "Storgata 1, 0151 Oslo, Norge"},
		{"nn", "31. januar 2027", "45" + nbsp + "000–55" + nbsp + "000 kr per månad", "frå 45" + nbsp + "000 kr per månad", "Storgata 1, 0151 Oslo, Noreg"},
		{"sv", "31 januari 2027", "45" + nbsp + "000–55" + nbsp + "000 Nkr per månad", "från 45" + nbsp + "000 Nkr per månad", "Storgata 1, 0151 Oslo, Norge"},
		{"da", "31. januar 2027", "45.000–55.000 NOK pr. måned", "fra 45.000 NOK pr. måned", "Storgata 1, 0151 Oslo, Norge"},
		{"fi", "31. tammikuuta 2027", "45" + nbsp + "000–55" + nbsp + "000 NOK kuukaudessa", "alkaen 45" + nbsp + "000 NOK kuukaudessa", "Storgata 1, 0151 Oslo, Norja"},
		{"en", "31 January 2027", "NOK 45,000–55,000 per month", "from NOK 45,000 per month", "Storgata 1, 0151 Oslo, Norway"},
	}
	for _, tc := range tests {
		l := labelsFor(tc.lang)
		if got := l.formatDate(d); got != tc.date {
			t.Errorf("%s: date %q, want %q", tc.lang, got, tc.date)
		}
		if got := l.formatSalary(salary); got != tc.salary {
			t.Errorf("%s: salary %q, want %q", tc.lang, got, tc.salary)
		}
		if got := l.formatSalary(&ad.Salary{Min: 45000, Currency: "NOK", Period: "month"}); got != tc.from {
			t.Errorf("%s: salary from %q, want %q", tc.lang, got, tc.from)
		}
		if got := l.placeText(ad.Location{Address: "Storgata 1", PostalCode: "0151", City: "Oslo", Country: "NO"}); got != tc.place {
			t.Errorf("%s: place %q, want %q", tc.lang, got, tc.place)
		}
	}
	nb := labelsFor("nb")
	for in, want := range map[string]string{"2027-03-01": "1. mars 2027", "etter avtale": "etter avtale", "": ""} {
		if got := nb.formatDay(in); got != want {
			t.Errorf("formatDay(%q) = %q, want %q", in, got, want)
		}
	}
	if got := nb.formatSalary(&ad.Salary{Max: 250.5, Currency: "EUR", Period: "hour"}); got != "opptil 250,50 € per time" {
		t.Errorf("an hourly maximum in euro reads %q", got)
	}
	if got := nb.formatSalary(&ad.Salary{Min: 600000}); got != "fra 600"+nbsp+"000" {
		t.Errorf("a salary without currency or period reads %q", got)
	}
	if got := nb.formatSalary(&ad.Salary{Currency: "NOK"}); got != "" {
		t.Errorf("a salary without amounts reads %q", got)
	}
	oslo, _ := time.LoadLocation("Europe/Oslo")
	if got := nb.formatDateTime(time.Date(2027, 1, 31, 13, 5, 0, 0, time.UTC), oslo); got != "31. januar 2027 kl. 14.05" {
		t.Errorf("a moment reads %q", got)
	}
	if got := labelsFor("en").plural("positions_count", 1) + " / " + labelsFor("nb").plural("positions_count", 3); got != "1 position / 3 stillinger" {
		t.Errorf("positions read %q", got)
	}
}
