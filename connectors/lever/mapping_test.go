package lever

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/connectortest"
	"github.com/jobgate/jobgate/internal/ad"
)

var now = time.Date(2026, time.July, 1, 12, 0, 0, 0, time.UTC)

const fixture = "../../testdata/lever/postings.json"

// TestGolden maps each posting of the fixture list to the canonical ad,
// compared with postings.<id>.golden.json.
func TestGolden(t *testing.T) {
	connectortest.GoldenList(t, fixture, now, func(body []byte) ([]connectors.Posting, error) {
		ps, err := ParsePage(body)
		if err != nil {
			return nil, err
		}
		var out []connectors.Posting
		for _, p := range ps {
			out = append(out, connectors.Posting{Reference: p.Reference(), Ad: p.Ad("Fjordpay", "")})
		}
		return out, nil
	})
}

func TestParsePageRefuses(t *testing.T) {
	for _, c := range []struct{ name, body, want string }{
		{"empty", "  ", "not a JSON array"},
		{"null", "null", "not a JSON array"},
		{"error object", `{"ok":false,"error":"Document not found"}`, "not a JSON array"},
		{"HTML page", "<!DOCTYPE html><html></html>", "not a JSON array"},
		{"truncated", `[{"id":"a","text":"x"`, "malformed"},
		{"no id", `[{"id":"a"},{"text":"x"}]`, "posting 1 of the page has no id"},
		{"blank id", `[{"id":"  "}]`, "no id"},
	} {
		_, err := ParsePage([]byte(c.body))
		require.ErrorContains(t, err, c.want, c.name)
	}
	ps, err := ParsePage([]byte(`[]`))
	require.NoError(t, err, "a site with no postings is an empty list")
	require.Empty(t, ps)
}

// TestParsePageSkipsOnePosting: a posting with a NUL, a raw control
// character, bytes that are not UTF-8 or a value of the wrong type is
// returned with its problem (to be skipped); the page and the postings
// around it are read (issue 13, break 5).
func TestParsePageSkipsOnePosting(t *testing.T) {
	for name, c := range map[string]struct{ bad, problem string }{
		"NUL escape":       {`{"id":"b","text":"x\u0000y"}`, "text: must not contain NUL"},
		"raw NUL byte":     {"{\"id\":\"b\",\"text\":\"x\x00y\"}", connectors.ProblemUnreadable},
		"invalid UTF-8":    {"{\"id\":\"b\",\"categories\":{\"team\":\"\xff\"}}", "categories.team: must be valid UTF-8"},
		"a wrong type":     {`{"id":"b","salaryRange":{"min":"lots"}}`, "salaryRange.min: a value of the wrong type"},
		"raw vertical tab": {"{\"id\":\"b\",\"text\":\"x\x0by\"}", connectors.ProblemUnreadable},
	} {
		t.Run(name, func(t *testing.T) {
			ps, err := ParsePage([]byte(`[{"id":"a","text":"A"},` + c.bad + `,{"id":"c","text":"C"}]`))
			require.NoError(t, err)
			require.Len(t, ps, 3)
			require.Equal(t, []string{"a", "b", "c"}, []string{ps[0].ID, ps[1].ID, ps[2].ID})
			require.Empty(t, ps[0].problem)
			require.Contains(t, ps[1].problem, c.problem)
			require.Empty(t, ps[2].problem)
			require.Equal(t, "C", ps[2].Text)
		})
	}
}

func TestAdDetails(t *testing.T) {
	p := Posting{ID: "x", Text: "T", DescriptionPlain: "Plain <only> & text", Country: "null",
		Categories:  Categories{Location: " Remote ", Commitment: "Intern"},
		SalaryRange: &Salary{Currency: "sek", Interval: "one-time", Min: 1000}, WorkplaceType: "unspecified"}
	a := p.Ad("E", "sv")
	require.Equal(t, "<p>Plain &lt;only&gt; &amp; text</p>", a.Description, "plain text is escaped, not taken as HTML")
	require.Equal(t, []ad.Location{{City: "Remote"}}, a.Locations, "a country that is not an ISO code is dropped")
	require.Equal(t, &ad.Salary{Min: 1000, Currency: "SEK"}, a.Salary, "an unknown interval has no period")
	require.Equal(t, "internship", a.EmploymentType)
	require.Empty(t, a.Remote)
	require.Equal(t, "sv", a.Language)
	require.Nil(t, Posting{SalaryRange: &Salary{Currency: "NOK"}}.Ad("E", "").Salary, "a range with no amounts is none")
	require.Equal(t, []ad.Location{{Country: "NO"}}, Posting{Country: "no"}.Ad("E", "").Locations)
}

