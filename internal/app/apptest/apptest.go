// Package apptest starts a whole jobgate in a test, over real HTTP on
// loopback: embedded (SQLite and in-process Redis) always, and on the real
// Postgres and Redis named by JOBGATE_TEST_DATABASE_URL and
// JOBGATE_TEST_REDIS_URL when they are set.
package apptest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/config"
	"github.com/jobgate/jobgate/internal/outbound"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
	"github.com/jobgate/jobgate/internal/queue"
	"github.com/jobgate/jobgate/internal/store"
	"github.com/jobgate/jobgate/internal/store/storetest"
)

// Mode is where a test jobgate keeps its data.
type Mode struct {
	Name        string
	DatabaseURL string
	RedisURL    string
}

// Modes returns the embedded mode, and the production mode when the test
// servers are configured.
func Modes() []Mode {
	modes := []Mode{{Name: "embedded"}}
	db, rd := os.Getenv("JOBGATE_TEST_DATABASE_URL"), os.Getenv("JOBGATE_TEST_REDIS_URL")
	if db != "" && rd != "" {
		modes = append(modes, Mode{Name: "postgres+redis", DatabaseURL: db, RedisURL: rd})
	}
	return modes
}

// Each runs fn once per mode as a subtest.
func Each(t *testing.T, fn func(t *testing.T, m Mode)) {
	for _, m := range Modes() {
		t.Run(m.Name, func(t *testing.T) { fn(t, m) })
	}
}

var redisDB atomic.Int32

// OperatorToken is JOBGATE_OPERATOR_TOKEN in test configurations.
const OperatorToken = "operator-token-for-tests"

// TeamtailorSecret is the board's Teamtailor key in test configurations.
const TeamtailorSecret = "tt-board-secret-for-tests"

// Config returns a configuration for mode: a fresh data directory, a fresh
// Postgres database and a Redis database of the test's own, and fast outbox
// timings.
func Config(t testing.TB, m Mode) config.Config {
	t.Helper()
	cfg, err := config.FromEnv(func(string) string { return "" })
	require.NoError(t, err)
	cfg.DataDir = t.TempDir()
	cfg.ReconcileInterval = 100 * time.Millisecond
	cfg.RetrySchedule = []time.Duration{0, 50 * time.Millisecond, 100 * time.Millisecond}
	// Over net/http's five seconds for a connection that never carried a
	// request (a client's spare dial): Shutdown waits for those.
	cfg.ShutdownTimeout = 10 * time.Second
	cfg.TrustedProxies = []string{"127.0.0.1/32"}
	cfg.TeamtailorSecret = TeamtailorSecret
	// Feeds are polled when a test says so; TestScheduledPolls shortens it.
	cfg.PollTick = time.Hour
	cfg.OperatorToken = OperatorToken
	// The simulators and httptest servers the tests call listen on
	// loopback, which the outbound guard refuses unless allowed.
	cfg.OutboundAllow = outbound.MustParseAllow(outboundtest.Allow)
	if m.DatabaseURL != "" {
		cfg.DatabaseURL = storetest.FreshDatabase(t, m.DatabaseURL)
		cfg.MasterKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
		cfg.RedisURL = redisURL(t, m.RedisURL)
	}
	return cfg
}

// redisURL points at a Redis database numbered 1 to 15 for this test, and
// empties it: tests in one package run one at a time.
func redisURL(t testing.TB, base string) string {
	n := 1 + int(redisDB.Add(1)-1)%15
	u := base
	if i := lastSlash(u); i > len("redis://") {
		u = u[:i]
	}
	u += "/" + strconv.Itoa(n)
	qc, err := queue.Open(context.Background(), u)
	require.NoError(t, err)
	require.NoError(t, qc.FlushForTest(context.Background()))
	qc.Close()
	return u
}

func lastSlash(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' {
			return i
		}
	}
	return -1
}

// Server is a running jobgate.
type Server struct {
	URL    string
	Env    *app.Env
	Queue  *queue.Conn
	stop   context.CancelFunc
	done   chan error
	client *http.Client
}

// Start runs jobgate with cfg until the test ends (or Stop).
func Start(t testing.TB, cfg config.Config, opt app.Options) *Server {
	t.Helper()
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	return StartLogged(t, cfg, opt, log)
}

