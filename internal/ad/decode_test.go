package ad

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// fixtureDir holds the ad fixtures shared with other packages' tests.
const fixtureDir = "../../testdata/ad"

// testNow is the fixed "now" of the tests: 15 November 2026, noon in Oslo.
var testNow = time.Date(2026, time.November, 15, 12, 0, 0, 0, Oslo)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir, name))
	require.NoError(t, err)
	return b
}

// decodeFixture decodes and normalises a fixture that must be valid.
func decodeFixture(t testing.TB, name string) Ad {
	t.Helper()
	a, err := Decode(readFixture(t, name))
	require.NoError(t, err, name)
	require.NoError(t, Normalize(&a, testNow), name)
	return a
}

// fieldCode is a FieldError without its message, for comparisons.
type fieldCode struct{ Field, Code string }

// fieldCodes returns the fields and codes of err, which must be a
// *ValidationError.
func fieldCodes(t testing.TB, err error) []fieldCode {
	t.Helper()
	var verr *ValidationError
	require.ErrorAs(t, err, &verr)
	require.NotEmpty(t, verr.Fields, "a ValidationError lists at least one field")
	out := make([]fieldCode, len(verr.Fields))
	for i, f := range verr.Fields {
		require.NotEmpty(t, f.Message, "%s has no message", f.Field)
		out[i] = fieldCode{f.Field, f.Code}
	}
	return out
}

func TestDecodeFixtures(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		check func(t *testing.T, a Ad)
	}{
		{
			name: "design example",
			file: "full.json",
			check: func(t *testing.T, a Ad) {
				require.Equal(t, "Lagermedarbeider", a.Title)
				require.Equal(t, "<p>Vi søker ...</p>", a.Description)
				require.Equal(t, "nb", a.Language)
				require.Equal(t, Employer{Name: "Eksempel AS", OrgNumber: "999999999", Website: "https://eksempel.no"}, a.Employer)
				require.Equal(t, []Location{{Address: "Storgata 1", PostalCode: "0150", City: "Oslo", Municipality: "Oslo", Country: "NO"}}, a.Locations)
				require.Equal(t, "permanent", a.EmploymentType)
				require.Equal(t, "full_time", a.Extent)
				require.Equal(t, "hybrid", a.Remote)
				require.Equal(t, ptr(1), a.Positions)
				require.Equal(t, &Salary{Min: 500000, Max: 600000, Currency: "NOK", Period: "year"}, a.Salary)
				require.Equal(t, "2030-12-31", a.Deadline)
				require.Equal(t, "by agreement", a.StartDate)
				require.Equal(t, "Logistics", a.Department)
				require.Equal(t, []string{"warehouse"}, a.Categories)
				require.Equal(t, &Contact{Name: "Kari Nordmann", Title: "HR", Email: "kari@eksempel.no", Phone: "+4790000000"}, a.Contact)
				require.Equal(t, "https://ats.example/jobs/123/apply", a.ApplyURL)
			},
		},
		{
			name: "minimal",
			file: "minimal.json",
			check: func(t *testing.T, a Ad) {
				require.Equal(t, Ad{Title: "Kokk", Description: "Vi søker en kokk.", Employer: Employer{Name: "Restaurant AS"}}, a)
			},
		},
		{
			name: "rich html is trimmed, upper-cased and sanitised",
			file: "rich_html.json",
			check: func(t *testing.T, a Ad) {
				require.Equal(t, "Utvikler", a.Title)
				require.Equal(t, "Eksempel AS", a.Employer.Name)
				require.Equal(t, "NO", a.Locations[0].Country)
				require.Equal(t, "NOK", a.Salary.Currency)
				require.Equal(t, "hr@eksempel.no", a.Contact.Email)
				require.Contains(t, a.Description, "<strong>utvikler</strong>")
				require.NotContains(t, a.Description, "<script")
				require.NotContains(t, a.Description, "onclick")
				require.NotContains(t, a.Description, "javascript:")
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.check(t, decodeFixture(t, tc.file))
		})
	}
}

