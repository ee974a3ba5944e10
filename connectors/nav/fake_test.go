package nav

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
)

const (
	token    = "s3cr3t-t0ken"
	provider = "10000"
)

// call is one request the fake NAV received.
type call struct {
	Method, Path, Query, Auth, ContentType string
	Body                                   []byte
	// Ads are the references of an upload's ads, in order.
	Ads []string
}

// fake is NAV's import API as a handler the test writes, recording calls.
type fake struct {
	mu    sync.Mutex
	calls []call
}

func (f *fake) record(r *http.Request) call {
	body, _ := io.ReadAll(r.Body)
	c := call{Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.RawQuery, Auth: r.Header.Get("Authorization"),
		ContentType: r.Header.Get("Content-Type"), Body: body}
	var ads []Ad
	if json.Unmarshal(body, &ads) == nil {
		for _, a := range ads {
			c.Ads = append(c.Ads, a.Reference)
		}
	}
	f.mu.Lock()
	f.calls = append(f.calls, c)
	f.mu.Unlock()
	return c
}

func (f *fake) Calls() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]call(nil), f.calls...)
}

// serve starts a fake NAV answering with h and returns a client for it.
func serve(t *testing.T, h func(w http.ResponseWriter, c call)) (*Client, *fake) {
	t.Helper()
	f := &fake{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h(w, f.record(r))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL + "/stillingsimport/", ProviderID: provider, Token: token, Outbound: outboundtest.Client,
		Now: func() time.Time { return now }})
	require.NoError(t, err)
	return c, f
}

// reply writes a JSON answer.
func reply(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// navError is NAV's JSON error body.
func navError(errorType, msg string) string {
	b, _ := json.Marshal(apiError{Message: msg, ErrorType: errorType, ErrorRef: "2f0b6c1e-0000-4000-8000-000000000000"})
	return string(b)
}

const (
	received = `{"versionId":7,"status":"RECEIVED","md5":"A814439739BD4ED36BAA643B3420002E","items":%d,"created":"2026-07-01T14:00:00.1","updated":"2026-07-01T14:00:00.1"}`
	skipped  = `{"providerId":10000,"status":"SKIPPED","message":"Content already exist, skipping","md5":"A814439739BD4ED36BAA643B3420002E","items":1}`
)

// published is a fixture ad under another id, to make batches of.
func published(t *testing.T, name, id string) connectors.PublishedAd {
	a, _ := load(t, name)
	a.ID = id
	return a
}