// StartLogged is Start with jobgate logging to log: a test that checks
// what is logged (that no secret is) hands it a logger over a buffer.
func StartLogged(t testing.TB, cfg config.Config, opt app.Options, log *slog.Logger) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	cfg.PublicURL = "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	env, err := app.Open(ctx, cfg, log)
	require.NoError(t, err)
	if !cfg.Embedded() {
		require.NoError(t, env.Store.Migrate(ctx))
	}
	s := &Server{URL: cfg.PublicURL, Env: env, stop: cancel, done: make(chan error, 1),
		client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 30 * time.Second}}
	ready := make(chan struct{})
	opt.Listener = ln
	userReady := opt.Ready
	opt.Ready = func(qc *queue.Conn) {
		s.Queue = qc
		if userReady != nil {
			userReady(qc)
		}
		close(ready)
	}
	go func() { s.done <- env.Serve(ctx, opt) }()
	select {
	case <-ready:
	case err := <-s.done:
		t.Fatalf("serve: %v", err)
	}
	t.Cleanup(func() { s.Stop(t) })
	return s
}

// Stop shuts the server down gracefully and closes its store.
func (s *Server) Stop(t testing.TB) {
	if s.stop == nil {
		return
	}
	// Idle client connections that never carried a request would hold up
	// the graceful shutdown (net/http waits for new connections).
	s.client.CloseIdleConnections()
	s.stop()
	s.stop = nil
	require.NoError(t, <-s.done)
	require.NoError(t, s.Env.Close())
}

// Tenant creates an account, a generic integration and a key; it returns
// the integration id and the key.
func (s *Server) Tenant(t testing.TB) (string, string) {
	t.Helper()
	return s.VendorTenant(t, "generic", nil)
}

// VendorTenant creates an account, an integration with the vendor and
// settings, and a key; it returns the integration id and the key.
func (s *Server) VendorTenant(t testing.TB, vendor string, settings map[string]string) (string, string) {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	acc, err := s.Env.Store.CreateAccount(ctx, "Eksempel AS")
	require.NoError(t, err)
	in, err := s.Env.CreateIntegration(ctx, acc.ID, vendor, settings)
	require.NoError(t, err)
	key, err := s.Env.IssueKey(ctx, in.ID, false)
	require.NoError(t, err)
	return in.ID, key
}

// Logs is a log sink that jobgate's goroutines write while the test
// reads it: StartLogged(t, cfg, opt, slog.New(slog.NewJSONHandler(logs, nil))).
type Logs struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (l *Logs) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// String is everything written so far.
func (l *Logs) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// Response is an HTTP answer with its JSON body decoded.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
	JSON   map[string]any
}

// Do sends a request; body is JSON-encoded unless it is []byte or nil.
// headers are name, value pairs.
func (s *Server) Do(t testing.TB, method, path string, body any, headers ...string) Response {
	t.Helper()
	return s.DoWith(t, s.client, method, path, body, headers...)
}

// DoWith is Do through client: one with its own cookie jar is a person
// signed in to the portal.
func (s *Server) DoWith(t testing.TB, client *http.Client, method, path string, body any, headers ...string) Response {
	t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		r = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		require.NoError(t, err)
		r = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, s.URL+path, r)
	require.NoError(t, err)
	if r != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	out := Response{Status: resp.StatusCode, Header: resp.Header, Body: raw}
	_ = json.Unmarshal(raw, &out.JSON)
	return out
}

// Bearer is the Authorization header pair for key.
func Bearer(key string) []string { return []string{"Authorization", "Bearer " + key} }

// Eventually polls cond every 20 ms for up to 10 s.
func Eventually(t testing.TB, cond func() bool, msg string) {
	t.Helper()
	require.Eventually(t, cond, 10*time.Second, 20*time.Millisecond, msg)
}

// Ad is a valid canonical ad with the given title.
func Ad(title string) map[string]any {
	return map[string]any{"title": title, "description": "<p>Vi søker folk</p>", "employer": map[string]any{"name": "Eksempel AS"},
		"locations": []any{map[string]any{"city": "Oslo", "country": "NO"}}, "apply_url": "https://ats.example/apply/1"}
}
