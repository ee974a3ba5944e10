package jobylon

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
)

// hash stands for the feed's access token: no error may quote it.
const hash = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"

// feed serves body at /feeds/<hash>/ with the given content type, an ETag,
// and 304 to a request that already has it.
func feed(t *testing.T, ct string, body []byte) (string, func() http.Header) {
	var mu sync.Mutex
	var last http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		last = r.Header.Clone()
		mu.Unlock()
		if r.URL.Path != "/feeds/"+hash+"/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("ETag", `"rev-42"`)
		if r.Header.Get("If-None-Match") == `"rev-42"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Last-Modified", "Mon, 01 Jun 2026 08:00:00 GMT")
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/feeds/" + hash + "/", func() http.Header {
		mu.Lock()
		defer mu.Unlock()
		return last
	}
}

func integration(feedURL string) connectors.Integration {
	return connectors.Integration{ID: "i1", Vendor: Name, Settings: map[string]string{"feed_url": feedURL}}
}

func TestSnapshotJSONAndXML(t *testing.T) {
	for ct, f := range map[string]string{"application/json": "jobylon-feed-jobs-example.json", "application/xml; charset=utf-8": "jobylon-feed-job-example.xml"} {
		body, err := os.ReadFile("../../testdata/jobylon/" + f)
		require.NoError(t, err)
		u, _ := feed(t, ct, body)
		snap, err := New(outboundtest.Client).Snapshot(context.Background(), integration(u), connectors.Validators{})
		require.NoError(t, err, f)
		require.False(t, snap.NotModified)
		require.Len(t, snap.Postings, 1)
		require.Equal(t, "4069", snap.Postings[0].Reference)
		require.Equal(t, "Jobylon", snap.Postings[0].Ad.Employer.Name)
		require.Equal(t, connectors.Validators{ETag: `"rev-42"`, LastModified: "Mon, 01 Jun 2026 08:00:00 GMT"}, snap.Validators)
	}
}

func TestSnapshotNotModified(t *testing.T) {
	u, last := feed(t, "application/json", []byte(`[]`))
	since := connectors.Validators{ETag: `"rev-42"`, LastModified: "Mon, 01 Jun 2026 08:00:00 GMT"}
	snap, err := New(outboundtest.Client).Snapshot(context.Background(), integration(u), since)
	require.NoError(t, err)
	require.True(t, snap.NotModified)
	require.Empty(t, snap.Postings)
	require.Equal(t, since, snap.Validators, "the validators stay for the next poll")
	require.Equal(t, `"rev-42"`, last().Get("If-None-Match"))
	require.Equal(t, since.LastModified, last().Get("If-Modified-Since"))
}

func TestSnapshotEmptyFeed(t *testing.T) {
	u, _ := feed(t, "text/xml", []byte(`<?xml version="1.0" encoding="utf-8"?><jobs></jobs>`))
	snap, err := New(outboundtest.Client).Snapshot(context.Background(), integration(u), connectors.Validators{})
	require.NoError(t, err)
	require.NotNil(t, snap.Postings)
	require.Empty(t, snap.Postings)
}

func TestSnapshotRefuses(t *testing.T) {
	for _, c := range []struct {
		name       string
		h          http.HandlerFunc
		class      connectors.Class
		retryAfter time.Duration
		want       string
	}{
		{"500", status(500), connectors.Retryable, 0, "status 500"},
		{"429 with Retry-After", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "60")
			w.WriteHeader(429)
		}, connectors.Retryable, time.Minute, "status 429"},
		{"401", status(401), connectors.Unauthorised, 0, "status 401"},
		{"404 (hash revoked)", status(404), connectors.Permanent, 0, "status 404"},
		{"HTML page with 200", body("text/html", "<html><body>Jobylon is down</body></html>"), connectors.Permanent, 0, "HTML page"},
		{"HTML page as XML", body("application/xml", "<!DOCTYPE html><html><body>down</body></html>"), connectors.Permanent, 0, "HTML page"},
		{"wrong content type", body("application/pdf", "[]"), connectors.Permanent, 0, "application/pdf"},
		{"truncated body", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", "900")
			_, _ = w.Write([]byte(`[{"id":1`))
		}, connectors.Retryable, 0, "read feed"},
		{"over the limit", body("application/json", `[`+strings.Repeat(`{"id":1},`, 200)+`{"id":2}]`), connectors.Permanent, 0, "byte limit"},
		{"malformed", body("application/json", `[{"id":1,}]`), connectors.Permanent, 0, "jobylon: malformed feed"},
		{"missing id", body("application/json", `[{"id":1},{"title":"x"}]`), connectors.Permanent, 0, "job 1 has no id"},
		{"duplicate id", body("application/json", `[{"id":1},{"id":1}]`), connectors.Permanent, 0, "listed twice"},
		{"entity", body("application/xml", `<!DOCTYPE jobs [<!ENTITY a "b">]><jobs/>`), connectors.Permanent, 0, "declares entities"},
	} {
		srv := httptest.NewServer(c.h)
		c2 := New(outboundtest.Client)
		c2.maxBytes = 1 << 10
		snap, err := c2.Snapshot(context.Background(), integration(srv.URL+"/feeds/"+hash+"/"), connectors.Validators{})
		srv.Close()
		require.Error(t, err, c.name)
		require.Empty(t, snap.Postings, c.name)
		require.Equal(t, c.class, connectors.ClassOf(err), "%s: %v", c.name, err)
		require.Equal(t, c.retryAfter, connectors.RetryAfterOf(err), c.name)
		require.ErrorContains(t, err, c.want, c.name)
		require.NotContains(t, err.Error(), hash, c.name)
	}
}

func status(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Error(w, r.URL.Path, code) }
}

func body(ct, b string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ct)
		_, _ = w.Write([]byte(b))
	}
}

func TestCheckSettings(t *testing.T) {
	for _, c := range []struct {
		name     string
		settings map[string]string
		ok       bool
	}{
		{"feed URL", map[string]string{"feed_url": "https://feed.jobylon.com/feeds/" + hash + "/"}, true},
		{"JSON feed with app id", map[string]string{"feed_url": "https://feed.jobylon.com/feeds/" + hash + "/?format=json", "app_id": "42"}, true},
		{"hub settings are ignored", map[string]string{"feed_url": "http://127.0.0.1:9000/feeds/x/", "poll_interval": "10m"}, true},
		{"no feed_url", map[string]string{"app_id": "42"}, false},
		{"a bare hash", map[string]string{"feed_url": hash}, false},
		{"no host", map[string]string{"feed_url": "https:///feeds/" + hash + "/"}, false},
		{"not http", map[string]string{"feed_url": "file:///etc/feeds/" + hash}, false},
		{"unparseable", map[string]string{"feed_url": "https://feed jobylon com/feeds/" + hash + "/"}, false},
	} {
		err := New(outboundtest.Client).CheckSettings(c.settings)
		if c.ok {
			require.NoError(t, err, c.name)
			continue
		}
		require.ErrorContains(t, err, "setting feed_url", c.name)
		require.NotContains(t, err.Error(), hash, c.name)
	}
}

func TestCapabilitiesAndCanApply(t *testing.T) {
	c := New(outboundtest.Client)
	require.Equal(t, "jobylon", c.Name())
	caps := c.Capabilities()
	require.True(t, caps.Poll)
	require.True(t, caps.DirectApply)
	require.Equal(t, []string{"app_key", "feed_url"}, caps.SecretSettings)
	both := connectors.Integration{Settings: map[string]string{"app_id": "42"}, Secrets: map[string]string{"app_key": "k"}}
	require.True(t, c.CanApply(both))
	require.False(t, c.CanApply(connectors.Integration{Settings: map[string]string{"app_id": "42"}}))
	require.False(t, c.CanApply(connectors.Integration{Secrets: map[string]string{"app_key": "k"}}))
}

func TestSnapshotBadSettings(t *testing.T) {
	_, err := New(outboundtest.Client).Snapshot(context.Background(), connectors.Integration{Settings: map[string]string{}}, connectors.Validators{})
	require.ErrorContains(t, err, "feed_url")
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
}
