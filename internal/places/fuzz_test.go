package places

import (
	"errors"
	"strings"
	"testing"
)

// FuzzResolve feeds arbitrary place text to the resolver: it never
// panics, an answer always places the job (a county, or a postal code),
// a refusal is an *Error, and the same query gives the same answer.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{"Oslo", "Oslo, Norway", "Nes", "Herøy i Nordland", "Nes (Akershus)", "0150", "Viken", "",
		"Os i Østerdalen", " , ( ) i ", "ı i ı", "Bergen kommune", "NO-5254"} {
		f.Add(s, s, "Vestland")
	}
	f.Fuzz(func(t *testing.T, city, municipality, county string) {
		place, _ := SplitCountry(city)
		if !strings.Contains(city, place) {
			t.Fatalf("SplitCountry(%q) = %q, not part of its input", city, place)
		}
		q := Query{PostalCode: municipality, City: place, Municipality: municipality, County: county}
		p, err := Resolve(q)
		p2, err2 := Resolve(q)
		if p != p2 || (err == nil) != (err2 == nil) {
			t.Fatalf("Resolve(%+v) is not deterministic", q)
		}
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("Resolve(%+v): %T is no *Error", q, err)
			}
			return
		}
		if p.County.Number == "" && p.PostalCode == "" {
			t.Fatalf("Resolve(%+v) = %+v places nothing", q, p)
		}
		if p.Municipality.Number != "" && p.Municipality.County != p.County {
			t.Fatalf("Resolve(%+v) = %+v: municipality outside its county", q, p)
		}
	})
}
