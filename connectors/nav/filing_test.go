package nav

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
)

// testClock is a clock a test moves.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// simulated is a client of the NAV simulator configured by cfg, on a
// clock starting at the fixtures' now.
func simulated(t *testing.T, cfg sim.NAVConfig) (*Client, *sim.NAV, *testClock) {
	t.Helper()
	n := sim.NewNAV(cfg)
	srv := httptest.NewServer(n)
	t.Cleanup(srv.Close)
	clock := &testClock{t: now}
	c, err := New(Config{BaseURL: n.URL(srv.URL), ProviderID: "10000", Token: n.Token(), Outbound: outboundtest.Client, Now: clock.Now,
		UnknownAfter: 3})
	require.NoError(t, err)
	return c, n, clock
}

// TestWithdrawBeforeFiling stops an ad right after its upload, while NAV
// has not filed it: NAV's 404 is "not filed yet", asked again without
// spending an attempt, until NAV has the ad and stops it (issue 15, NAV
// filing).
func TestWithdrawBeforeFiling(t *testing.T) {
	c, n, _ := simulated(t, sim.NAVConfig{FilingDelay: 300 * time.Millisecond})
	a := published(t, "full", "job_early")
	pub, err := c.Publish(ctx, a, nil)
	require.NoError(t, err)
	require.Equal(t, now, pub.SentAt, "the upload's time is kept")

	_, err = c.Withdraw(ctx, a, pub)
	require.Equal(t, connectors.Backpressure, connectors.ClassOf(err), "%v", err)
	require.Equal(t, time.Second, connectors.RetryAfterOf(err), "asked again soon: the upload is fresh")
	require.ErrorContains(t, err, "JOBGATE_NAV_FILING_GRACE")

	require.Eventually(t, func() bool { _, ok := n.Status("job_early"); return ok }, 5*time.Second, 20*time.Millisecond, "NAV files it")
	got, err := c.Withdraw(ctx, a, pub)
	require.NoError(t, err)
	require.Equal(t, connectors.PublicationWithdrawn, got.State)
	require.Equal(t, pub.SentAt, got.SentAt)
	require.Eventually(t, func() bool { st, _ := n.Status("job_early"); return st.Status == "STOPPED" }, 5*time.Second, 20*time.Millisecond,
		"stopped at NAV, not published later")
}

// TestWithdrawAfterGrace: past FilingGrace, a 404 still means NAV never
// got the ad, and the withdrawal is done.
func TestWithdrawAfterGrace(t *testing.T) {
	c, _, clock := simulated(t, sim.NAVConfig{FilingDelay: time.Hour})
	a := published(t, "full", "job_lost")
	pub, err := c.Publish(ctx, a, nil)
	require.NoError(t, err)
	clock.Add(DefaultFilingGrace)
	got, err := c.Withdraw(ctx, a, pub)
	require.NoError(t, err)
	require.Equal(t, connectors.PublicationWithdrawn, got.State)
}

// TestNotFiledYetWaits: the wait before asking again grows with the
// upload's age, up to NAV's 30 s cycle, and never goes past the grace.
func TestNotFiledYetWaits(t *testing.T) {
	c, err := New(Config{BaseURL: "https://nav.example/stillingsimport", ProviderID: "1", Token: "t", Now: func() time.Time { return now }})
	require.NoError(t, err)
	for _, tc := range []struct {
		age  time.Duration
		wait time.Duration
		ok   bool
	}{
		{0, time.Second, true},
		{4 * time.Second, 4 * time.Second, true},
		{2 * time.Minute, 30 * time.Second, true},
		{DefaultFilingGrace - 10*time.Second, 10 * time.Second, true},
		{DefaultFilingGrace - 100*time.Millisecond, time.Second, true},
		{DefaultFilingGrace, 0, false},
	} {
		wait, ok := c.notFiledYet(connectors.Publication{SentAt: now.Add(-tc.age)})
		require.Equal(t, tc.ok, ok, "age %v", tc.age)
		require.Equal(t, tc.wait, wait, "age %v", tc.age)
	}
	_, ok := c.notFiledYet(connectors.Publication{})
	require.False(t, ok, "no upload time known: a 404 means what it always did")
}

// TestCheckStatusUnknown: NAV answering UNKNOWN is counted, and shown as
// unknown with what NAV answered at UnknownAfter checks in a row (issue
// 15, NAV UNKNOWN).
func TestCheckStatusUnknown(t *testing.T) {
	c, n, _ := simulated(t, sim.NAVConfig{FilingDelay: sim.NAVFilesAtOnce})
	a := published(t, "full", "job_unknown")
	pub, err := c.Publish(ctx, a, nil)
	require.NoError(t, err)
	n.Unknown("job_unknown")
	n.Moderate()
	for i := 1; i < 3; i++ {
		pub, err = c.CheckStatus(ctx, pub)
		require.NoError(t, err)
		require.Equal(t, connectors.PublicationPending, pub.State, "check %d", i)
		require.Equal(t, i, pub.Checks)
	}
	pub, err = c.CheckStatus(ctx, pub)
	require.NoError(t, err)
	require.Equal(t, connectors.PublicationUnknown, pub.State)
	require.Equal(t, "NAV answered UNKNOWN at 3 status checks in a row (publishStatus UNKNOWN, status DONE)", pub.Reason)
	require.NotEmpty(t, pub.URL)
}

// TestPublishSentAt: content NAV received is sent now; content NAV
// skipped keeps the time it was first sent, which is when NAV got it.
func TestPublishSentAt(t *testing.T) {
	c, _ := serve(t, func(w http.ResponseWriter, _ call) { reply(w, http.StatusOK, skipped) })
	a := published(t, "full", "job_same")
	first := now.Add(-time.Hour)
	prev := connectors.Publication{Channel: Name, State: connectors.PublicationLive, Reference: "job_same", Revision: 1, SentAt: first}
	pub, err := c.Publish(ctx, a, &prev)
	require.NoError(t, err)
	require.Equal(t, first, pub.SentAt)

	c, _ = serve(t, func(w http.ResponseWriter, _ call) { reply(w, http.StatusCreated, fmt.Sprintf(received, 1)) })
	pub, err = c.Publish(ctx, a, &prev)
	require.NoError(t, err)
	require.Equal(t, now, pub.SentAt)
}
