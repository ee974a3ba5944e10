package ad

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// validAd is the DESIGN example, decoded but not yet normalised.
func validAd(t *testing.T) Ad {
	t.Helper()
	a, err := Decode(readFixture(t, "full.json"))
	require.NoError(t, err)
	return a
}

func TestNormalizeFieldErrors(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(a *Ad)
		want   []fieldCode // nil: valid
	}{
		{"design example is valid", func(a *Ad) {}, nil},
		{"title missing", func(a *Ad) { a.Title = "" }, []fieldCode{{"title", "required"}}},
		{"title only spaces", func(a *Ad) { a.Title = " \t\n " }, []fieldCode{{"title", "required"}}},
		{"description missing", func(a *Ad) { a.Description = "" }, []fieldCode{{"description", "required"}}},
		{"description only a script", func(a *Ad) { a.Description = "<script>alert(1)</script>" }, []fieldCode{{"description", "required"}}},
		{"description only a style and spaces", func(a *Ad) { a.Description = "  <style>p{}</style>\n" }, []fieldCode{{"description", "required"}}},
		{"employer name missing", func(a *Ad) { a.Employer.Name = "  " }, []fieldCode{{"employer.name", "required"}}},
		{"employment type unknown", func(a *Ad) { a.EmploymentType = "fulltime" }, []fieldCode{{"employment_type", "invalid_enum"}}},
		{"employment type wrong case", func(a *Ad) { a.EmploymentType = "Permanent" }, []fieldCode{{"employment_type", "invalid_enum"}}},
		{"extent unknown", func(a *Ad) { a.Extent = "full-time" }, []fieldCode{{"extent", "invalid_enum"}}},
		{"part time", func(a *Ad) { a.Extent = "part_time" }, nil},
		{"remote unknown", func(a *Ad) { a.Remote = "yes" }, []fieldCode{{"remote", "invalid_enum"}}},
		{"remote full", func(a *Ad) { a.Remote = "full" }, nil},
		{"salary period unknown", func(a *Ad) { a.Salary.Period = "monthly" }, []fieldCode{{"salary.period", "invalid_enum"}}},
		{"salary period hour", func(a *Ad) { a.Salary.Period = "hour" }, nil},
		{"apply url relative", func(a *Ad) { a.ApplyURL = "/jobs/123/apply" }, []fieldCode{{"apply_url", "invalid_url"}}},
		{"apply url javascript", func(a *Ad) { a.ApplyURL = "javascript:alert(1)" }, []fieldCode{{"apply_url", "invalid_url"}}},
		{"apply url ftp", func(a *Ad) { a.ApplyURL = "ftp://ats.example/x" }, []fieldCode{{"apply_url", "invalid_url"}}},
		{"apply url without host", func(a *Ad) { a.ApplyURL = "https://" }, []fieldCode{{"apply_url", "invalid_url"}}},
		{"apply url unparseable", func(a *Ad) { a.ApplyURL = "https://ats.example/%zz" }, []fieldCode{{"apply_url", "invalid_url"}}},
		{"apply url too long", func(a *Ad) { a.ApplyURL = "https://ats.example/" + strings.Repeat("a", maxURL) }, []fieldCode{{"apply_url", "invalid_url"}}},
		{"apply url http", func(a *Ad) { a.ApplyURL = "http://ats.example/jobs/1" }, nil},
		{"employer website not a url", func(a *Ad) { a.Employer.Website = "eksempel.no" }, []fieldCode{{"employer.website", "invalid_url"}}},
		{"language upper case is lower-cased", func(a *Ad) { a.Language = "NB" }, nil},
		{"language a name", func(a *Ad) { a.Language = "norsk" }, []fieldCode{{"language", "invalid_code"}}},
		{"language a locale is accepted", func(a *Ad) { a.Language = "nb-NO" }, nil},
		{"language zz not in the registry", func(a *Ad) { a.Language = "zz" }, []fieldCode{{"language", "invalid_code"}}},
		{"language und", func(a *Ad) { a.Language = "und" }, []fieldCode{{"language", "invalid_code"}}},
		{"language private use", func(a *Ad) { a.Language = "x-klingon" }, []fieldCode{{"language", "invalid_code"}}},
		{"country a name", func(a *Ad) { a.Locations[0].Country = "Norway" }, []fieldCode{{"locations[0].country", "invalid_code"}}},
		{"country alpha-3", func(a *Ad) { a.Locations[0].Country = "NOR" }, []fieldCode{{"locations[0].country", "invalid_code"}}},
		{"country XX private use", func(a *Ad) { a.Locations[0].Country = "XX" }, []fieldCode{{"locations[0].country", "invalid_code"}}},
		{"country a macro-region", func(a *Ad) { a.Locations[0].Country = "419" }, []fieldCode{{"locations[0].country", "invalid_code"}}},
		{"country EU not a country", func(a *Ad) { a.Locations[0].Country = "EU" }, []fieldCode{{"locations[0].country", "invalid_code"}}},
		{"country UK reserved", func(a *Ad) { a.Locations[0].Country = "UK" }, []fieldCode{{"locations[0].country", "invalid_code"}}},
		{"country lower case is upper-cased", func(a *Ad) { a.Locations[0].Country = " se " }, nil},
		{"second location bad country", func(a *Ad) { a.Locations = append(a.Locations, Location{City: "Malmö", Country: "S"}) }, []fieldCode{{"locations[1].country", "invalid_code"}}},
		{"empty location", func(a *Ad) { a.Locations = append(a.Locations, Location{City: "  "}) }, []fieldCode{{"locations[1]", "required"}}},
		{"too many locations", func(a *Ad) { a.Locations = make([]Location, maxLocations+1); fillLocations(a.Locations) }, []fieldCode{{"locations", "too_many"}}},
		{"currency a name", func(a *Ad) { a.Salary.Currency = "kroner" }, []fieldCode{{"salary.currency", "invalid_code"}}},
		{"currency a symbol", func(a *Ad) { a.Salary.Currency = "kr" }, []fieldCode{{"salary.currency", "invalid_code"}}},
		{"currency ABC not in ISO 4217", func(a *Ad) { a.Salary.Currency = "ABC" }, []fieldCode{{"salary.currency", "invalid_code"}}},
		{"currency XXX no currency", func(a *Ad) { a.Salary.Currency = "XXX" }, []fieldCode{{"salary.currency", "invalid_code"}}},
		{"currency lower case is upper-cased", func(a *Ad) { a.Salary.Currency = "sek" }, nil},
		{"org number letters", func(a *Ad) { a.Employer.OrgNumber = "ABC123456" }, []fieldCode{{"employer.org_number", "invalid_format"}}},
		{"org number too short", func(a *Ad) { a.Employer.OrgNumber = "12345" }, []fieldCode{{"employer.org_number", "invalid_format"}}},
		{"org number too long", func(a *Ad) { a.Employer.OrgNumber = "12345678901234567" }, []fieldCode{{"employer.org_number", "invalid_format"}}},
		{"org number Swedish", func(a *Ad) { a.Employer.OrgNumber = "556677-8899" }, nil},
		{"org number Danish CVR", func(a *Ad) { a.Employer.OrgNumber = "12345678" }, nil},
		{"org number Finnish", func(a *Ad) { a.Employer.OrgNumber = "1234567-8" }, nil},
		{"org number Norwegian with spaces", func(a *Ad) { a.Employer.OrgNumber = "999 999 999" }, nil},
		{"contact email without domain", func(a *Ad) { a.Contact.Email = "kari" }, []fieldCode{{"contact.email", "invalid_format"}}},
		{"contact email with display name", func(a *Ad) { a.Contact.Email = "Kari <kari@eksempel.no>" }, []fieldCode{{"contact.email", "invalid_format"}}},
		{"contact email two addresses", func(a *Ad) { a.Contact.Email = "kari@eksempel.no, ola@eksempel.no" }, []fieldCode{{"contact.email", "invalid_format"}}},
		{"contact phone letters", func(a *Ad) { a.Contact.Phone = "call Kari" }, []fieldCode{{"contact.phone", "invalid_format"}}},
		{"contact phone too short", func(a *Ad) { a.Contact.Phone = "123" }, []fieldCode{{"contact.phone", "invalid_format"}}},
		{"contact phone with spaces", func(a *Ad) { a.Contact.Phone = "+47 900 00 000" }, nil},
		{"deadline Norwegian format", func(a *Ad) { a.Deadline = "31.12.2030" }, []fieldCode{{"deadline", "invalid_format"}}},
		{"deadline with time", func(a *Ad) { a.Deadline = "2030-12-31T12:00:00Z" }, []fieldCode{{"deadline", "invalid_format"}}},
		{"deadline impossible date", func(a *Ad) { a.Deadline = "2030-02-30" }, []fieldCode{{"deadline", "invalid_format"}}},
		{"deadline yesterday", func(a *Ad) { a.Deadline = "2026-11-14" }, []fieldCode{{"deadline", "in_past"}}},
		{"deadline long ago", func(a *Ad) { a.Deadline = "1999-01-01" }, []fieldCode{{"deadline", "in_past"}}},
		{"deadline today", func(a *Ad) { a.Deadline = "2026-11-15" }, nil},
		{"deadline tomorrow", func(a *Ad) { a.Deadline = "2026-11-16" }, nil},
		{"title too long", func(a *Ad) { a.Title = strings.Repeat("x", maxTitle+1) }, []fieldCode{{"title", "too_long"}}},
		{"title at the limit in runes", func(a *Ad) { a.Title = strings.Repeat("ø", maxTitle) }, nil},
		{"description too long", func(a *Ad) { a.Description = strings.Repeat("x", maxDescription+1) }, []fieldCode{{"description", "too_long"}}},
		{"employer name too long", func(a *Ad) { a.Employer.Name = strings.Repeat("x", maxShortText+1) }, []fieldCode{{"employer.name", "too_long"}}},
		{"department too long", func(a *Ad) { a.Department = strings.Repeat("x", maxShortText+1) }, []fieldCode{{"department", "too_long"}}},
		{"start date too long", func(a *Ad) { a.StartDate = strings.Repeat("x", maxShortText+1) }, []fieldCode{{"start_date", "too_long"}}},
		{"city too long", func(a *Ad) { a.Locations[0].City = strings.Repeat("x", maxShortText+1) }, []fieldCode{{"locations[0].city", "too_long"}}},
		{"category too long", func(a *Ad) { a.Categories = []string{"ok", strings.Repeat("x", maxShortText+1)} }, []fieldCode{{"categories[1]", "too_long"}}},
		{"contact name too long", func(a *Ad) { a.Contact.Name = strings.Repeat("x", maxShortText+1) }, []fieldCode{{"contact.name", "too_long"}}},
		{"too many categories", func(a *Ad) { a.Categories = make([]string, maxCategories+1) }, []fieldCode{{"categories", "too_many"}}},
		{"salary max below min", func(a *Ad) { a.Salary.Min, a.Salary.Max = 600000, 500000 }, []fieldCode{{"salary.max", "out_of_range"}}},
		{"salary min only", func(a *Ad) { a.Salary.Max = 0 }, nil},
		{"salary max equals min", func(a *Ad) { a.Salary.Min, a.Salary.Max = 550000, 550000 }, nil},
		{"salary negative", func(a *Ad) { a.Salary.Min = -1 }, []fieldCode{{"salary.min", "out_of_range"}}},
		{"salary 1e308", func(a *Ad) { a.Salary.Max = 1e308 }, []fieldCode{{"salary.max", "out_of_range"}}},
		{"salary above 1e9", func(a *Ad) { a.Salary.Min, a.Salary.Max = 1e9+1, 0 }, []fieldCode{{"salary.min", "out_of_range"}}},
		{"salary at 1e9", func(a *Ad) { a.Salary.Min, a.Salary.Max = 1e9, 1e9 }, nil},
		{"salary NaN", func(a *Ad) { a.Salary.Min = math.NaN() }, []fieldCode{{"salary.min", "out_of_range"}}},
		{"salary infinite", func(a *Ad) { a.Salary.Max = math.Inf(1) }, []fieldCode{{"salary.max", "out_of_range"}}},
		{"positions negative", func(a *Ad) { a.Positions = ptr(-1) }, []fieldCode{{"positions", "out_of_range"}}},
		{"positions zero", func(a *Ad) { a.Positions = ptr(0) }, []fieldCode{{"positions", "out_of_range"}}},
		{"positions unknown", func(a *Ad) { a.Positions = nil }, nil},
		{"invalid UTF-8", func(a *Ad) { a.Department = "Lager\xff" }, []fieldCode{{"department", "invalid_text"}}},
		{"NUL in the title", func(a *Ad) { a.Title = "Lager\x00medarbeider" }, []fieldCode{{"title", "invalid_text"}}},
		{"NUL in the description", func(a *Ad) { a.Description = "<p>a\x00b</p>" }, []fieldCode{{"description", "invalid_text"}}},
		{"NUL in a nested field", func(a *Ad) { a.Locations[0].City = "Os\x00lo" }, []fieldCode{{"locations[0].city", "invalid_text"}}},
		{"NUL in a code", func(a *Ad) { a.Language = "nb\x00" }, []fieldCode{{"language", "invalid_text"}}},
		{"invalid UTF-8 in a contact", func(a *Ad) { a.Contact.Name = "\xc3(" }, []fieldCode{{"contact.name", "invalid_text"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := validAd(t)
			tc.mutate(&a)
			err := Normalize(&a, testNow)
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.Equal(t, tc.want, fieldCodes(t, err))
		})
	}
}

