package sim

import (
	"encoding/json"
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors/workbuster"
)

// TestWorkbusterServesTheConsumersShape checks the feed against what the
// public consumer reads (workbuster_feed.go): an object with a "jobs" list,
// integer ids, the closing day's end in Stockholm's offset, job page
// URLs, and the awkward parts (a null city with a name, a null
// department); and that jobgate's parser reads it back to the postings.
func TestWorkbusterServesTheConsumersShape(t *testing.T) {
	fs, srv := newFeedServer(t)
	feed := fs.Workbuster("acme")
	feed.Generate(12)
	p := GeneratePosting(3)
	p.ID, p.Department, p.Deadline = "77", "", "2030-01-15"
	feed.Put(p)

	resp, body := get(t, feed.URL(srv.URL))
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "application/json; charset=utf-8", resp.Header.Get("Content-Type"))
	require.Empty(t, resp.Header.Get("ETag"), "no validators: Workbuster's are unknown")
	var doc struct {
		Jobs []map[string]any `json:"jobs"`
	}
	require.NoError(t, json.Unmarshal(body, &doc))
	require.Len(t, doc.Jobs, 13)
	nullCities := 0
	for _, j := range doc.Jobs {
		require.IsType(t, float64(0), j["id"], "ids are JSON numbers")
		for _, k := range []string{"title", "description_short", "last_application_timestamp", "published_first_date",
			"updated_timestamp", "apply_url", "image", "company", "location", "department"} {
			require.Contains(t, j, k)
		}
		require.Regexp(t, `^\d{4}-\d\d-\d\dT23:59:59\+0[12]:00$`, j["last_application_timestamp"])
		require.Regexp(t, `^\d{4}-\d\d-\d\d$`, j["published_first_date"])
		require.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`, j["updated_timestamp"])
		require.Regexp(t, regexp.MustCompile(`^https://acme\.workbuster\.com/jobs/\d+-[a-z0-9-]+$`), j["apply_url"])
		loc := j["location"].(map[string]any)
		require.NotEmpty(t, loc["name"])
		if loc["city"] == nil {
			nullCities++
		}
	}
	require.Positive(t, nullCities, "some jobs have a null city and a name, as the consumer copes with")
	last := doc.Jobs[12]
	require.Nil(t, last["department"], "no department is null")
	require.Equal(t, "2030-01-15T23:59:59+01:00", last["last_application_timestamp"], "winter: +01:00")

	jobs, err := workbuster.ParseFeed(body)
	require.NoError(t, err)
	require.Len(t, jobs, 13)
	for i, j := range jobs[:12] {
		want, _ := feed.Posting(feed.GeneratedID(i + 1))
		a := j.Ad("")
		require.Equal(t, want.ID, j.Reference())
		require.Equal(t, want.Title, a.Title)
		require.Equal(t, want.Deadline, a.Deadline)
		require.Equal(t, want.Company, a.Employer.Name)
		require.Equal(t, want.City, a.Locations[0].City, "from city or, when null, name")
		require.Equal(t, want.Department, a.Department)
	}
}

func TestWorkbusterRoutes(t *testing.T) {
	fs, srv := newFeedServer(t)
	feed := fs.Workbuster("acme")
	feed.Generate(2)
	resp, _ := get(t, srv.URL+"/jobs/feed/acme")
	require.Equal(t, http.StatusNotFound, resp.StatusCode, "only format=json is known")
	resp, _ = get(t, WorkbusterURL(srv.URL, "other"))
	require.Equal(t, http.StatusNotFound, resp.StatusCode, "an unknown customer")
	resp, _ = get(t, srv.URL+"/jobs/feed/acme/"+feed.GeneratedID(1)+"?format=json")
	require.Equal(t, http.StatusNotFound, resp.StatusCode, "no single-job route is known")

	feed.Touch(feed.GeneratedID(1))
	_, body := get(t, feed.URL(srv.URL))
	jobs, err := workbuster.ParseFeed(body)
	require.NoError(t, err)
	require.Contains(t, jobs[0].Ad("").Description, "revisjon 1", "an edit shows in description_short")
	require.True(t, feed.Remove(feed.GeneratedID(2)))
	_, body = get(t, feed.URL(srv.URL))
	jobs, err = workbuster.ParseFeed(body)
	require.NoError(t, err)
	require.Len(t, jobs, 1)

	feed.Fault(FaultEmpty, 1)
	_, body = get(t, feed.URL(srv.URL))
	require.JSONEq(t, `{"jobs":[]}`, string(body))
}

func TestWorkbusterControlAPI(t *testing.T) {
	fs, srv := newFeedServer(t)
	c := FeedsControl{Sim: srv.URL}
	r, err := c.Generate(t.Context(), VendorWorkbuster, "acme", 5)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	var s FeedStats
	require.NoError(t, json.Unmarshal(r.Body, &s))
	require.Equal(t, 5, s.Postings)
	require.Equal(t, WorkbusterURL(srv.URL, "acme"), s.URL)
	require.Equal(t, 5, fs.Workbuster("acme").Len())
}
