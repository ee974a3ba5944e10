package reachmee

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
)

const exportPath = "/Public/rssfeed/external.ashx?id=5&InstallationID=I017&CustomerName=nordlysenergi&lang=NO"

// export serves h at the export's path and returns the feed URL.
func export(t *testing.T, h http.HandlerFunc) string {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL + exportPath
}

func fixtureExport(t *testing.T) http.HandlerFunc {
	body, err := os.ReadFile(fixture)
	require.NoError(t, err)
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"e1"`)
		if r.Header.Get("If-None-Match") == `"e1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		_, _ = w.Write(body)
	}
}

func integration(feedURL string, extra ...string) connectors.Integration {
	s := map[string]string{"feed_url": feedURL}
	for i := 0; i+1 < len(extra); i += 2 {
		s[extra[i]] = extra[i+1]
	}
	return connectors.Integration{ID: "i1", Vendor: Name, Settings: s}
}

func TestSnapshot(t *testing.T) {
	u := export(t, fixtureExport(t))
	snap, err := New(outboundtest.Client).Snapshot(context.Background(), integration(u, "employer_name", "Nordlys Energi AS"), connectors.Validators{})
	require.NoError(t, err)
	require.False(t, snap.NotModified)
	require.Equal(t, connectors.Validators{ETag: `"e1"`}, snap.Validators)
	var refs []string
	for _, p := range snap.Postings {
		refs = append(refs, p.Reference)
		require.Equal(t, "Nordlys Energi AS", p.Ad.Employer.Name)
	}
	require.Equal(t, []string{"4711", "4712", "4720"}, refs)
}

func TestSnapshotNotModified(t *testing.T) {
	u := export(t, fixtureExport(t))
	since := connectors.Validators{ETag: `"e1"`, LastModified: "Mon, 01 Jun 2026 04:00:00 GMT"}
	snap, err := New(outboundtest.Client).Snapshot(context.Background(), integration(u), since)
	require.NoError(t, err)
	require.True(t, snap.NotModified)
	require.Empty(t, snap.Postings)
	require.Equal(t, since, snap.Validators)
}

func TestSnapshotEmployer(t *testing.T) {
	u := export(t, fixtureExport(t))
	for _, c := range []struct {
		name string
		in   connectors.Integration
		want string
	}{
		{"employer_name", integration(u, "employer_name", "Nordlys Energi AS"), "Nordlys Energi AS"},
		{"CustomerName of the feed URL", integration(u), "nordlysenergi"},
		{"channel title", integration(strings.Replace(u, "&CustomerName=nordlysenergi", "", 1)), "Ledige stillinger"},
	} {
		snap, err := New(outboundtest.Client).Snapshot(context.Background(), c.in, connectors.Validators{})
		require.NoError(t, err, c.name)
		require.Equal(t, c.want, snap.Postings[0].Ad.Employer.Name, c.name)
	}
}

func TestSnapshotRefuses(t *testing.T) {
	body := func(ct, b string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			_, _ = w.Write([]byte(b))
		}
	}
	rss := func(items string) string {
		return `<rss version="2.0"><channel><title>t</title>` + items + `</channel></rss>`
	}
	for _, c := range []struct {
		name       string
		h          http.HandlerFunc
		class      connectors.Class
		retryAfter time.Duration
		want       string
	}{
		{"500", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) }, connectors.Retryable, 0, "status 500"},
		{"429 with Retry-After", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "90")
			w.WriteHeader(429)
		}, connectors.Retryable, 90 * time.Second, "status 429"},
		{"401", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(401) }, connectors.Unauthorised, 0, "status 401"},
		{"HTML page with 200", body("text/html; charset=utf-8", "<html><body>Runtime Error</body></html>"), connectors.Permanent, 0, "HTML page"},
		{"HTML page as XML", body("text/xml", "<!DOCTYPE html><html><body>Runtime Error</body></html>"), connectors.Permanent, 0, "not <rss>"},
		{"wrong content type", body("application/json", "{}"), connectors.Permanent, 0, "application/json"},
		{"truncated body", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Header().Set("Content-Length", "4000")
			_, _ = w.Write([]byte(`<rss><channel><item>`))
		}, connectors.Retryable, 0, "read feed"},
		{"over the limit", body("application/rss+xml", rss(strings.Repeat("<item><CommAdSeqNo>1</CommAdSeqNo></item>", 40))), connectors.Permanent, 0, "byte limit"},
		{"malformed", body("application/rss+xml", rss("<item><CommAdSeqNo>1</item>")), connectors.Permanent, 0, "reachmee: malformed feed"},
		{"missing CommAdSeqNo", body("application/rss+xml", rss("<item><title>x</title></item>")), connectors.Permanent, 0, "no CommAdSeqNo"},
		{"duplicate CommAdSeqNo", body("application/rss+xml", rss("<item><CommAdSeqNo>1</CommAdSeqNo></item><item><CommAdSeqNo>1</CommAdSeqNo></item>")), connectors.Permanent, 0, "listed twice"},
		{"entity", body("application/rss+xml", `<!DOCTYPE rss [<!ENTITY a "b">]>`+rss("")), connectors.Permanent, 0, "declares entities"},
	} {
		c2 := New(outboundtest.Client)
		c2.maxBytes = 1 << 10
		snap, err := c2.Snapshot(context.Background(), integration(export(t, c.h)), connectors.Validators{})
		require.Error(t, err, c.name)
		require.Empty(t, snap.Postings, c.name)
		require.Equal(t, c.class, connectors.ClassOf(err), "%s: %v", c.name, err)
		require.Equal(t, c.retryAfter, connectors.RetryAfterOf(err), c.name)
		require.ErrorContains(t, err, c.want, c.name)
		require.NotContains(t, err.Error(), "InstallationID", c.name)
	}
}

func TestCheckSettings(t *testing.T) {
	for _, c := range []struct {
		name     string
		settings map[string]string
		ok       bool
	}{
		{"export URL", map[string]string{"feed_url": "https://site106.reachmee.com" + exportPath}, true},
		{"with employer_name", map[string]string{"feed_url": "https://site106.reachmee.com" + exportPath, "employer_name": "Nordlys Energi AS"}, true},
		{"hub settings are ignored", map[string]string{"feed_url": "http://127.0.0.1:9100" + exportPath, "channels": "nav"}, true},
		{"no feed_url", map[string]string{"employer_name": "X"}, false},
		{"relative", map[string]string{"feed_url": exportPath}, false},
		{"not http", map[string]string{"feed_url": "ftp://site106.reachmee.com" + exportPath}, false},
		{"unparseable", map[string]string{"feed_url": "https://site 106.reachmee.com" + exportPath}, false},
	} {
		err := New(outboundtest.Client).CheckSettings(c.settings)
		if c.ok {
			require.NoError(t, err, c.name)
			continue
		}
		require.ErrorContains(t, err, "setting feed_url", c.name)
	}
	_, err := New(outboundtest.Client).Snapshot(context.Background(), connectors.Integration{Settings: map[string]string{}}, connectors.Validators{})
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
}

func TestCapabilities(t *testing.T) {
	c := New(outboundtest.Client)
	require.Equal(t, "reachmee", c.Name())
	require.Equal(t, connectors.Capabilities{Poll: true, URLSettings: []string{"feed_url"}}, c.Capabilities())
	_, applies := any(c).(connectors.DirectApplier)
	require.False(t, applies, "ReachMee ads redirect")
}
