package lifecycle

import (
	"context"
	"log/slog"
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/store"
)

// Lease takes key for ttl, true when this caller got it: of several
// workers, one fetches a channel's statistics per interval.
type Lease func(ctx context.Context, key string, ttl time.Duration) (bool, error)

// ChannelStatsFetcher reads the statistics channels report of their own
// ads (connectors.StatsReporter, such as NAV) once per interval under a
// lease, and stores them beside the hub's own counts.
type ChannelStatsFetcher struct {
	store    store.Store
	channels []statsChannel
	lease    Lease
	log      *slog.Logger
	cfg      ChannelStatsConfig
}

type statsChannel interface {
	connectors.Channel
	connectors.StatsReporter
}

// ChannelStatsConfig configures a ChannelStatsFetcher.
type ChannelStatsConfig struct {
	// Interval is the time between two fetches from one channel. Zero
	// means the channel's own StatsInterval (NAV: an hour).
	Interval time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// NewChannelStatsFetcher fetches from the channels among chs that report
// statistics; lease is shared by every worker.
func NewChannelStatsFetcher(s store.Store, chs []connectors.Channel, lease Lease, log *slog.Logger, cfg ChannelStatsConfig) *ChannelStatsFetcher {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	f := &ChannelStatsFetcher{store: s, lease: lease, log: log, cfg: cfg}
	for _, c := range chs {
		if sc, ok := c.(statsChannel); ok {
			f.channels = append(f.channels, sc)
		}
	}
	return f
}

// Run tries a fetch every minute (or interval, when shorter) until ctx
// ends; the lease lets one through per interval. The first try is a tick
// after the start, not at it: a worker that restarts does not call NAV
// before its deliveries do.
func (f *ChannelStatsFetcher) Run(ctx context.Context) {
	if len(f.channels) == 0 {
		return
	}
	tick := time.Minute
	for _, ch := range f.channels {
		tick = min(tick, f.interval(ch))
	}
	every(ctx, tick, false, f.log, "channel stats", f.Pass)
}

func (f *ChannelStatsFetcher) interval(ch statsChannel) time.Duration {
	if f.cfg.Interval > 0 {
		return f.cfg.Interval
	}
	return ch.StatsInterval()
}

// Pass fetches from every channel whose lease it gets and says how many
// figures it stored. A channel that fails is logged and tried again after
// the interval, as NAV asks.
func (f *ChannelStatsFetcher) Pass(ctx context.Context) (int, error) {
	stored := 0
	for _, ch := range f.channels {
		got, err := f.lease(ctx, "jobgate:channel-stats:"+ch.Name(), f.interval(ch))
		if err != nil || !got {
			if err != nil {
				return stored, err
			}
			continue
		}
		n, err := f.fetch(ctx, ch)
		stored += n
		if err != nil {
			f.log.Warn("channel stats", "channel", ch.Name(), "error", err.Error())
		}
	}
	return stored, nil
}

// fetch reads the channel's figures of the last day (the channel clamps
// the window) and stores them: totals replace, so the overlap with the
// last fetch counts once.
func (f *ChannelStatsFetcher) fetch(ctx context.Context, ch statsChannel) (int, error) {
	now := f.cfg.Now()
	stats, err := ch.ReportStats(ctx, now.Add(-24*time.Hour))
	if err != nil {
		return 0, err
	}
	reps := make([]store.ChannelStatReport, len(stats))
	for i, s := range stats {
		reps[i] = store.ChannelStatReport{Reference: s.Reference, Metric: s.Metric, Total: s.Total, UpdatedAt: s.UpdatedAt}
	}
	return f.store.PutChannelStats(ctx, ch.Name(), reps, now)
}