func TestEveryEnumValueIsAccepted(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		set    func(a *Ad, v string)
	}{
		{"employment_type", EmploymentTypes, func(a *Ad, v string) { a.EmploymentType = v }},
		{"extent", Extents, func(a *Ad, v string) { a.Extent = v }},
		{"remote", RemoteModes, func(a *Ad, v string) { a.Remote = v }},
		{"salary.period", SalaryPeriods, func(a *Ad, v string) { a.Salary.Period = v }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.NotEmpty(t, tc.values)
			for _, v := range tc.values {
				a := validAd(t)
				tc.set(&a, v)
				require.NoError(t, Normalize(&a, testNow), v)
			}
		})
	}
}

func fillLocations(locs []Location) {
	for i := range locs {
		locs[i].City = "Oslo"
	}
}

func TestNormalizeReportsEveryField(t *testing.T) {
	a := Ad{
		Title:          "",
		Description:    "<script>x()</script>",
		Language:       "norsk",
		Employer:       Employer{OrgNumber: "x", Website: "www.eksempel.no"},
		Locations:      []Location{{}, {Country: "Norge"}},
		EmploymentType: "fast",
		Extent:         "full",
		Remote:         "maybe",
		Positions:      ptr(-2),
		Salary:         &Salary{Min: 10, Max: 5, Currency: "kroner", Period: "monthly"},
		Deadline:       "2020-01-01",
		Contact:        &Contact{Email: "nobody", Phone: "phone"},
		ApplyURL:       "mailto:hr@eksempel.no",
	}
	err := Normalize(&a, testNow)
	require.ElementsMatch(t, []fieldCode{
		{"title", "required"},
		{"description", "required"},
		{"language", "invalid_code"},
		{"positions", "out_of_range"},
		{"apply_url", "invalid_url"},
		{"employment_type", "invalid_enum"},
		{"extent", "invalid_enum"},
		{"remote", "invalid_enum"},
		{"employer.name", "required"},
		{"employer.org_number", "invalid_format"},
		{"employer.website", "invalid_url"},
		{"locations[0]", "required"},
		{"locations[1].country", "invalid_code"},
		{"salary.max", "out_of_range"},
		{"salary.currency", "invalid_code"},
		{"salary.period", "invalid_enum"},
		{"contact.email", "invalid_format"},
		{"contact.phone", "invalid_format"},
		{"deadline", "in_past"},
	}, fieldCodes(t, err))
	require.Contains(t, err.Error(), "salary.period: invalid_enum")
}

