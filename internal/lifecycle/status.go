package lifecycle

import (
	"context"
	"log/slog"
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/store"
)

// StatusFollower asks moderating channels (connectors.StatusChecker, such
// as NAV) what became of the publications they accepted but have not yet
// decided on, on a slow schedule, and stores the answer: live, rejected
// with the reason, withdrawn, or unknown with the channel's message. Still
// pending or unknown, a publication is asked again one Interval later,
// with the count of checks the channel returned (connectors.Publication
// Checks).
type StatusFollower struct {
	store    store.Store
	channels []connectors.StatusChecker
	log      *slog.Logger
	cfg      StatusConfig
}

// StatusConfig configures a StatusFollower.
type StatusConfig struct {
	// Interval is the least time between two questions about one
	// publication, and between passes. Zero means one hour.
	Interval time.Duration
}

// NewStatusFollower follows the channels among chs that moderate.
func NewStatusFollower(s store.Store, chs []connectors.Channel, log *slog.Logger, cfg StatusConfig) *StatusFollower {
	if cfg.Interval <= 0 {
		cfg.Interval = time.Hour
	}
	f := &StatusFollower{store: s, log: log, cfg: cfg}
	for _, c := range chs {
		if sc, ok := c.(connectors.StatusChecker); ok {
			f.channels = append(f.channels, sc)
		}
	}
	return f
}

// Run makes a pass every interval until ctx ends.
func (f *StatusFollower) Run(ctx context.Context) {
	if len(f.channels) > 0 {
		every(ctx, min(f.cfg.Interval, time.Minute), false, f.log, "channel status", f.Pass)
	}
}

// Pass asks about every publication pending for longer than the interval
// and says how many changed state.
func (f *StatusFollower) Pass(ctx context.Context) (int, error) {
	changed := 0
	for _, ch := range f.channels {
		pubs, err := f.store.PendingPublications(ctx, ch.Name(), time.Now().Add(-f.cfg.Interval), batch)
		if err != nil {
			return changed, err
		}
		for _, p := range pubs {
			now, err := ch.CheckStatus(ctx, connectors.Publication{Channel: p.Channel, State: p.State, Reference: p.Reference,
				URL: p.URL, Reason: p.Reason, Revision: p.Revision, UpdatedAt: p.UpdatedAt, SentAt: p.SentAt, Checks: p.Checks})
			if err != nil {
				f.log.Warn("channel status", "channel", ch.Name(), "ad", p.AdID, "error", err.Error())
				continue
			}
			if now.State == "" {
				now.State = p.State
			}
			if now.State != p.State {
				changed++
			}
			p.State, p.URL, p.Reason, p.Checks = now.State, now.URL, now.Reason, now.Checks
			if err := f.store.UpdatePublication(ctx, p); err != nil {
				return changed, err
			}
		}
	}
	return changed, nil
}
