package workbuster

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/connectortest"
	"github.com/jobgate/jobgate/internal/ad"
)

// fixture is the feed written from the public evidence
// (testdata/workbuster/PROVENANCE.md).
const fixture = "../../testdata/workbuster/feed.json"

// now is before the fixture's deadlines.
var now = time.Date(2019, time.March, 20, 12, 0, 0, 0, time.UTC)

// TestGolden maps every job of the fixture to the canonical ad jobgate
// stores.
func TestGolden(t *testing.T) {
	connectortest.GoldenList(t, fixture, now, func(body []byte) ([]connectors.Posting, error) {
		jobs, err := ParseFeed(body)
		if err != nil {
			return nil, err
		}
		var out []connectors.Posting
		for _, j := range jobs {
			require.Empty(t, j.problem, j.Reference())
			out = append(out, connectors.Posting{Reference: j.Reference(), Ad: j.Ad("")})
		}
		return out, nil
	})
}

// TestMapping checks what the golden files show, field by field, against
// the evidence: the deadline is the closing day in the feed's own offset,
// a missing city falls back to location.name, and plain text is escaped.
func TestMapping(t *testing.T) {
	body, err := os.ReadFile(fixture)
	require.NoError(t, err)
	jobs, err := ParseFeed(body)
	require.NoError(t, err)
	require.Len(t, jobs, 3)
	a, b, c := jobs[0].Ad(""), jobs[1].Ad(""), jobs[2].Ad("")
	require.Equal(t, "62892", jobs[0].Reference(), "an integer id")
	require.Equal(t, "2019-04-18", a.Deadline)
	require.Equal(t, "2019-03-31", c.Deadline)
	require.Equal(t, []ad.Location{{City: "Stockholm"}}, a.Locations)
	require.Equal(t, []ad.Location{{City: "Göteborg"}}, b.Locations, "location.name when city is null")
	require.Empty(t, c.Locations, "an empty location is none, not the company's city")
	require.Equal(t, "Utveckling", a.Department)
	require.Equal(t, []string{"Utveckling"}, a.Categories)
	require.Empty(t, b.Department, "department null")
	require.Equal(t, "https://kyhdemo.workbuster.com/jobs/62907-lagerarbetare-till-nattskift", b.ApplyURL)
	require.Equal(t, "<p>Till vårt lager söker vi lagerarbetare för nattskift.<br>Truckkort är ett krav.</p><p>Intervjuer sker löpande.</p>", b.Description)
	require.Contains(t, c.Description, "bokföring &amp; fakturering")
	require.Equal(t, "Exempelbolaget AB", a.Employer.Name)
}

func TestEmployerFallback(t *testing.T) {
	jobs, err := ParseFeed([]byte(`{"jobs":[{"id":1,"title":"T","company":null},{"id":2,"company":{"name":"Bolaget AB"}}]}`))
	require.NoError(t, err)
	require.Equal(t, "Inställningen AB", jobs[0].Ad("Inställningen AB").Employer.Name)
	require.Equal(t, "Bolaget AB", jobs[1].Ad("Inställningen AB").Employer.Name, "the feed's company wins")
}

func TestDescriptionHTML(t *testing.T) {
	for in, want := range map[string]string{
		"":                           "",
		"  En rad.  ":                "<p>En rad.</p>",
		"a < b och c > d":            "<p>a &lt; b och c &gt; d</p>",
		"Rad ett\r\nRad två":         "<p>Rad ett<br>Rad två</p>",
		"<p>Redan <b>HTML</b></p>":   "<p>Redan <b>HTML</b></p>",
		"Text<br/>med radbrytning":   "Text<br/>med radbrytning",
		"<script>x</script>Hej":      "<script>x</script>Hej",
		"Första stycket\n\n\nAndra.": "<p>Första stycket</p><p>Andra.</p>",
	} {
		require.Equal(t, want, descriptionHTML(in), in)
	}
	// HTML is kept for jobgate's sanitiser, which drops what is unsafe.
	a := Job{ID: "1", Title: "T", DescriptionShort: "<script>alert(1)</script><p>Hej</p>", Company: company{Name: "AB"}}.Ad("")
	require.NoError(t, ad.Normalize(&a, now))
	require.Equal(t, "<p>Hej</p>", a.Description)
}