func TestNormalizeTrims(t *testing.T) {
	a := Ad{
		Title:       "  Kokk \n",
		Description: "\n <p>Lag mat</p> \t",
		Language:    " nb ",
		Employer:    Employer{Name: " Restaurant AS ", OrgNumber: " 999999999 ", Website: " https://r.no "},
		Locations:   []Location{{Address: " Storgata 1 ", PostalCode: " 0150 ", City: " Oslo ", Municipality: " Oslo ", Country: " no "}},
		Extent:      " part_time ",
		Salary:      &Salary{Currency: " nok ", Period: "hour", Min: 200},
		Deadline:    " 2026-12-01 ",
		Categories:  []string{" kitchen "},
		Contact:     &Contact{Name: " Kari ", Title: " HR ", Email: " kari@r.no ", Phone: " +4790000000 "},
		ApplyURL:    " https://r.no/apply ",
	}
	require.NoError(t, Normalize(&a, testNow))
	require.Equal(t, Ad{
		Title:       "Kokk",
		Description: "<p>Lag mat</p>",
		Language:    "nb",
		Employer:    Employer{Name: "Restaurant AS", OrgNumber: "999999999", Website: "https://r.no"},
		Locations:   []Location{{Address: "Storgata 1", PostalCode: "0150", City: "Oslo", Municipality: "Oslo", Country: "NO"}},
		Extent:      "part_time",
		Salary:      &Salary{Currency: "NOK", Period: "hour", Min: 200},
		Deadline:    "2026-12-01",
		Categories:  []string{"kitchen"},
		Contact:     &Contact{Name: "Kari", Title: "HR", Email: "kari@r.no", Phone: "+4790000000"},
		ApplyURL:    "https://r.no/apply",
	}, a)

	// Normalising a normalised ad changes nothing.
	b := a
	require.NoError(t, Normalize(&b, testNow))
	require.Equal(t, a, b)
}

