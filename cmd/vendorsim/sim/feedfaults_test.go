package sim

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors/jobylon"
)

// target is one feed URL of one format.
type target struct {
	name   string
	feed   *Feed
	url    string
	format string
}

func targets(fs *Feeds, base string) []target {
	lever, job, rm, wb := fs.Lever("acme"), fs.Jobylon("h"), fs.ReachMee("1", "I001", "c"), fs.Workbuster("acme")
	for _, f := range []*Feed{lever, job, rm, wb} {
		f.Generate(4)
	}
	return []target{
		{"lever", lever, lever.URL(base), "json"},
		{"jobylon-xml", job, job.URL(base), "xml"},
		{"jobylon-json", job, JobylonJSONURL(base, "h"), "json"},
		{"reachmee", rm, rm.URL(base), "rss"},
		{"workbuster", wb, wb.URL(base), "json"},
	}
}

// fetch GETs url and reads what arrives, keeping the read error.
func fetch(t *testing.T, url string) (*http.Response, []byte, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp, body, err
}

// parses says whether body is a well-formed document of the format.
func parses(format string, body []byte) bool {
	if format == "json" {
		return json.Valid(body)
	}
	dec := xml.NewDecoder(strings.NewReader(string(body)))
	for {
		if _, err := dec.Token(); err != nil {
			return errors.Is(err, io.EOF)
		}
	}
}

func TestFaultsAnswerWhatTheySay(t *testing.T) {
	fs, srv := newFeedServer(t)
	for _, tg := range targets(fs, srv.URL) {
		_, good := get(t, tg.url)
		check := map[FeedFault]func(t *testing.T, resp *http.Response, body []byte, err error){
			Fault5xx: func(t *testing.T, resp *http.Response, body []byte, err error) {
				require.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
				require.NotEmpty(t, body)
			},
			Fault429: func(t *testing.T, resp *http.Response, body []byte, err error) {
				require.Equal(t, http.StatusTooManyRequests, resp.StatusCode)
				require.Equal(t, "30", resp.Header.Get("Retry-After"))
			},
			FaultTruncated: func(t *testing.T, resp *http.Response, body []byte, err error) {
				require.Equal(t, http.StatusOK, resp.StatusCode)
				require.ErrorIs(t, err, io.ErrUnexpectedEOF)
				require.Equal(t, good[:len(good)/2], body)
			},
			FaultMalformed: func(t *testing.T, resp *http.Response, body []byte, err error) {
				require.Equal(t, contentTypes[tg.format], resp.Header.Get("Content-Type"))
				require.False(t, parses(tg.format, body), string(body))
			},
			FaultEmpty: func(t *testing.T, resp *http.Response, body []byte, err error) {
				require.Equal(t, contentTypes[tg.format], resp.Header.Get("Content-Type"))
				require.True(t, parses(tg.format, body))
				require.NotContains(t, string(body), "<item>")
				require.NotContains(t, string(body), "<job>")
				if tg.format == "json" {
					require.Equal(t, string(tg.feed.w.empty(url.Values{"format": {"json"}})), strings.TrimSpace(string(body)), "the vendor's empty list")
				}
			},
			FaultHTML: func(t *testing.T, resp *http.Response, body []byte, err error) {
				require.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
				require.True(t, strings.HasPrefix(string(body), "<!DOCTYPE html>"))
			},
			FaultWrongContentType: func(t *testing.T, resp *http.Response, body []byte, err error) {
				require.Equal(t, "text/plain; charset=utf-8", resp.Header.Get("Content-Type"))
				require.Equal(t, good, body)
			},
			FaultHuge: func(t *testing.T, resp *http.Response, body []byte, err error) {
				require.NoError(t, err)
				require.Equal(t, contentTypes[tg.format], resp.Header.Get("Content-Type"))
				require.GreaterOrEqual(t, len(body), HugeBodySize)
				parts := hugeParts[tg.format]
				require.True(t, strings.HasPrefix(string(body[:200]), parts[0]) && strings.HasSuffix(string(body[len(body)-50:]), parts[1]),
					"a valid opening, padding and a valid close")
			},
		}
		if tg.format != "json" || tg.name == "jobylon-json" {
			check[FaultXMLEntities] = func(t *testing.T, resp *http.Response, body []byte, err error) {
				require.Contains(t, string(body), `<!ENTITY lol9 "&lol8;&lol8;`)
				require.False(t, parses("xml", body), "encoding/xml refuses the undefined entity")
			}
			check[FaultXMLExternalEntity] = func(t *testing.T, resp *http.Response, body []byte, err error) {
				require.Contains(t, string(body), `<!ENTITY x SYSTEM "file:///etc/passwd">`)
				require.Contains(t, string(body), "&x;")
				_, perr := jobylon.ParseFeed(body)
				require.Error(t, perr)
			}
		}
		for kind, ok := range check {
			t.Run(tg.name+"/"+string(kind), func(t *testing.T) {
				tg.feed.Fault(kind, 1)
				resp, body, err := fetch(t, tg.url)
				ok(t, resp, body, err)
				resp, body, err = fetch(t, tg.url)
				require.NoError(t, err)
				require.Equal(t, http.StatusOK, resp.StatusCode, "one time only")
				require.Equal(t, good, body)
			})
		}
	}
}

func TestFaultTimesAndValidation(t *testing.T) {
	fs, srv := newFeedServer(t)
	site := fs.Jobylon("h")
	site.Generate(2)
	site.Fault(Fault5xx, 0)
	for range 3 {
		resp, _ := get(t, site.URL(srv.URL))
		require.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	}
	require.Equal(t, FeedStats{Vendor: VendorJobylon, Feed: "h", Postings: 2, Requests: 3, Fault: Fault5xx, FaultRemaining: -1}, site.Stats())
	site.ClearFault()
	resp, _ := get(t, site.URL(srv.URL))
	require.Equal(t, http.StatusOK, resp.StatusCode)

	site.Fault(FaultEmpty, 2)
	resp, _ = get(t, srv.URL+"/feeds/h/"+site.GeneratedID(1))
	require.Equal(t, http.StatusNotFound, resp.StatusCode, "an empty feed has no job")
	require.Equal(t, 1, site.Stats().FaultRemaining)

	require.Panics(t, func() { fs.Lever("acme").Fault(FaultXMLEntities, 1) }, "Lever serves JSON only")
	require.Panics(t, func() { site.Fault("nonsense", 1) })
	_, err := ParseFeedFault("nonsense")
	require.Error(t, err)
	for _, k := range FeedFaults() {
		got, err := ParseFeedFault(string(k))
		require.NoError(t, err)
		require.Equal(t, k, got)
	}
}
