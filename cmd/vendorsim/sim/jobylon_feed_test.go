package sim

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors/jobylon"
)

func TestJobylonFeedIsReadByTheParserAlikeInXMLAndJSON(t *testing.T) {
	fs, srv := newFeedServer(t)
	feed := fs.Jobylon("hash123")
	feed.Generate(9)
	resp, xmlBody := get(t, feed.URL(srv.URL))
	require.Equal(t, "application/xml; charset=utf-8", resp.Header.Get("Content-Type"))
	resp, jsonBody := get(t, JobylonJSONURL(srv.URL, "hash123"))
	require.Equal(t, "application/json; charset=utf-8", resp.Header.Get("Content-Type"))

	fromXML, err := jobylon.ParseFeed(xmlBody)
	require.NoError(t, err)
	fromJSON, err := jobylon.ParseFeed(jsonBody)
	require.NoError(t, err)
	require.Len(t, fromXML, 9)
	require.Len(t, fromJSON, 9)
	for i := range fromXML {
		x, j := fromXML[i].Ad(), fromJSON[i].Ad()
		require.Equal(t, j, x, "job %d", i)
		require.Equal(t, feed.GeneratedID(i+1), fromXML[i].Reference())
		want, _ := feed.Posting(feed.GeneratedID(i + 1))
		require.Equal(t, want.Title, x.Title)
		require.Equal(t, want.Deadline, x.Deadline)
		require.Equal(t, want.Company, x.Employer.Name)
		require.Equal(t, want.Department, x.Department)
		require.Equal(t, []string{want.Category}, x.Categories)
		require.Equal(t, want.City, x.Locations[0].City)
		require.Equal(t, "NO", x.Locations[0].Country)
		require.Equal(t, want.ContactEmail, x.Contact.Email)
		require.Equal(t, want.Extent, x.Extent)
		require.Equal(t, want.EmploymentType, x.EmploymentType)
		require.Equal(t, "https://emp.jobylon.com/applications/jobs/"+want.ID+"/create/", x.ApplyURL)
	}

	_, one := get(t, srv.URL+"/feeds/hash123/"+feed.GeneratedID(2))
	jobs, err := jobylon.ParseFeed(one)
	require.NoError(t, err)
	require.Equal(t, fromXML[1].Ad(), jobs[0].Ad())
	resp, one = get(t, srv.URL+"/feeds/hash123/"+feed.GeneratedID(2)+"?format=json")
	require.Equal(t, "application/json; charset=utf-8", resp.Header.Get("Content-Type"))
	jobs, err = jobylon.ParseFeed(append(append([]byte("["), one...), ']'))
	require.NoError(t, err)
	require.Equal(t, fromJSON[1].Ad(), jobs[0].Ad())

	for _, path := range []string{"/feeds/nohash/", "/feeds/hash123/999"} {
		resp, _ := get(t, srv.URL+path)
		require.Equal(t, http.StatusNotFound, resp.StatusCode, path)
	}
}

// TestJobylonShapeIsTheExamples compares the JSON keys and the XML element
// paths with Jobylon's own examples (testdata/jobylon), all but video.
func TestJobylonShapeIsTheExamples(t *testing.T) {
	fs, srv := newFeedServer(t)
	fs.Jobylon("h").Generate(1)
	example, err := os.ReadFile("../../../testdata/jobylon/jobylon-feed-jobs-example.json")
	require.NoError(t, err)
	_, body := get(t, JobylonJSONURL(srv.URL, "h"))
	require.Equal(t, jsonKeys(t, example), jsonKeys(t, body))

	example, err = os.ReadFile("../../../testdata/jobylon/jobylon-feed-job-example.xml")
	require.NoError(t, err)
	_, body = get(t, srv.URL+"/feeds/h/"+fs.Jobylon("h").GeneratedID(1))
	require.Equal(t, xmlPaths(t, example), xmlPaths(t, body))
}

// jsonKeys lists the dotted key paths of the first job, video left out.
func jsonKeys(t *testing.T, body []byte) []string {
	var jobs []map[string]any
	require.NoError(t, json.Unmarshal(body, &jobs))
	delete(jobs[0], "video")
	var keys []string
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				keys = append(keys, prefix+k)
				walk(prefix+k+".", e)
			}
		case []any:
			for _, e := range v {
				walk(prefix+"[].", e)
			}
		}
	}
	walk("", jobs[0])
	slices.Sort(keys)
	return slices.Compact(keys)
}

// xmlPaths lists the element paths in document order, video left out.
func xmlPaths(t *testing.T, body []byte) []string {
	dec := xml.NewDecoder(bytes.NewReader(body))
	var stack, paths []string
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Name.Local)
			if !slices.Contains(stack, "video") {
				paths = append(paths, strings.Join(stack, "/"))
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
	require.NotEmpty(t, paths)
	return paths
}