func TestDecodeFieldErrors(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []fieldCode
	}{
		{"unknown top-level field", `{"title":"x","salery":1}`, []fieldCode{{"salery", "unknown_field"}}},
		{"top-level names are case-sensitive", `{"Title":"x"}`, []fieldCode{{"Title", "unknown_field"}}},
		{"unknown employer field", `{"employer":{"name":"x","foo":1}}`, []fieldCode{{"employer.foo", "unknown_field"}}},
		{"nested names are case-sensitive", `{"employer":{"NAME":"x"}}`, []fieldCode{{"employer.NAME", "unknown_field"}}},
		{"unknown salary field", `{"salary":{"amount":1}}`, []fieldCode{{"salary.amount", "unknown_field"}}},
		{"unknown location field", `{"locations":[{"city":"Oslo"},{"zip":"0150"}]}`, []fieldCode{{"locations[1].zip", "unknown_field"}}},
		{"title a number", `{"title":5}`, []fieldCode{{"title", "invalid_type"}}},
		{"description an object", `{"description":{"html":"x"}}`, []fieldCode{{"description", "invalid_type"}}},
		{"employer a string", `{"employer":"Eksempel AS"}`, []fieldCode{{"employer", "invalid_type"}}},
		{"employer name a bool", `{"employer":{"name":true}}`, []fieldCode{{"employer.name", "invalid_type"}}},
		{"salary min a string", `{"salary":{"min":"x"}}`, []fieldCode{{"salary.min", "invalid_type"}}},
		{"salary an array", `{"salary":[1,2]}`, []fieldCode{{"salary", "invalid_type"}}},
		{"positions a fraction", `{"positions":1.5}`, []fieldCode{{"positions", "invalid_type"}}},
		{"positions a string", `{"positions":"1"}`, []fieldCode{{"positions", "invalid_type"}}},
		{"locations an object", `{"locations":{"city":"Oslo"}}`, []fieldCode{{"locations", "invalid_type"}}},
		{"location city a number", `{"locations":[{"city":"Oslo"},{"city":5}]}`, []fieldCode{{"locations[1].city", "invalid_type"}}},
		{"categories a string", `{"categories":"warehouse"}`, []fieldCode{{"categories", "invalid_type"}}},
		{"category a number", `{"categories":["a",5]}`, []fieldCode{{"categories[1]", "invalid_type"}}},
		{"contact email a number", `{"contact":{"email":5}}`, []fieldCode{{"contact.email", "invalid_type"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode([]byte(tc.body))
			require.Equal(t, tc.want, fieldCodes(t, err))
		})
	}
}

func TestDecodeReportsEveryField(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []fieldCode
	}{
		{
			name: "top-level and nested",
			body: `{"title":5,"colour":"red","salary":{"min":"x"},"employer":{"bar":1},"positions":"two"}`,
			want: []fieldCode{
				{"colour", "unknown_field"},
				{"employer.bar", "unknown_field"},
				{"positions", "invalid_type"},
				{"salary.min", "invalid_type"},
				{"title", "invalid_type"},
			},
		},
		{
			name: "several in one nested object",
			body: `{"contact":{"email":5,"phone":6,"fax":"1"},"employer":{"name":5,"foo":1}}`,
			want: []fieldCode{
				{"contact.email", "invalid_type"},
				{"contact.fax", "unknown_field"},
				{"contact.phone", "invalid_type"},
				{"employer.foo", "unknown_field"},
				{"employer.name", "invalid_type"},
			},
		},
		{
			name: "several array elements",
			body: `{"locations":[{"city":1},{"country":2},{"x":3}],"categories":[1,"ok",2]}`,
			want: []fieldCode{
				{"categories[0]", "invalid_type"},
				{"categories[2]", "invalid_type"},
				{"locations[0].city", "invalid_type"},
				{"locations[1].country", "invalid_type"},
				{"locations[2].x", "unknown_field"},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode([]byte(tc.body))
			require.Equal(t, tc.want, fieldCodes(t, err))
		})
	}
}

