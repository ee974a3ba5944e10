package httpapi

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/jobgate/jobgate/internal/ad"
)

var reEmptyFact = regexp.MustCompile(`<dd[^>]*>\s*</dd>|<dt>\s*</dt>`)

// FuzzJobPageFacts draws the job page of ads with arbitrary facts (as a
// vendor's ad may carry them past DropInvalid): it always renders, in
// any language, and never draws a label without a value.
func FuzzJobPageFacts(f *testing.F) {
	f.Add("nb", "2027-03-01", "2027-01-31", "permanent", "full_time", "hybrid", 45000.0, 55000.0, "NOK", "month", "+47 22 00 00 00", "Storgata 1", "NO", 3)
	f.Add("fi", "sopimuksen mukaan", "", "", "part_time", "", 0.0, 12.5, "EUR", "hour", "", "", "", 0)
	f.Add("zz", "", "31.01.2027", "other", "", "full", 1e9, 0.0, "", "", "(0)", "", "XX", -1)
	f.Add("sv", "", "", "freelance", "half", "some", 10.0, 20.0, "SEK", "fortnight", "", "", "SE", 1)
	f.Fuzz(func(t *testing.T, lang, start, deadline, typ, extent, remote string, min, max float64, currency, period, phone, address, country string, positions int) {
		// The store holds trimmed text (ad.Normalize trims every string).
		for _, s := range []*string{&lang, &start, &deadline, &typ, &extent, &remote, &currency, &period, &phone, &address, &country} {
			*s = strings.TrimSpace(*s)
		}
		a := ad.Ad{Title: "T", Description: "<p>D</p>", Language: lang, Employer: ad.Employer{Name: "E"}, StartDate: start, Deadline: deadline,
			EmploymentType: typ, Extent: extent, Remote: remote, Salary: &ad.Salary{Min: min, Max: max, Currency: currency, Period: period},
			Contact: &ad.Contact{Phone: phone}, Positions: &positions}
		if address != "" || country != "" {
			a.Locations = []ad.Location{{Address: address, Country: country}}
		}
		_ = ad.DropInvalid(&a)
		p := newJobPage(a)
		var buf bytes.Buffer
		if err := pageTemplates.ExecuteTemplate(&buf, "job", p); err != nil {
			t.Fatal(err)
		}
		if m := reEmptyFact.FindString(buf.String()); m != "" {
			t.Fatalf("an empty fact: %s", m)
		}
		if bytes.Contains(buf.Bytes(), []byte(", <")) || bytes.Contains(buf.Bytes(), []byte(" </dd>")) {
			t.Fatalf("a fact with a part missing: %s", buf.String())
		}
	})
}
