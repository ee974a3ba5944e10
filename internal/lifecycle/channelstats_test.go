package lifecycle

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/store"
)

// reportingChannel reports fixed figures and counts its calls.
type reportingChannel struct {
	connectors.Channel
	calls int
	since time.Time
	err   error
}

func (*reportingChannel) Name() string                 { return "nav" }
func (*reportingChannel) StatsInterval() time.Duration { return time.Hour }
func (c *reportingChannel) ReportStats(_ context.Context, since time.Time) ([]connectors.ChannelStat, error) {
	c.calls++
	c.since = since
	return []connectors.ChannelStat{{Reference: "r1", Metric: "pageviews", Total: 4, UpdatedAt: since}}, c.err
}

// statsSink keeps what PutChannelStats was given.
type statsSink struct {
	store.Store
	got []store.ChannelStatReport
}

func (s *statsSink) PutChannelStats(_ context.Context, channel string, stats []store.ChannelStatReport, _ time.Time) (int, error) {
	s.got = append(s.got, stats...)
	return len(stats), nil
}

// memLease is a lease in memory, as Redis's SET NX EX is.
type memLease struct {
	mu    sync.Mutex
	until map[string]time.Time
	now   func() time.Time
}

func (l *memLease) take(_ context.Context, key string, ttl time.Duration) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.now().Before(l.until[key]) {
		return false, nil
	}
	l.until[key] = l.now().Add(ttl)
	return true, nil
}

// TestChannelStatsLease checks that of two workers sharing the lease one
// fetches per interval, that the figures reach the store for the channel
// and that the next interval fetches again.
func TestChannelStatsLease(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	ch, sink := &reportingChannel{}, &statsSink{}
	lease := &memLease{until: map[string]time.Time{}, now: clock}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a := NewChannelStatsFetcher(sink, []connectors.Channel{ch}, lease.take, log, ChannelStatsConfig{Now: clock})
	b := NewChannelStatsFetcher(sink, []connectors.Channel{ch}, lease.take, log, ChannelStatsConfig{Now: clock})

	n, err := a.Pass(context.Background())
	require.NoError(t, err)
	require.Equal(t, 1, n)
	n, err = b.Pass(context.Background())
	require.NoError(t, err)
	require.Zero(t, n, "the other worker waits for the lease")
	require.Equal(t, 1, ch.calls, "NAV is asked once an hour")
	require.Equal(t, now.Add(-24*time.Hour), ch.since, "a day back; the channel clamps it to what it allows")
	require.Equal(t, []store.ChannelStatReport{{Reference: "r1", Metric: "pageviews", Total: 4, UpdatedAt: now.Add(-24 * time.Hour)}}, sink.got)

	now = now.Add(time.Hour)
	ch.err = errors.New("nav: stats: 503")
	n, err = b.Pass(context.Background())
	require.NoError(t, err, "a failing channel is logged, not the pass's failure")
	require.Zero(t, n)
	require.Equal(t, 2, ch.calls, "an hour later it is asked again")
}
