package app_test

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// boardTitles lists the titles GET /v1/jobs answers for the query.
func boardTitles(t *testing.T, s *apptest.Server, query string) []string {
	t.Helper()
	r := s.Do(t, http.MethodGet, "/v1/jobs?"+query, nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	out := []string{}
	for _, j := range r.JSON["jobs"].([]any) {
		out = append(out, j.(map[string]any)["title"].(string))
	}
	return out
}

// boardAds pushes the listing tests' ads, oldest first, and waits until
// the board lists them all.
func boardAds(t *testing.T, s *apptest.Server) {
	_, key := s.Tenant(t)
	ads := []map[string]any{
		{"title": "Utvikler", "employment_type": "permanent", "extent": "full_time", "remote": "hybrid", "deadline": "2099-03-01",
			"categories": []string{"IT"}, "locations": []any{map[string]any{"city": "Oslo", "postal_code": "0155", "country": "NO"}}},
		{"title": "Sykepleier & <vakt>", "employment_type": "temporary", "extent": "part_time", "deadline": "2099-02-01",
			"categories": []string{"Helse", "Økonomi"}, "locations": []any{map[string]any{"city": "Ålesund", "county": "Møre og Romsdal", "country": "NO"}}},
		{"title": "Konsulent", "employment_type": "contract", "remote": "full", "categories": []string{"IT"},
			"locations": []any{map[string]any{"city": "Göteborg", "country": "SE"}}},
	}
	for i, a := range ads {
		a["description"] = "<p>Vi søker en &amp; til.</p><ul><li>Punkt én</li></ul>"
		a["employer"] = map[string]any{"name": "Eksempel AS"}
		a["apply_url"] = "https://ats.example/apply/1"
		r := s.Do(t, http.MethodPut, "/v1/ads/board-"+string(rune('a'+i)), a, apptest.Bearer(key)...)
		require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	}
	apptest.Eventually(t, func() bool { return len(boardTitles(t, s, "")) == len(ads) }, "the board lists every ad")
}

func TestBoardListingFilters(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		boardAds(t, s)
		for query, want := range map[string][]string{
			"":                                     {"Konsulent", "Sykepleier & <vakt>", "Utvikler"},
			"sort=newest":                          {"Konsulent", "Sykepleier & <vakt>", "Utvikler"},
			"sort=deadline":                        {"Sykepleier & <vakt>", "Utvikler", "Konsulent"},
			"q=utvikler":                           {"Utvikler"},
			"place=oslo":                           {"Utvikler"},
			"place=%C3%85LESUND":                   {"Sykepleier & <vakt>"},
			"place=M%C3%B8re+og+Romsdal":           {"Sykepleier & <vakt>"},
			"place=0155":                           {"Utvikler"},
			"place=se":                             {"Konsulent"},
			"location=oslo":                        {"Utvikler"},
			"category=it":                          {"Konsulent", "Utvikler"},
			"category=%C3%B8konomi":                {"Sykepleier & <vakt>"},
			"employment_type=contract":             {"Konsulent"},
			"extent=part_time":                     {"Sykepleier & <vakt>"},
			"remote=full":                          {"Konsulent"},
			"remote=none":                          {"Sykepleier & <vakt>"},
			"category=IT&remote=hybrid&place=NO":   {"Utvikler"},
			"category=IT&sort=deadline":            {"Utvikler", "Konsulent"},
			"employment_type=volunteer&place=oslo": {},
		} {
			require.Equal(t, want, boardTitles(t, s, query), "GET /v1/jobs?%s", query)
		}

		var got []string
		cursor := ""
		for range 5 {
			r := s.Do(t, http.MethodGet, "/v1/jobs?sort=deadline&limit=1&cursor="+url.QueryEscape(cursor), nil)
			require.Equal(t, http.StatusOK, r.Status, string(r.Body))
			got = append(got, r.JSON["jobs"].([]any)[0].(map[string]any)["title"].(string))
			if cursor = r.JSON["next_cursor"].(string); cursor == "" {
				break
			}
		}
		require.Equal(t, []string{"Sykepleier & <vakt>", "Utvikler", "Konsulent"}, got, "the deadline sort pages in order")

		for query, field := range map[string]string{
			"sort=oldest": "sort", "remote=sometimes": "remote", "extent=full": "extent", "employment_type=fixed": "employment_type",
			"limit=0": "limit", "limit=x": "limit", "cursor=nonsense": "cursor", "sort=deadline&cursor=job_1": "cursor",
			"place=" + strings.Repeat("x", 201): "place",
		} {
			r := s.Do(t, http.MethodGet, "/v1/jobs?"+query, nil)
			require.Equal(t, http.StatusBadRequest, r.Status, query)
			e := r.JSON["error"].(map[string]any)
			require.Equal(t, "invalid_query", e["code"], query)
			require.Equal(t, field, e["fields"].([]any)[0].(map[string]any)["field"], query)
		}
	})
}

