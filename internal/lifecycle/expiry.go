// Package lifecycle runs what happens to ads with time rather than on a
// request: the withdrawal of ads whose application deadline has passed,
// everywhere they are published, and the publication of scheduled ads
// whose publish time has come.
package lifecycle

import (
	"context"
	"log/slog"
	"time"

	"github.com/jobgate/jobgate/internal/ingest"
	"github.com/jobgate/jobgate/internal/store"
)

// Expirer withdraws live ads whose deadline has passed: the deadline is
// the last day to apply, so an ad goes when that day has ended in the
// employer's time zone (ad.DeadlineEnd, written with the ad).
// It runs a pass at start, so a deadline that passed while jobgate was
// stopped is honoured at once, then every Interval. Replicas may all run
// one: withdrawing a withdrawn ad changes nothing.
type Expirer struct {
	store  store.Store
	ingest *ingest.Service
	log    *slog.Logger
	cfg    ExpirerConfig
}

// ExpirerConfig configures an Expirer.
type ExpirerConfig = ClockConfig

// ClockConfig configures a pass over ads that come due with time.
type ClockConfig struct {
	// Interval is the time between passes. Zero means one minute.
	Interval time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// withDefaults fills what is unset.
func (c ClockConfig) withDefaults() ClockConfig {
	if c.Interval <= 0 {
		c.Interval = time.Minute
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// NewExpirer returns an Expirer; call Run to start it.
func NewExpirer(s store.Store, ing *ingest.Service, log *slog.Logger, cfg ExpirerConfig) *Expirer {
	return &Expirer{store: s, ingest: ing, log: log, cfg: cfg.withDefaults()}
}

// Run makes a pass now and then every interval until ctx ends.
func (e *Expirer) Run(ctx context.Context) {
	every(ctx, e.cfg.Interval, true, e.log, "expiry", e.Pass)
}

// batch is how many expired ads one read lists.
const batch = 500

// Pass withdraws every live ad past its deadline and says how many.
func (e *Expirer) Pass(ctx context.Context) (int, error) {
	now := e.cfg.Now()
	n := 0
	for {
		keys, err := e.store.ExpiredAds(ctx, now, batch)
		if err != nil {
			return n, err
		}
		for _, k := range keys {
			if _, err := e.ingest.Remove(ctx, k.IntegrationID, k.Reference); err != nil {
				return n, err
			}
			e.log.Info("expiry: deadline passed, ad withdrawn", "integration", k.IntegrationID, "reference", k.Reference)
			n++
		}
		if len(keys) < batch {
			return n, nil
		}
	}
}
