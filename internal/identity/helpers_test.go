package identity

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/auth"
	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/queue"
	"github.com/jobgate/jobgate/internal/store"
	"github.com/jobgate/jobgate/internal/store/postgres"
	"github.com/jobgate/jobgate/internal/store/sqlite"
	"github.com/jobgate/jobgate/internal/store/storetest"
)

// clock is a test's clock, moved on by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// fixture is a Service on a fresh store, with its clock and Authenticator.
type fixture struct {
	svc     *Service
	metrics *metrics.Metrics
	store   store.Store
	clock   *clock
	authn   *auth.Authenticator
	account string
}

// eachStore runs fn on SQLite, and on Postgres when
// JOBGATE_TEST_DATABASE_URL is set.
func eachStore(t *testing.T, fn func(t *testing.T, s store.Store)) {
	t.Run("sqlite", func(t *testing.T) {
		s, err := sqlite.Open(filepath.Join(t.TempDir(), "jobgate.db"))
		require.NoError(t, err)
		t.Cleanup(func() { s.Close() })
		require.NoError(t, s.Migrate(t.Context()))
		fn(t, s)
	})
	if url := os.Getenv("JOBGATE_TEST_DATABASE_URL"); url != "" {
		t.Run("postgres", func(t *testing.T) {
			s, err := postgres.Open(storetest.FreshDatabase(t, url), postgres.Options{})
			require.NoError(t, err)
			t.Cleanup(func() { s.Close() })
			require.NoError(t, s.Migrate(t.Context()))
			fn(t, s)
		})
	}
}

// each runs fn with a fixture per store; cfg's Now is the fixture's clock.
func each(t *testing.T, cfg Config, fn func(t *testing.T, f *fixture)) {
	eachStore(t, func(t *testing.T, s store.Store) {
		qc, err := queue.Open(context.Background(), "")
		require.NoError(t, err)
		t.Cleanup(func() { qc.Close() })
		m := metrics.New()
		a := auth.New(s, qc.Redis, m, auth.Config{MaxFailures: 10, MaxAddressFailures: 8, Window: time.Minute})
		c := &clock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
		cfg.Now = c.Now
		if cfg.PublicURL == "" {
			cfg.PublicURL = "http://board.example"
		}
		acc, err := s.CreateAccount(ctx(), "Eksempel AS")
		require.NoError(t, err)
		fn(t, &fixture{svc: New(s, a, m, cfg), metrics: m, store: s, clock: c, authn: a, account: acc.ID})
	})
}

func ctx() context.Context { return store.WithActor(context.Background(), "test") }

// user creates a user of the fixture's account with a password.
func (f *fixture) user(t *testing.T, email, role, password string) User {
	t.Helper()
	u, err := f.svc.CreateUserWithPassword(ctx(), f.account, email, role, password)
	require.NoError(t, err)
	return u
}

// tokenOf returns the token of a set-password link.
func tokenOf(t *testing.T, link string) string {
	t.Helper()
	_, token, ok := strings.Cut(link, "/portal/password?token=")
	require.True(t, ok, "link %q", link)
	return token
}

// audited returns the audit line with action among the newest n, and
// checks that none of them holds an e-mail. (Lines written in one
// millisecond have no order: ids sort by time, then at random.)
func (f *fixture) audited(t *testing.T, n int, action string) store.AuditEntry {
	t.Helper()
	entries, err := f.store.ListAudit(ctx(), n)
	require.NoError(t, err)
	var found *store.AuditEntry
	for i, e := range entries {
		require.NotContains(t, e.Subject+e.Detail+e.Actor, "@", "no e-mail in the audit log: %+v", e)
		if e.Action == action && found == nil {
			found = &entries[i]
		}
	}
	require.NotNil(t, found, "no %s among the newest %d audit lines: %+v", action, n, entries)
	return *found
}

func actorOf(c context.Context) string { return store.Actor(c) }
