package lever

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
)

// site is a fake Lever postings API for one site of n generated postings.
type site struct {
	mu    sync.Mutex
	skips []int
	// page, when set, answers instead of the generated list.
	page func(w http.ResponseWriter, r *http.Request, skip int) bool
	n    int
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v0/postings/fjordpay" || r.URL.Query().Get("mode") != "json" || r.URL.Query().Get("limit") != "100" {
		http.Error(w, "unexpected request "+r.URL.String(), http.StatusBadRequest)
		return
	}
	skip, _ := strconv.Atoi(r.URL.Query().Get("skip"))
	s.mu.Lock()
	s.skips = append(s.skips, skip)
	s.mu.Unlock()
	if s.page != nil && s.page(w, r, skip) {
		return
	}
	var ps []map[string]any
	for i := skip; i < min(skip+100, s.n); i++ {
		ps = append(ps, map[string]any{"id": fmt.Sprintf("p-%05d", i), "text": "Job " + strconv.Itoa(i), "description": "<p>d</p>"})
	}
	if ps == nil {
		ps = []map[string]any{}
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(ps)
}

func integration(baseURL string) connectors.Integration {
	return connectors.Integration{ID: "i1", Vendor: Name, Settings: map[string]string{"site": "fjordpay", "base_url": baseURL}}
}