// rssDoc is what the test reads of the feed.
type rssDoc struct {
	Version string `xml:"version,attr"`
	Channel struct {
		Link  string `xml:"link"`
		Items []struct {
			Title string `xml:"title"`
			Link  string `xml:"link"`
			GUID  struct {
				PermaLink string `xml:"isPermaLink,attr"`
				Value     string `xml:",chardata"`
			} `xml:"guid"`
			PubDate     string   `xml:"pubDate"`
			Description string   `xml:"description"`
			Categories  []string `xml:"category"`
		} `xml:"item"`
	} `xml:"channel"`
}

func TestBoardFeed(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		boardAds(t, s)
		for _, path := range []string{"/feed.rss", "/feed.xml"} {
			r := s.Do(t, http.MethodGet, path, nil)
			require.Equal(t, http.StatusOK, r.Status, string(r.Body))
			require.Equal(t, "application/rss+xml; charset=utf-8", r.Header.Get("Content-Type"))
			var doc rssDoc
			require.NoError(t, xml.Unmarshal(r.Body, &doc), string(r.Body))
			require.Equal(t, "2.0", doc.Version)
			require.Len(t, doc.Channel.Items, 3)
			first, second := doc.Channel.Items[0], doc.Channel.Items[1]
			require.Equal(t, "Konsulent – Eksempel AS", first.Title, "newest first")
			require.Equal(t, "Sykepleier & <vakt> – Eksempel AS", second.Title, "escaped and read back")
			require.True(t, strings.HasPrefix(first.Link, s.URL+"/jobs/job_"), first.Link)
			require.Equal(t, first.Link, first.GUID.Value)
			require.Equal(t, "true", first.GUID.PermaLink)
			require.Equal(t, "Vi søker en & til. Punkt én", first.Description, "plain text, entities decoded")
			require.Equal(t, []string{"Helse", "Økonomi"}, second.Categories)
			at, err := time.Parse(time.RFC1123Z, first.PubDate)
			require.NoError(t, err)
			require.WithinDuration(t, time.Now(), at, time.Minute)
			page := s.Do(t, http.MethodGet, first.Link[len(s.URL):], nil)
			require.Equal(t, http.StatusOK, page.Status, "the item links the job page")
		}
		r := s.Do(t, http.MethodGet, "/feed.rss?category=helse", nil)
		var doc rssDoc
		require.NoError(t, xml.Unmarshal(r.Body, &doc))
		require.Len(t, doc.Channel.Items, 1, "the feed takes the listing's filters")
		r = s.Do(t, http.MethodGet, "/feed.rss?sort=deadline&limit=1", nil)
		doc = rssDoc{}
		require.NoError(t, xml.Unmarshal(r.Body, &doc))
		require.Equal(t, "Sykepleier & <vakt> – Eksempel AS", doc.Channel.Items[0].Title)
		require.Len(t, doc.Channel.Items, 1)
		r = s.Do(t, http.MethodGet, "/feed.rss?remote=maybe", nil)
		require.Equal(t, http.StatusBadRequest, r.Status)
		require.Equal(t, "invalid_query", r.JSON["error"].(map[string]any)["code"])
	})
}
