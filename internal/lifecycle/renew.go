package lifecycle

import (
	"context"
	"log/slog"
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/store"
)

// Dispatcher takes the deliveries a pass wrote.
type Dispatcher interface {
	Dispatch(ds ...store.Delivery)
}

// Renewer publishes ads again on channels where a publication lives a
// limited time (connectors.LifeLimited, FINN's 42 days) once its life has
// ended: the channel then re-advertises the ad or withdraws it. It makes a
// pass at start and every Interval.
type Renewer struct {
	store    store.Store
	q        Dispatcher
	channels []connectors.LifeLimited
	log      *slog.Logger
	cfg      RenewerConfig
}

// RenewerConfig configures a Renewer.
type RenewerConfig struct {
	// Interval is the time between passes. Zero means one hour.
	Interval time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// NewRenewer renews on the channels among chs whose publications expire.
func NewRenewer(s store.Store, q Dispatcher, chs []connectors.Channel, log *slog.Logger, cfg RenewerConfig) *Renewer {
	if cfg.Interval <= 0 {
		cfg.Interval = time.Hour
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	r := &Renewer{store: s, q: q, log: log, cfg: cfg}
	for _, c := range chs {
		if ll, ok := c.(connectors.LifeLimited); ok {
			r.channels = append(r.channels, ll)
		}
	}
	return r
}

// Run makes a pass now and then every interval until ctx ends.
func (r *Renewer) Run(ctx context.Context) {
	if len(r.channels) > 0 {
		every(ctx, r.cfg.Interval, true, r.log, "renewal", r.Pass)
	}
}

// Pass republishes every publication whose life has ended and says how
// many deliveries it wrote.
func (r *Renewer) Pass(ctx context.Context) (int, error) {
	n := 0
	now := r.cfg.Now()
	for _, ch := range r.channels {
		after := ""
		for {
			pubs, err := r.store.LivePublications(ctx, ch.Name(), after, batch)
			if err != nil {
				return n, err
			}
			for _, p := range pubs {
				after = p.AdID
				end := ch.Expires(connectors.Publication{Channel: p.Channel, State: p.State, Reference: p.Reference, Revision: p.Revision, UpdatedAt: p.UpdatedAt})
				if end.IsZero() || end.After(now) {
					continue
				}
				d, wrote, err := r.store.RepublishAd(ctx, p.AdID, ch.Name())
				if err != nil {
					return n, err
				}
				if wrote {
					r.q.Dispatch(d)
					n++
				}
			}
			if len(pubs) < batch {
				break
			}
		}
	}
	return n, nil
}