func TestNormalizeDropsEmptyLists(t *testing.T) {
	a, err := Decode([]byte(`{"title":"t","description":"d","employer":{"name":"e"},"locations":[],"categories":[]}`))
	require.NoError(t, err)
	require.NoError(t, Normalize(&a, testNow))
	require.Nil(t, a.Locations)
	require.Nil(t, a.Categories)
}

func TestSanitize(t *testing.T) {
	tests := []struct {
		name     string
		html     string
		contains []string
		absent   []string
	}{
		{
			name:     "script removed with its content",
			html:     `<p>Hei</p><script>document.location="https://evil.example/?"+document.cookie</script>`,
			contains: []string{"<p>Hei</p>"},
			absent:   []string{"<script", "document.cookie", "evil.example"},
		},
		{
			name:   "upper-case script removed",
			html:   `<SCRIPT type="text/javascript">alert(1)</SCRIPT>ok`,
			absent: []string{"<script", "<SCRIPT", "alert"},
		},
		{
			name:     "event handler removed, element kept",
			html:     `<p onclick="steal()" onmouseover="x()">Klikk</p>`,
			contains: []string{"<p>Klikk</p>"},
			absent:   []string{"onclick", "onmouseover", "steal"},
		},
		{
			name:     "javascript href removed, text kept",
			html:     `<a href="javascript:alert(1)">Søk</a>`,
			contains: []string{"Søk"},
			absent:   []string{"javascript:", "href"},
		},
		{
			name:   "obfuscated javascript href removed",
			html:   `<a href="  JaVaScRiPt:alert(1)">x</a><a href="jav&#x09;ascript:alert(1)">y</a>`,
			absent: []string{"alert", "href"},
		},
		{
			name:     "https link kept, marked nofollow",
			html:     `<a href="https://eksempel.no/jobb">Les mer</a>`,
			contains: []string{`href="https://eksempel.no/jobb"`, "nofollow", ">Les mer</a>"},
		},
		{
			name:     "formatting kept",
			html:     `<p>Vi tilbyr:</p><ul><li><strong>Lønn</strong></li><li><em>Pensjon</em></li></ul><ol><li>a</li></ol><br>`,
			contains: []string{"<p>Vi tilbyr:</p>", "<ul><li><strong>Lønn</strong></li>", "<li><em>Pensjon</em></li></ul>", "<ol><li>a</li></ol>"},
		},
		{
			name:     "iframe, style, object and form removed",
			html:     `<iframe src="https://evil.example"></iframe><style>body{display:none}</style><object data="x.swf"></object><form action="https://evil.example"><input name="p"></form>ok`,
			contains: []string{"ok"},
			absent:   []string{"<iframe", "<style", "display:none", "<object", "<form", "<input"},
		},
		{
			name:   "inline style removed",
			html:   `<p style="background:url(javascript:alert(1))">x</p>`,
			absent: []string{"style", "javascript"},
		},
		{
			name:     "data image removed",
			html:     `<img src="data:text/html;base64,PHNjcmlwdD4=">x`,
			contains: []string{"x"},
			absent:   []string{"data:"},
		},
		{
			name:     "text escaped",
			html:     `Lønn 5 < 6 & "mer"`,
			contains: []string{"&lt;", "&amp;"},
			absent:   []string{" < "},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := SanitizeHTML(tc.html)
			for _, s := range tc.contains {
				require.Contains(t, got, s)
			}
			for _, s := range tc.absent {
				require.NotContains(t, got, s)
			}
			// Sanitising is idempotent: the stored description is stable.
			require.Equal(t, got, SanitizeHTML(got))

			// Normalize sanitises the description the same way.
			a := Ad{Title: "t", Description: tc.html, Employer: Employer{Name: "e"}}
			require.NoError(t, Normalize(&a, testNow))
			require.Equal(t, got, a.Description)
		})
	}
}