func TestParseFeedRefuses(t *testing.T) {
	for _, c := range []struct{ name, body, want string }{
		{"empty", "  ", "not a JSON object"},
		{"HTML error page", "<!DOCTYPE html><html><body>502</body></html>", "not a JSON object"},
		{"a bare list", `[{"id":1}]`, "not a JSON object"},
		{"an error object", `{"error":"not found"}`, `no "jobs" list`},
		{"jobs null", `{"jobs":null}`, `"jobs" is not a JSON array`},
		{"jobs an object", `{"jobs":{"id":1}}`, `"jobs" is not a JSON array`},
		{"jobs twice", `{"jobs":[{"id":1}],"jobs":[]}`, `"jobs" is given twice`},
		{"truncated", `{"jobs":[{"id":1,"title":"x"`, "malformed"},
		{"trailing data", `{"jobs":[]} {"jobs":[]}`, "data after"},
		{"no id", `{"jobs":[{"title":"x"}]}`, "job 0 has no id"},
		{"null id", `{"jobs":[{"id":null,"title":"x"}]}`, "job 0 has no id"},
		{"duplicate id", `{"jobs":[{"id":7},{"id":"7"}]}`, "job 7 is listed twice"},
	} {
		jobs, err := ParseFeed([]byte(c.body))
		require.ErrorContains(t, err, c.want, c.name)
		require.Empty(t, jobs, c.name)
	}
	jobs, err := ParseFeed([]byte(`{"total":0,"jobs":[]}`))
	require.NoError(t, err, "a customer with no published jobs")
	require.Empty(t, jobs)
	jobs, err = ParseFeed([]byte(`{"meta":{"x":[1,2]},"jobs":[{"id":1}],"links":null}`))
	require.NoError(t, err, "other members are skipped")
	require.Len(t, jobs, 1)
}

// TestParseFeedSkipsOneJob: a NUL, a raw control character, bytes that
// are not UTF-8 or a value of the wrong type in one job mark that job (to
// be skipped) and leave the feed and the other jobs readable.
func TestParseFeedSkipsOneJob(t *testing.T) {
	feed := func(bad string) string {
		return `{"jobs":[{"id":1,"title":"One"},{"id":2,` + bad + `},{"id":3,"title":"Three"}]}`
	}
	for name, c := range map[string]struct{ body, problem string }{
		"NUL escape":          {feed(`"title":"T\u0000wo"`), "title: must not contain NUL"},
		"raw NUL":             {feed("\"title\":\"T\x00wo\""), connectors.ProblemUnreadable},
		"invalid UTF-8":       {feed("\"company\":{\"name\":\"\xc3(\"}"), "company.name: must be valid UTF-8"},
		"wrong type":          {feed(`"location":{"city":["Oslo"]}`), "location.city: a value of the wrong type"},
		"control character":   {feed("\"description_short\":\"a\x1bb\""), connectors.ProblemUnreadable},
		"department a string": {feed(`"department":"IT"`), "department: a value of the wrong type"},
	} {
		t.Run(name, func(t *testing.T) {
			jobs, err := ParseFeed([]byte(c.body))
			require.NoError(t, err)
			require.Len(t, jobs, 3)
			for i, want := range []string{"1", "2", "3"} {
				require.Equal(t, want, jobs[i].Reference())
			}
			require.Empty(t, jobs[0].problem)
			require.Contains(t, jobs[1].problem, c.problem)
			require.Empty(t, jobs[2].problem)
			require.Equal(t, "Three", jobs[2].Title, "the job after the bad one is read whole")
		})
	}
}

// FuzzParseFeed feeds the feed parser, seeded with the fixture: no panic,
// an error or jobs with distinct non-empty ids, and every job read maps
// to an ad that validates or is refused field by field, with no script
// left in its description.
func FuzzParseFeed(f *testing.F) {
	if body, err := os.ReadFile(fixture); err == nil {
		f.Add(body)
	}
	f.Add([]byte(`{"jobs":[{"id":1,"title":"T","description_short":"<p>x</p>","location":{"city":null,"name":"Oslo"}}]}`))
	f.Add([]byte(`{"jobs":[]}`))
	f.Add([]byte(`{"jobs":null}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		jobs, err := ParseFeed(body)
		if err != nil {
			require.Empty(t, jobs)
			return
		}
		seen := map[string]bool{}
		for _, j := range jobs {
			ref := j.Reference()
			require.NotEmpty(t, ref)
			require.False(t, seen[ref], "id %s twice", ref)
			seen[ref] = true
			a := j.Ad("Arbetsgivaren AB")
			if err := ad.Normalize(&a, now); err != nil {
				var verr *ad.ValidationError
				require.ErrorAs(t, err, &verr)
				continue
			}
			require.NotContains(t, strings.ToLower(a.Description), "<script")
		}
	})
}