func TestDecodeNullsLeaveZeroValues(t *testing.T) {
	a, err := Decode([]byte(`{"title":null,"salary":null,"contact":null,"locations":null,"employer":null,"positions":null,"categories":[null]}`))
	require.NoError(t, err)
	require.Equal(t, Ad{Categories: []string{""}}, a)
}

func TestDecodeSyntaxError(t *testing.T) {
	tests := []struct {
		name string
		body string
	}{
		{"empty body", ``},
		{"whitespace only", " \n\t"},
		{"truncated object", `{"title":"x"`},
		{"unquoted value", `{"title": x}`},
		{"trailing comma", `{"title":"x",}`},
		{"array of ads", `[{"title":"x"}]`},
		{"empty array", `[]`},
		{"string", `"an ad"`},
		{"number", `42`},
		{"null", `null`},
		{"trailing garbage", `{"title":"x"} garbage`},
		{"two objects", `{"title":"x"}{"title":"y"}`},
		{"trailing bracket", `{"title":"x"}]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode([]byte(tc.body))
			var serr *SyntaxError
			require.ErrorAs(t, err, &serr)
			require.NotNil(t, serr.Unwrap())
			require.True(t, errors.Is(err, serr.Err))
			var verr *ValidationError
			require.False(t, errors.As(err, &verr), "a syntax error is not a validation error")
		})
	}
}

func TestDecodeAcceptsSurroundingWhitespace(t *testing.T) {
	_, err := Decode([]byte("\n  {\"title\":\"x\"}  \r\n"))
	require.NoError(t, err)
}

// TestDecodeRefusesWhatIsNotText: invalid UTF-8 is only visible in the raw
// body (encoding/json replaces it with U+FFFD), and a \u0000 escape is a
// NUL once decoded; both are reported with the field's path.
func TestDecodeRefusesWhatIsNotText(t *testing.T) {
	for name, tc := range map[string]struct {
		body  string
		field string
	}{
		"NUL in the title":                 {`{"title":"a\u0000b","description":"d","employer":{"name":"e"}}`, "title"},
		"NUL in the description":           {`{"title":"t","description":"<p>\u0000</p>","employer":{"name":"e"}}`, "description"},
		"NUL in a nested field":            {`{"title":"t","description":"d","employer":{"name":"e"},"locations":[{"city":"Oslo"},{"city":"B\u0000"}]}`, "locations[1].city"},
		"invalid UTF-8 in the title":       {"{\"title\":\"Lager\xff\",\"description\":\"d\",\"employer\":{\"name\":\"e\"}}", "title"},
		"invalid UTF-8 in a nested field":  {"{\"title\":\"t\",\"description\":\"d\",\"employer\":{\"name\":\"\xc3(\"}}", "employer.name"},
		"overlong encoding of NUL (C0 80)": {"{\"title\":\"t\",\"description\":\"\xc0\x80\",\"employer\":{\"name\":\"e\"}}", "description"},
		"a surrogate half (ED A0 80)":      {"{\"title\":\"t\",\"description\":\"d\",\"employer\":{\"name\":\"e\"},\"categories\":[\"\xed\xa0\x80\"]}", "categories[0]"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Decode([]byte(tc.body))
			require.Contains(t, fieldCodes(t, err), fieldCode{tc.field, "invalid_text"})
		})
	}
	a, err := Decode([]byte(`{"title":"a\\u0000b","description":"d","employer":{"name":"e"}}`))
	require.NoError(t, err, "an escaped backslash before u0000 is text")
	require.Equal(t, `a\u0000b`, a.Title)
}