func TestEmployment(t *testing.T) {
	for in, want := range map[string][2]string{
		"Full-time": {"", "full_time"}, "Part-time": {"", "part_time"}, "Fulltime": {"", "full_time"},
		"Contract": {"contract", ""}, "Contractor": {"contract", ""}, "Intern": {"internship", ""},
		"Internal": {"", ""}, "Temporary": {"temporary", ""}, "Permanent": {"permanent", ""},
		"Full-time, Fixed term": {"temporary", "full_time"}, "Permanent - Part time": {"permanent", "part_time"},
		"Heltid": {"", "full_time"}, "": {"", ""},
	} {
		k, e := employment(in)
		require.Equal(t, want, [2]string{k, e}, in)
	}
}

func TestRemote(t *testing.T) {
	for in, want := range map[string]string{"on-site": "none", "onsite": "none", "remote": "full", "hybrid": "hybrid", "unspecified": "", "": ""} {
		require.Equal(t, want, remote(in), in)
	}
}

// FuzzParsePage feeds the page parser, seeded with the fixture: no panic,
// and every posting read maps to an ad that validates or is refused field
// by field.
func FuzzParsePage(f *testing.F) {
	if body, err := os.ReadFile(fixture); err == nil {
		f.Add(body)
	}
	f.Add([]byte(`[{"id":"1","text":"t","description":"<p>d</p>","lists":[{"text":"<b>","content":"<li>x"}]}]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		ps, err := ParsePage(body)
		if err != nil {
			return
		}
		for _, p := range ps {
			a := p.Ad("Employer", "")
			if err := ad.Normalize(&a, now); err != nil {
				var verr *ad.ValidationError
				require.ErrorAs(t, err, &verr)
				continue
			}
			require.NotContains(t, strings.ToLower(a.Description), "<script")
		}
	})
}

// TestListsOneLevel: a posting's lists render as one list level under
// their heading, whether Lever sends the README's "unstyled HTML of list
// elements" (<li> items) or the items already in their <ul> (or <ol>);
// before, the latter came out as a <ul> inside a <ul> (issue 15, Lever).
func TestListsOneLevel(t *testing.T) {
	for name, content := range map[string]string{
		"items":         `<li>Go</li><li>PostgreSQL</li>`,
		"items in ul":   `<ul><li>Go</li><li>PostgreSQL</li></ul>`,
		"spaced ul":     "\n  <UL>\n<li>Go</li><li>PostgreSQL</li></UL> ",
		"items with ol": `<ol><li>Go</li><li>PostgreSQL</li></ol>`,
	} {
		body := `[{"id":"p1","text":"Backend","description":"<div>We build.</div>","lists":[{"text":"Requirements","content":` + strconvQuote(content) + `}]}]`
		ps, err := ParsePage([]byte(body))
		require.NoError(t, err, name)
		d := ps[0].Ad("Fjordpay", "").Description
		require.Equal(t, 1, listDepth(d), "%s: %s", name, d)
		require.Contains(t, d, "<h3>Requirements</h3>", name)
		require.Equal(t, 2, strings.Count(strings.ToLower(d), "<li>"), name)
	}
}

// listDepth is the deepest nesting of <ul> and <ol> in s.
func listDepth(s string) int {
	s = strings.ToLower(s)
	depth, deepest := 0, 0
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], "<ul") || strings.HasPrefix(s[i:], "<ol"):
			depth++
			deepest = max(deepest, depth)
		case strings.HasPrefix(s[i:], "</ul") || strings.HasPrefix(s[i:], "</ol"):
			depth--
		}
	}
	return deepest
}

func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
