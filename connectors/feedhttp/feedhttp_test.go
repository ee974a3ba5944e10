package feedhttp

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
)

// secret is a path segment standing for an access token (Jobylon's feed
// hash): no error may quote it.
const secret = "s3cr3t-feed-hash"

func serve(t *testing.T, h http.HandlerFunc) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL + "/feeds/" + secret + "/"
}

func TestGetSendsConditionalHeaders(t *testing.T) {
	var got http.Header
	url := serve(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("ETag", `"v2"`)
		w.Header().Set("Last-Modified", "Wed, 01 Jul 2026 10:00:00 GMT")
		_, _ = w.Write([]byte(`[]`))
	})
	resp, err := Get(context.Background(), Request{Client: outboundtest.Client, URL: url, Accept: "application/json", ContentTypes: []string{"application/json"},
		Since: connectors.Validators{ETag: `"v1"`, LastModified: "Tue, 30 Jun 2026 10:00:00 GMT"}})
	require.NoError(t, err)
	require.Equal(t, "[]", string(resp.Body))
	require.False(t, resp.NotModified)
	require.Equal(t, connectors.Validators{ETag: `"v2"`, LastModified: "Wed, 01 Jul 2026 10:00:00 GMT"}, resp.Validators)
	require.Equal(t, `"v1"`, got.Get("If-None-Match"))
	require.Equal(t, "Tue, 30 Jun 2026 10:00:00 GMT", got.Get("If-Modified-Since"))
	require.Equal(t, "application/json", got.Get("Accept"))
	require.NotEmpty(t, got.Get("User-Agent"))
}

func TestGetNotModified(t *testing.T) {
	since := connectors.Validators{ETag: `"v1"`, LastModified: "Tue, 30 Jun 2026 10:00:00 GMT"}
	for _, c := range []struct {
		name string
		etag string
		want connectors.Validators
	}{
		{"answer repeats the ETag only", `"v1"`, since},
		{"answer has a new ETag", `"v1b"`, connectors.Validators{ETag: `"v1b"`, LastModified: since.LastModified}},
		{"answer has no validators", "", since},
	} {
		url := serve(t, func(w http.ResponseWriter, r *http.Request) {
			if c.etag != "" {
				w.Header().Set("ETag", c.etag)
			}
			w.WriteHeader(http.StatusNotModified)
		})
		resp, err := Get(context.Background(), Request{Client: outboundtest.Client, URL: url, Since: since})
		require.NoError(t, err, c.name)
		require.True(t, resp.NotModified, c.name)
		require.Empty(t, resp.Body, c.name)
		require.Equal(t, c.want, resp.Validators, c.name)
	}
}

// TestGetRefuses drives every failure through a real server and checks
// its class, its Retry-After, and that the feed URL's token is not in the
// message.
func TestGetRefuses(t *testing.T) {
	body := func(ct, b string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if ct != "" {
				w.Header().Set("Content-Type", ct)
			}
			_, _ = w.Write([]byte(b))
		}
	}
	status := func(code int, retryAfter string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			http.Error(w, "nope "+r.URL.Path, code)
		}
	}
	for _, c := range []struct {
		name       string
		h          http.HandlerFunc
		class      connectors.Class
		retryAfter time.Duration
		want       string
	}{
		{"500", status(500, ""), connectors.Retryable, 0, "status 500"},
		{"503 with Retry-After", status(503, "120"), connectors.Retryable, 2 * time.Minute, "status 503"},
		{"429 with Retry-After", status(429, "30"), connectors.Retryable, 30 * time.Second, "status 429"},
		{"401", status(401, ""), connectors.Unauthorised, 0, "status 401"},
		{"403", status(403, ""), connectors.Unauthorised, 0, "status 403"},
		{"404", status(404, ""), connectors.Permanent, 0, "status 404"},
		{"HTML page with 200", body("text/html; charset=utf-8", "<html><body>Maintenance</body></html>"), connectors.Permanent, 0, "HTML page"},
		{"XHTML page", body("application/xhtml+xml", "<html/>"), connectors.Permanent, 0, "HTML page"},
		{"wrong content type", body("text/plain", "[]"), connectors.Permanent, 0, "text/plain"},
		{"unreadable content type", body("json/;;", "[]"), connectors.Permanent, 0, "unreadable Content-Type"},
		{"over the limit", body("application/json", strings.Repeat("x", 65)), connectors.Permanent, 0, "64-byte limit"},
		{"truncated body", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", "1000")
			_, _ = w.Write([]byte(`[{"id":`))
		}, connectors.Retryable, 0, "read feed"},
	} {
		url := serve(t, c.h)
		_, err := Get(context.Background(), Request{Client: outboundtest.Client, URL: url, ContentTypes: []string{"application/json"}, MaxBytes: 64})
		require.Error(t, err, c.name)
		require.Equal(t, c.class, connectors.ClassOf(err), "%s: %v", c.name, err)
		require.Equal(t, c.retryAfter, connectors.RetryAfterOf(err), c.name)
		require.ErrorContains(t, err, c.want, c.name)
		require.NotContains(t, err.Error(), secret, c.name)
	}
}