func TestMessagesNeverContainTheValue(t *testing.T) {
	const secret = "secret.person@example.com"
	decodeBodies := []struct {
		name string
		body string
	}{
		{"title an array", `{"title":["` + secret + `"]}`},
		{"positions a string", `{"positions":"` + secret + `"}`},
		{"salary min a string", `{"salary":{"min":"` + secret + `"}}`},
		{"contact an array", `{"contact":["` + secret + `"]}`},
		{"email an object", `{"contact":{"email":{"address":"` + secret + `"}}}`},
		{"malformed after value", `{"contact":{"email":"` + secret + `"}} trailing`},
		{"unquoted value", `{"contact":{"email":` + secret + `}}`},
		{"unknown field value", `{"email":"` + secret + `"}`},
	}
	for _, tc := range decodeBodies {
		t.Run("decode "+tc.name, func(t *testing.T) {
			_, err := Decode([]byte(tc.body))
			require.Error(t, err)
			assertNoSecret(t, err, secret)
		})
	}

	mutations := []struct {
		name   string
		mutate func(a *Ad)
	}{
		{"email with display name", func(a *Ad) { a.Contact.Email = "Secret Person <" + secret + ">" }},
		{"email with trailing text", func(a *Ad) { a.Contact.Email = secret + " (private)" }},
		{"phone", func(a *Ad) { a.Contact.Phone = secret }},
		{"language", func(a *Ad) { a.Language = secret }},
		{"country", func(a *Ad) { a.Locations[0].Country = secret }},
		{"currency", func(a *Ad) { a.Salary.Currency = secret }},
		{"org number", func(a *Ad) { a.Employer.OrgNumber = secret }},
		{"deadline", func(a *Ad) { a.Deadline = secret }},
		{"employment type", func(a *Ad) { a.EmploymentType = secret }},
		{"salary period", func(a *Ad) { a.Salary.Period = secret }},
		{"apply url", func(a *Ad) { a.ApplyURL = "mailto:" + secret }},
		{"website", func(a *Ad) { a.Employer.Website = secret }},
		{"title too long", func(a *Ad) { a.Title = secret + strings.Repeat("x", maxTitle) }},
		{"contact name too long", func(a *Ad) { a.Contact.Name = secret + strings.Repeat("x", maxShortText) }},
	}
	for _, tc := range mutations {
		t.Run("normalize "+tc.name, func(t *testing.T) {
			a := validAd(t)
			tc.mutate(&a)
			err := Normalize(&a, testNow)
			require.Error(t, err)
			assertNoSecret(t, err, secret)
		})
	}
}

