package sim

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// leverDoc has exactly the field names of Lever's Postings API README
// (research/ats-vendors.md §2.1); decoding refuses any other.
type leverDoc struct {
	ID         string `json:"id"`
	Text       string `json:"text"`
	Categories struct {
		Location     string   `json:"location"`
		Commitment   string   `json:"commitment"`
		Team         string   `json:"team"`
		Department   string   `json:"department"`
		AllLocations []string `json:"allLocations"`
	} `json:"categories"`
	Country              string `json:"country"`
	Opening              string `json:"opening"`
	OpeningPlain         string `json:"openingPlain"`
	Description          string `json:"description"`
	DescriptionPlain     string `json:"descriptionPlain"`
	DescriptionBody      string `json:"descriptionBody"`
	DescriptionBodyPlain string `json:"descriptionBodyPlain"`
	Lists                []struct {
		Text    string `json:"text"`
		Content string `json:"content"`
	} `json:"lists"`
	Additional      string `json:"additional"`
	AdditionalPlain string `json:"additionalPlain"`
	HostedURL       string `json:"hostedUrl"`
	ApplyURL        string `json:"applyUrl"`
	WorkplaceType   string `json:"workplaceType"`
	SalaryRange     *struct {
		Currency string `json:"currency"`
		Interval string `json:"interval"`
		Min      int    `json:"min"`
		Max      int    `json:"max"`
	} `json:"salaryRange"`
	SalaryDescription      string `json:"salaryDescription"`
	SalaryDescriptionPlain string `json:"salaryDescriptionPlain"`
	CreatedAt              int64  `json:"createdAt"`
}

func decodeLever[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&v), string(body))
	return v
}

func TestLeverServesTheDocumentedShape(t *testing.T) {
	fs, srv := newFeedServer(t)
	site := fs.Lever("acme")
	site.Generate(12)
	resp, body := get(t, site.URL(srv.URL))
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "application/json; charset=utf-8", resp.Header.Get("Content-Type"))
	require.Empty(t, resp.Header.Get("ETag"), "Lever documents no conditional requests")
	docs := decodeLever[[]leverDoc](t, body)
	require.Len(t, docs, 12)
	seen := map[string]bool{}
	for i, d := range docs {
		require.Equal(t, site.GeneratedID(i+1), d.ID)
		require.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$`, d.ID)
		require.Equal(t, "https://jobs.lever.co/acme/"+d.ID, d.HostedURL)
		require.Equal(t, d.HostedURL+"/apply", d.ApplyURL)
		require.Equal(t, "NO", d.Country)
		require.Contains(t, []string{"on-site", "remote", "hybrid"}, d.WorkplaceType)
		require.Equal(t, d.Opening+d.DescriptionBody, d.Description)
		require.NotContains(t, d.DescriptionPlain, "<")
		require.NotEmpty(t, d.Lists)
		require.True(t, strings.HasPrefix(d.Lists[0].Content, "<li>"), d.Lists[0].Content)
		require.Equal(t, []string{d.Categories.Location}, d.Categories.AllLocations)
		require.Positive(t, d.CreatedAt)
		seen[d.Categories.Commitment+"|"+d.WorkplaceType] = true
		if d.SalaryRange != nil {
			require.Contains(t, []string{"per-year-salary", "per-hour-wage"}, d.SalaryRange.Interval)
			require.Equal(t, "NOK", d.SalaryRange.Currency)
		}
	}
	require.Greater(t, len(seen), 3, "generated postings vary")

	resp, body = get(t, srv.URL+"/v0/postings/acme/"+docs[3].ID)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, docs[3], decodeLever[leverDoc](t, body))
}

func TestLeverPaginatesWithSkipAndLimit(t *testing.T) {
	fs, srv := newFeedServer(t)
	site := fs.Lever("acme")
	site.Generate(5)
	for _, tc := range []struct {
		query string
		want  []int
	}{
		{"", []int{1, 2, 3, 4, 5}},
		{"&limit=2", []int{1, 2}},
		{"&skip=2&limit=2", []int{3, 4}},
		{"&skip=4&limit=2", []int{5}},
		{"&skip=9&limit=2", []int{}},
		{"&skip=1&limit=0", []int{2, 3, 4, 5}},
	} {
		_, body := get(t, site.URL(srv.URL)+tc.query)
		var ids []string
		for _, d := range decodeLever[[]leverDoc](t, body) {
			ids = append(ids, d.ID)
		}
		want := []string{}
		for _, i := range tc.want {
			want = append(want, site.GeneratedID(i))
		}
		require.ElementsMatch(t, want, ids, tc.query)
		require.Equal(t, len(want), len(ids), tc.query)
	}
	_, body := get(t, site.URL(srv.URL)+"&team=Plattform&team=Lager")
	for _, d := range decodeLever[[]leverDoc](t, body) {
		require.Contains(t, []string{"Plattform", "Lager"}, d.Categories.Team)
	}
}

func TestLeverUnknownSitePostingAndInstance(t *testing.T) {
	fs, srv := newFeedServer(t)
	fs.Lever("acme").Generate(1)
	eu := fs.LeverEU("nordic")
	eu.Generate(2)
	for _, path := range []string{"/v0/postings/nope?mode=json", "/v0/postings/acme/nope", "/v0/postings/nordic?mode=json", "/eu/v0/postings/acme?mode=json"} {
		resp, body := get(t, srv.URL+path)
		require.Equal(t, http.StatusNotFound, resp.StatusCode, path)
		require.JSONEq(t, `{"ok":false,"error":"Document not found"}`, string(body), path)
	}
	resp, body := get(t, eu.URL(srv.URL))
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, srv.URL+"/eu/v0/postings/nordic?mode=json", eu.URL(srv.URL))
	docs := decodeLever[[]leverDoc](t, body)
	require.Len(t, docs, 2)
	require.Equal(t, "https://jobs.eu.lever.co/nordic/"+docs[0].ID, docs[0].HostedURL)
}

func TestLeverPutAndRemove(t *testing.T) {
	fs, srv := newFeedServer(t)
	site := fs.Lever("acme")
	p := GeneratePosting(1)
	p.ApplyURL, p.Commitment, p.Remote = "https://ats.example/apply/1", "Fast, heltid", "full"
	site.Put(p)
	_, body := get(t, site.URL(srv.URL))
	docs := decodeLever[[]leverDoc](t, body)
	require.Len(t, docs, 1)
	require.Equal(t, "posting-0001", docs[0].ID)
	require.Equal(t, "https://ats.example/apply/1", docs[0].ApplyURL)
	require.Equal(t, "Fast, heltid", docs[0].Categories.Commitment)
	require.Equal(t, "remote", docs[0].WorkplaceType)
	require.True(t, site.Remove("posting-0001"))
	require.False(t, site.Remove("posting-0001"))
	_, body = get(t, site.URL(srv.URL))
	require.Equal(t, "[]", string(body))
	require.Equal(t, 2, site.Requests())
}