func TestGetBodyAtTheLimit(t *testing.T) {
	url := serve(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(strings.Repeat("x", 64))) })
	resp, err := Get(context.Background(), Request{Client: outboundtest.Client, URL: url, MaxBytes: 64})
	require.NoError(t, err, "a body of exactly MaxBytes is whole")
	require.Len(t, resp.Body, 64)
}

func TestGetAcceptsAnyTypeButHTML(t *testing.T) {
	for ct, ok := range map[string]bool{"": true, "application/rss+xml": true, "text/html": false} {
		url := serve(t, func(w http.ResponseWriter, r *http.Request) {
			if ct != "" {
				w.Header().Set("Content-Type", ct)
			}
			_, _ = w.Write([]byte("<rss/>"))
		})
		_, err := Get(context.Background(), Request{Client: outboundtest.Client, URL: url})
		require.Equal(t, ok, err == nil, "%q: %v", ct, err)
	}
}

// TestGetTransportErrorsHideTheURL covers the failures that happen before
// any answer: Go's errors quote the URL, and feedhttp must not.
func TestGetTransportErrorsHideTheURL(t *testing.T) {
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL + "/feeds/" + secret + "/"
	closed.Close()

	slowURL := serve(t, func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()

	for _, c := range []struct {
		name  string
		ctx   context.Context
		url   string
		class connectors.Class
		want  string
	}{
		{"connection refused", context.Background(), closedURL, connectors.Retryable, "fetch feed"},
		{"timeout", ctx, slowURL, connectors.Retryable, "timed out"},
		{"unparseable URL", context.Background(), "http://exa mple.com/feeds/" + secret + "/", connectors.Permanent, "feed URL"},
	} {
		_, err := Get(c.ctx, Request{Client: outboundtest.Client, URL: c.url})
		require.Error(t, err, c.name)
		require.Equal(t, c.class, connectors.ClassOf(err), "%s: %v", c.name, err)
		require.ErrorContains(t, err, c.want, c.name)
		require.NotContains(t, err.Error(), secret, c.name)
	}
}

// TestGetDoesNotFollowRedirects: a feed answering 301 or 302 fails the
// poll for good with the Location, and the Location is never fetched
// (issue 13, break 3).
func TestGetDoesNotFollowRedirects(t *testing.T) {
	var hits atomic.Int32
	internal := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	t.Cleanup(internal.Close)
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound} {
		url := serve(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, internal.URL+"/latest/meta-data/", status)
		})
		_, err := Get(context.Background(), Request{Client: outboundtest.Client, URL: url})
		require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
		require.ErrorContains(t, err, "redirects are not followed")
		require.ErrorContains(t, err, internal.URL+"/latest/meta-data/")
		require.NotContains(t, err.Error(), secret)
	}
	require.Zero(t, hits.Load())
}