func assertNoSecret(t *testing.T, err error, secret string) {
	t.Helper()
	for _, s := range []string{secret, "secret.person", "example.com"} {
		require.NotContains(t, err.Error(), s)
		if verr, ok := err.(*ValidationError); ok {
			for _, f := range verr.Fields {
				require.NotContains(t, f.Message, s, f.Field)
				require.NotContains(t, f.Field, s)
			}
		}
	}
}

func TestDeadlineIsADateInOslo(t *testing.T) {
	utc := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		require.NoError(t, err)
		return tm
	}
	tests := []struct {
		name     string
		now      time.Time
		deadline string
		wantPast bool
	}{
		{"today at noon", testNow, "2026-11-15", false},
		{"today just after midnight in Oslo", time.Date(2026, 11, 15, 0, 0, 1, 0, Oslo), "2026-11-15", false},
		{"today just before midnight in Oslo", time.Date(2026, 11, 15, 23, 59, 59, 0, Oslo), "2026-11-15", false},
		// 23:30 UTC on 15 June is 01:30 on 16 June in Oslo (CEST).
		{"UTC still yesterday, summer: today accepted", utc("2026-06-15T23:30:00Z"), "2026-06-16", false},
		{"UTC still yesterday, summer: UTC date is past", utc("2026-06-15T23:30:00Z"), "2026-06-15", true},
		// 23:30 UTC on 15 January is 00:30 on 16 January in Oslo (CET).
		{"UTC still yesterday, winter: today accepted", utc("2026-01-15T23:30:00Z"), "2026-01-16", false},
		{"UTC still yesterday, winter: UTC date is past", utc("2026-01-15T23:30:00Z"), "2026-01-15", true},
		{"now given in another zone", time.Date(2026, 11, 15, 7, 0, 0, 0, time.FixedZone("UTC-8", -8*3600)), "2026-11-15", false},
		{"yesterday", testNow, "2026-11-14", true},
		{"tomorrow", testNow, "2026-11-16", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := Ad{Title: "t", Description: "d", Employer: Employer{Name: "e"}, Deadline: tc.deadline}
			err := Normalize(&a, tc.now)
			if !tc.wantPast {
				require.NoError(t, err)
				return
			}
			require.Equal(t, []fieldCode{{"deadline", "in_past"}}, fieldCodes(t, err))
		})
	}
}