func start(t *testing.T, s *site) string {
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestSnapshotFixture(t *testing.T) {
	body, err := os.ReadFile(fixture)
	require.NoError(t, err)
	s := &site{page: func(w http.ResponseWriter, r *http.Request, skip int) bool {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
		return true
	}}
	in := integration(start(t, s))
	in.Settings["language"] = "en"
	snap, err := New(outboundtest.Client).Snapshot(context.Background(), in, connectors.Validators{ETag: `"ignored"`})
	require.NoError(t, err)
	require.False(t, snap.NotModified)
	require.Empty(t, snap.Validators, "Lever documents no validators")
	require.Len(t, snap.Postings, 3)
	require.Equal(t, "3f6c1a52-9d1e-4b7a-8c2f-5e0a9b7d4c11", snap.Postings[0].Reference)
	require.Equal(t, "fjordpay", snap.Postings[0].Ad.Employer.Name, "the employer defaults to the site")
	require.Equal(t, "en", snap.Postings[0].Ad.Language)
	require.Equal(t, []int{0}, s.skips, "one short page, no request per posting")
}

func TestSnapshotPaginates(t *testing.T) {
	for _, c := range []struct {
		n     int
		skips []int
	}{{0, []int{0}}, {99, []int{0}}, {100, []int{0, 100}}, {200, []int{0, 100, 200}}, {250, []int{0, 100, 200}}} {
		s := &site{n: c.n}
		snap, err := New(outboundtest.Client).Snapshot(context.Background(), integration(start(t, s)), connectors.Validators{})
		require.NoError(t, err, c.n)
		require.Len(t, snap.Postings, c.n)
		require.Equal(t, c.skips, s.skips, c.n)
		if c.n == 250 {
			require.Equal(t, "p-00249", snap.Postings[249].Reference)
		}
	}
}

func TestSnapshotCapsPages(t *testing.T) {
	s := &site{n: maxPages*pageSize + 1}
	_, err := New(outboundtest.Client).Snapshot(context.Background(), integration(start(t, s)), connectors.Validators{})
	require.ErrorContains(t, err, "more than 200 pages")
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.Len(t, s.skips, maxPages)
}

func TestSnapshotBaseURLWithPath(t *testing.T) {
	s := &site{n: 1}
	srv := httptest.NewServer(http.StripPrefix("/lever", s))
	t.Cleanup(srv.Close)
	snap, err := New(outboundtest.Client).Snapshot(context.Background(), integration(srv.URL+"/lever/"), connectors.Validators{})
	require.NoError(t, err)
	require.Len(t, snap.Postings, 1)
}

// TestSnapshotRefuses fails the second of three pages in every way a
// vendor can: the snapshot is refused whole, with the right class.
func TestSnapshotRefuses(t *testing.T) {
	answer := func(status int, ct, body string, hdr ...string) func(http.ResponseWriter, *http.Request, int) bool {
		return func(w http.ResponseWriter, r *http.Request, skip int) bool {
			if skip != 100 {
				return false
			}
			for i := 0; i+1 < len(hdr); i += 2 {
				w.Header().Set(hdr[i], hdr[i+1])
			}
			if ct != "" {
				w.Header().Set("Content-Type", ct)
			}
			w.WriteHeader(status)
			_, _ = w.Write([]byte(body))
			return true
		}
	}
	for _, c := range []struct {
		name       string
		page       func(http.ResponseWriter, *http.Request, int) bool
		class      connectors.Class
		retryAfter time.Duration
		want       string
	}{
		{"500", answer(500, "text/plain", "oops"), connectors.Retryable, 0, "status 500"},
		{"429 with Retry-After", answer(429, "application/json", `{"ok":false}`, "Retry-After", "7"), connectors.Retryable, 7 * time.Second, "status 429"},
		{"401", answer(401, "application/json", `{"ok":false}`), connectors.Unauthorised, 0, "status 401"},
		{"404 (site renamed)", answer(404, "application/json", `{"ok":false,"error":"Document not found"}`), connectors.Permanent, 0, "status 404"},
		{"HTML page with 200", answer(200, "text/html", "<html>maintenance</html>"), connectors.Permanent, 0, "HTML page"},
		{"HTML page as JSON", answer(200, "application/json", "<html>maintenance</html>"), connectors.Permanent, 0, "malformed page"},
		{"wrong content type", answer(200, "text/plain", "[]"), connectors.Permanent, 0, "text/plain"},
		{"truncated body", answer(200, "application/json", `[{"id":"x"`, "Content-Length", "500"), connectors.Retryable, 0, "read feed"},
		{"malformed", answer(200, "application/json", `[{"id":"x",}]`), connectors.Permanent, 0, "malformed page"},
		{"missing id", answer(200, "application/json", `[{"text":"no id"}]`), connectors.Permanent, 0, "has no id"},
		{"duplicate id across pages", answer(200, "application/json", `[{"id":"p-00000"}]`), connectors.Permanent, 0, "p-00000 is listed twice"},
		{"duplicate id on a page", answer(200, "application/json", `[{"id":"x"},{"id":"x"}]`), connectors.Permanent, 0, "x is listed twice"},
		{"304 unasked", answer(304, "", ""), connectors.Permanent, 0, "unexpected 304"},
	} {
		s := &site{n: 250, page: c.page}
		snap, err := New(outboundtest.Client).Snapshot(context.Background(), integration(start(t, s)), connectors.Validators{})
		require.Error(t, err, c.name)
		require.Empty(t, snap.Postings, c.name)
		require.Equal(t, c.class, connectors.ClassOf(err), "%s: %v", c.name, err)
		require.Equal(t, c.retryAfter, connectors.RetryAfterOf(err), c.name)
		require.ErrorContains(t, err, c.want, c.name)
		require.ErrorContains(t, err, "lever: page 2", c.name)
	}
}

func TestSnapshotOverTheLimit(t *testing.T) {
	c := New(outboundtest.Client)
	c.maxBytes = 1 << 10
	_, err := c.Snapshot(context.Background(), integration(start(t, &site{n: 100})), connectors.Validators{})
	require.ErrorContains(t, err, "1024-byte limit")
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
}

func TestSnapshotBadSettings(t *testing.T) {
	_, err := New(outboundtest.Client).Snapshot(context.Background(), connectors.Integration{Settings: map[string]string{}}, connectors.Validators{})
	require.ErrorContains(t, err, "site")
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
}
