package lifecycle

import (
	"context"
	"log/slog"

	"github.com/jobgate/jobgate/internal/ingest"
	"github.com/jobgate/jobgate/internal/store"
)

// Releaser publishes scheduled ads when their publish time comes: on the
// board and their channels, without another push from their source. It
// runs a pass at start, so a publish time that passed while jobgate was
// stopped is honoured at once, then every Interval. Replicas may all run
// one: releasing a live ad changes nothing.
type Releaser struct {
	store  store.Store
	ingest *ingest.Service
	log    *slog.Logger
	cfg    ReleaserConfig
}

// ReleaserConfig configures a Releaser.
type ReleaserConfig = ClockConfig

// NewReleaser returns a Releaser; call Run to start it.
func NewReleaser(s store.Store, ing *ingest.Service, log *slog.Logger, cfg ReleaserConfig) *Releaser {
	return &Releaser{store: s, ingest: ing, log: log, cfg: cfg.withDefaults()}
}

// Run makes a pass now and then every interval until ctx ends.
func (r *Releaser) Run(ctx context.Context) {
	every(ctx, r.cfg.Interval, true, r.log, "release", r.Pass)
}

// Pass releases every scheduled ad whose publish time has come and says
// how many.
func (r *Releaser) Pass(ctx context.Context) (int, error) {
	n := 0
	for {
		keys, err := r.store.DueScheduledAds(ctx, r.cfg.Now(), batch)
		if err != nil {
			return n, err
		}
		for _, k := range keys {
			released, err := r.ingest.Release(ctx, k)
			if err != nil {
				return n, err
			}
			if released {
				r.log.Info("release: publish time came, ad published", "integration", k.IntegrationID, "reference", k.Reference)
				n++
			}
		}
		if len(keys) < batch {
			return n, nil
		}
	}
}