func ptr[T any](v T) *T { return &v }

// TestNormalizeCanonicalCodes: codes are checked against the registries
// and stored in one form, so the same ad from two spellings hashes alike.
func TestNormalizeCanonicalCodes(t *testing.T) {
	a := validAd(t)
	a.Language, a.Locations[0].Country, a.Salary.Currency = "NB-no", "se", "eur"
	require.NoError(t, Normalize(&a, testNow))
	require.Equal(t, "nb", a.Language)
	require.Equal(t, "SE", a.Locations[0].Country)
	require.Equal(t, "EUR", a.Salary.Currency)
	for in, want := range map[string]string{"nob": "nb", "eng": "en", "sv-SE": "sv", "nn": "nn", "fi": "fi"} {
		b := validAd(t)
		b.Language = in
		require.NoError(t, Normalize(&b, testNow), in)
		require.Equal(t, want, b.Language, in)
	}
}

// TestDropInvalid: from a vendor, a bad code or number is dropped with a
// warning naming the field, and the rest of the ad is kept.
func TestDropInvalid(t *testing.T) {
	a := validAd(t)
	a.Language, a.Locations[0].Country = "zz", "XX"
	a.Positions = ptr(0)
	a.Salary = &Salary{Min: -1, Max: 1e308, Currency: "ABC", Period: "year"}
	warnings := DropInvalid(&a)
	got := make([]fieldCode, len(warnings))
	for i, w := range warnings {
		require.Contains(t, w.Message, "dropped")
		got[i] = fieldCode{w.Field, w.Code}
	}
	require.Equal(t, []fieldCode{{"language", "invalid_code"}, {"locations[0].country", "invalid_code"},
		{"positions", "out_of_range"}, {"salary.min", "out_of_range"}, {"salary.max", "out_of_range"},
		{"salary.currency", "invalid_code"}}, got)
	require.Empty(t, a.Language)
	require.Empty(t, a.Locations[0].Country)
	require.Equal(t, "Oslo", a.Locations[0].City, "the rest of the location is kept")
	require.Nil(t, a.Positions)
	require.Nil(t, a.Salary, "a salary left without amounts is dropped")
	require.NoError(t, Normalize(&a, testNow), "what is left is a valid ad")

	b := validAd(t)
	b.Salary.Min, b.Salary.Max = math.NaN(), 550000
	require.Len(t, DropInvalid(&b), 1)
	require.Equal(t, &Salary{Max: 550000, Currency: "NOK", Period: "year"}, b.Salary)

	c := validAd(t)
	require.Empty(t, DropInvalid(&c), "a valid ad loses nothing")
	require.Equal(t, validAd(t), c)
}
