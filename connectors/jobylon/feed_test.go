package jobylon

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

// now is before the documented example's to_date.
var now = time.Date(2019, time.June, 1, 12, 0, 0, 0, time.UTC)

// TestGolden maps Jobylon's own feed examples, JSON and XML, to the
// canonical ad jobgate stores.
func TestGolden(t *testing.T) {
	connectortest.Golden(t, "../../testdata/jobylon/jobylon-feed-*-example.*", now, func(body []byte) (ad.Ad, error) {
		jobs, err := ParseFeed(body)
		if err != nil {
			return ad.Ad{}, err
		}
		require.Len(t, jobs, 1)
		require.Equal(t, "4069", jobs[0].Reference())
		return jobs[0].Ad(), nil
	})
}

// TestJSONAndXMLAgree checks that the same job, in Jobylon's JSON and XML
// examples, maps to the same canonical ad.
func TestJSONAndXMLAgree(t *testing.T) {
	var ads []ad.Ad
	for _, f := range []string{"jobylon-feed-jobs-example.json", "jobylon-feed-job-example.xml"} {
		body, err := os.ReadFile("../../testdata/jobylon/" + f)
		require.NoError(t, err)
		jobs, err := ParseFeed(body)
		require.NoError(t, err)
		a := jobs[0].Ad()
		require.NoError(t, ad.Normalize(&a, now))
		// Jobylon's XML example has the same HTML reflowed: spaces where
		// the JSON has newlines.
		a.Description = strings.Join(strings.Fields(a.Description), " ")
		ads = append(ads, a)
	}
	require.Equal(t, ads[0], ads[1])
}

func TestParseFeedRefuses(t *testing.T) {
	for _, c := range []struct{ name, body, want string }{
		{"empty", "  ", "empty"},
		{"HTML error page", "<!DOCTYPE html><html><body>502</body></html>", "HTML page"},
		{"XHTML error page", `<?xml version="1.0"?><HTML><body>502</body></HTML>`, "HTML page"},
		{"another document", "<error><message>invalid hash</message></error>", "no <job> in a document rooted at <error>"},
		{"no root", `<?xml version="1.0"?>`, "no root element"},
		{"truncated JSON", `[{"id":1,"title":"x"`, "malformed"},
		{"truncated XML", `<jobs><job><id>1</id><title>x`, "malformed"},
		{"an object, not a list", `{"id":1}`, "neither JSON nor XML"},
		{"no id", `[{"title":"x"}]`, "no id"},
		{"duplicate id", `[{"id":7},{"id":"7"}]`, "job 7 is listed twice"},
		{"duplicate id in XML", `<jobs><job><id>7</id></job><job><id> 7 </id></job></jobs>`, "listed twice"},
		{"XML entity", `<!DOCTYPE job [<!ENTITY x "boom">]><job><id>1</id><title>&x;</title></job>`, "malformed"},
		{"XML entity declared, unused", `<!DOCTYPE job [<!ENTITY x "boom">]><job><id>1</id></job>`, "declares entities"},
		{"XML external entity", `<!DOCTYPE job [<!ENTITY x SYSTEM "file:///etc/passwd">]><job><id>1</id><title>&x;</title></job>`, "malformed"},
		{"billion laughs", `<!DOCTYPE jobs [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><jobs><job><id>1</id><title>&lol2;</title></job></jobs>`, "malformed"},
		{"undeclared entity", `<job><id>1</id><title>&nbsp;</title></job>`, "malformed"},
	} {
		jobs, err := ParseFeed([]byte(c.body))
		require.ErrorContains(t, err, c.want, c.name)
		require.Empty(t, jobs, c.name)
	}
	jobs, err := ParseFeed([]byte(`<jobs><job><id>1</id><title>A</title></job><job><id>2</id><title>B</title></job></jobs>`))
	require.NoError(t, err)
	require.Len(t, jobs, 2)
	for _, empty := range []string{`[]`, `<jobs/>`, `<?xml version="1.0" encoding="UTF-8"?><jobs></jobs>`} {
		jobs, err = ParseFeed([]byte(empty))
		require.NoError(t, err, "a client with no open jobs: %s", empty)
		require.Empty(t, jobs)
	}
}

func TestEmployment(t *testing.T) {
	for in, want := range map[string][2]string{"Full-time": {"", "full_time"}, "Part-time": {"", "part_time"},
		"Temporary, full-time": {"temporary", "full_time"}, "Internship": {"internship", ""}, "": {"", ""}} {
		k, e := employment(in)
		require.Equal(t, want, [2]string{k, e}, in)
	}
}

// FuzzParseFeed feeds the feed parser, seeded with Jobylon's examples: no
// panic, and every job read maps to an ad that validates or is refused
// field by field.
func FuzzParseFeed(f *testing.F) {
	for _, name := range []string{"jobylon-feed-jobs-example.json", "jobylon-feed-job-example.xml"} {
		if body, err := os.ReadFile("../../testdata/jobylon/" + name); err == nil {
			f.Add(body)
		}
	}
	f.Add([]byte(`<jobs><job><id>1</id></job></jobs>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		jobs, err := ParseFeed(body)
		if err != nil {
			return
		}
		for _, j := range jobs {
			a := j.Ad()
			if err := ad.Normalize(&a, now); err != nil {
				var verr *ad.ValidationError
				require.ErrorAs(t, err, &verr)
				continue
			}
			require.NotContains(t, strings.ToLower(a.Description), "<script")
		}
	})
}

// TestParseFeedSkipsOneJob: a NUL, a character reference to one, a raw
// control character or bytes that are not UTF-8 in one job of an XML or
// JSON feed mark that job (to be skipped) and leave the feed and the
// other jobs readable (issue 13, break 5).
func TestParseFeedSkipsOneJob(t *testing.T) {
	xmlFeed := func(bad string) string {
		return `<?xml version="1.0" encoding="utf-8"?><jobs>` +
			`<job><id>1</id><title><![CDATA[One]]></title></job>` +
			`<job><id>2</id><title><![CDATA[T` + bad + `wo]]></title><descr>d` + bad + `</descr></job>` +
			`<job><id>3</id><title>Three</title></job></jobs>`
	}
	for name, c := range map[string]struct{ body, problem string }{
		"XML raw NUL":           {xmlFeed("\x00"), connectors.ProblemUnreadable},
		"XML invalid UTF-8":     {xmlFeed("\xff\xfe"), connectors.ProblemUnreadable},
		"XML control character": {xmlFeed("\x1b"), connectors.ProblemUnreadable},
		"XML reference to NUL": {`<jobs><job><id>1</id><title>One</title></job><job><id>2</id><title>T&#0;wo</title></job>` +
			`<job><id>3</id><title>Three</title></job></jobs>`, connectors.ProblemUnreadable},
		"JSON NUL escape": {`[{"id":1,"title":"One"},{"id":2,"title":"T\u0000wo"},{"id":3,"title":"Three"}]`,
			"title: must not contain NUL"},
		"JSON invalid UTF-8": {"[{\"id\":1,\"title\":\"One\"},{\"id\":2,\"company\":{\"name\":\"\xc3(\"}},{\"id\":3,\"title\":\"Three\"}]",
			"company.name: must be valid UTF-8"},
		"JSON raw NUL": {"[{\"id\":1,\"title\":\"One\"},{\"id\":2,\"title\":\"T\x00wo\"},{\"id\":3,\"title\":\"Three\"}]",
			connectors.ProblemUnreadable},
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
