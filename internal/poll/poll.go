// Package poll keeps the board in step with the sources jobgate polls
// (connectors.Poller): it takes an integration's poll lease so one worker
// polls it at a time across every replica and the CLI, fetches the
// snapshot through the integration's circuit breaker, diffs it against the
// store (new: created, changed content hash: new revision, missing:
// withdrawn) and records the outcome and the next poll. A failed,
// malformed or suspiciously shrunken snapshot withdraws nothing: a drop of
// more than half the live ads is applied only when the next poll sees it
// too.
//
// The Scheduler enqueues due polls as asynq tasks; the Handler runs them.
package poll

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/breaker"
	"github.com/jobgate/jobgate/internal/ids"
	"github.com/jobgate/jobgate/internal/ingest"
	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/store"
)

// Errors Poll returns before polling.
var (
	// ErrBusy: another worker holds the integration's poll lease.
	ErrBusy = errors.New("poll: another poll of this integration is running")
	// ErrNotPolled: the integration's vendor is not a polled source.
	ErrNotPolled = errors.New("poll: the integration's vendor is not polled")
	// ErrNotDue: the integration is not due yet (PollIfDue).
	ErrNotDue = errors.New("poll: not due")
	// ErrDisabled: the integration takes no ads now (store.TakesAds): an
	// operator disabled it. It is not polled, even on request.
	ErrDisabled = errors.New("poll: the integration is disabled")
)

// Service polls integrations.
type Service struct {
	store   store.Store
	ingest  *ingest.Service
	sources map[string]connectors.Connector
	m       *metrics.Metrics
	log     *slog.Logger
	cfg     Config
	owner   string
	guard   *breaker.Set[connectors.Snapshot]
	now     func() time.Time
}

// New returns a Service. sources are the source connectors by vendor name
// (only Pollers are polled); ing stores what polls find.
func New(s store.Store, ing *ingest.Service, sources map[string]connectors.Connector, m *metrics.Metrics, log *slog.Logger, cfg Config) *Service {
	cfg = cfg.withDefaults()
	host, _ := os.Hostname()
	return &Service{store: s, ingest: ing, sources: sources, m: m, log: log, cfg: cfg,
		owner: fmt.Sprintf("%s:%d", host, os.Getpid()), guard: newBreakers(m, cfg.Breaker), now: time.Now}
}

// Vendors lists the polled vendors, for the scheduler.
func (s *Service) Vendors() []string {
	var out []string
	for name, c := range s.sources {
		if _, ok := c.(connectors.Poller); ok {
			out = append(out, name)
		}
	}
	return out
}

// Poll polls one integration now, whether due or not, and returns the
// state it recorded: Outcome says whether the poll failed. It returns
// ErrBusy when another poll of it runs, ErrNotPolled for a pushed source,
// ErrDisabled for a disabled integration and store.ErrNotFound for an
// unknown integration.
func (s *Service) Poll(ctx context.Context, integrationID string) (store.PollState, error) {
	return s.poll(ctx, integrationID, false)
}

// PollIfDue polls the integration if it is due, else returns ErrNotDue: a
// scheduled task that was queued twice polls once.
func (s *Service) PollIfDue(ctx context.Context, integrationID string) (store.PollState, error) {
	return s.poll(ctx, integrationID, true)
}

func (s *Service) poll(ctx context.Context, integrationID string, onlyIfDue bool) (store.PollState, error) {
	in, err := s.store.GetIntegration(ctx, integrationID)
	if err != nil {
		return store.PollState{}, err
	}
	if in.Status == store.IntegrationDeleted {
		// A poll queued before the deletion must not bring its ads back.
		return store.PollState{}, fmt.Errorf("integration %s: %w", in.ID, store.ErrDeleted)
	}
	poller, ok := s.sources[in.Vendor].(connectors.Poller)
	if !ok {
		return store.PollState{}, ErrNotPolled
	}
	if !store.TakesAds(in.Status) {
		return store.PollState{}, ErrDisabled
	}
	if !connectors.PolledWith(poller, in.Settings) {
		return store.PollState{}, s.park(ctx, in.ID)
	}
	timing, err := TimingOf(in.Settings, s.cfg)
	if err != nil {
		return store.PollState{}, err
	}
	owner := s.owner + ":" + ids.New("lease")
	start := s.now()
	prev, taken, err := s.store.AcquirePoll(ctx, in.ID, owner, start.Add(timing.Timeout+leaseMargin))
	if err != nil {
		return prev, err
	}
	if !taken {
		return prev, ErrBusy
	}
	if onlyIfDue && prev.NextPollAt.After(start) {
		return prev, s.release(owner, prev)
	}
	st, wait := s.run(ctx, in, poller, prev, timing)
	if ctx.Err() != nil {
		// Shutting down: not the feed's failure. The integration stays due
		// as it was, for the next worker.
		if err := s.release(owner, prev); !errors.Is(err, ErrNotDue) {
			return prev, err
		}
		return prev, ctx.Err()
	}
	st.NextPollAt = timing.next(st, s.now(), s.cfg.MaxBackoff, wait)
	took := s.now().Sub(start)
	// Record even when ctx ended: the lease must be freed and the outcome
	// kept.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	err = s.store.FinishPoll(rctx, owner, st)
	// Counted after the outcome is recorded, so that whoever sees the
	// count finds the outcome in the sync view too.
	s.observe(in.Vendor, st, took)
	return st, err
}

// leaseMargin is how much longer than a poll's timeout its lease lasts, so
// a slow store write at the end does not let a second poll start.
const leaseMargin = 30 * time.Second

// release frees a lease taken for a poll that turned out not to be due
// (or was interrupted), leaving its state as it was; it answers ErrNotDue.
func (s *Service) release(owner string, prev store.PollState) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.store.FinishPoll(ctx, owner, prev); err != nil {
		return err
	}
	return ErrNotDue
}

func (s *Service) observe(vendor string, st store.PollState, took time.Duration) {
	s.m.Polls.WithLabelValues(vendor, st.Outcome).Inc()
	s.m.PollDuration.WithLabelValues(vendor).Observe(took.Seconds())
	c := st.Counts
	for change, n := range map[string]int{"created": c.Created, "updated": c.Updated, "withdrawn": c.Withdrawn,
		"unchanged": c.Unchanged, "invalid": c.Invalid, "held": c.Held} {
		if n > 0 {
			s.m.PollChanges.WithLabelValues(vendor, change).Add(float64(n))
		}
	}
	level := slog.LevelInfo
	if st.Outcome == store.PollFailed {
		level = slog.LevelWarn
	}
	s.log.Log(context.Background(), level, "poll", "integration", st.IntegrationID, "vendor", vendor, "outcome", st.Outcome,
		"error", st.Error, "listed", c.Listed, "created", c.Created, "updated", c.Updated, "withdrawn", c.Withdrawn,
		"unchanged", c.Unchanged, "invalid", c.Invalid, "held", c.Held, "took_ms", took.Milliseconds())
}

// Polls reports whether the integration is polled: its vendor is a
// polled source, and polls an integration with its settings (a Workbuster
// integration without a feed pushes through the generic ad API).
func (s *Service) Polls(in store.Integration) bool {
	return connectors.PolledWith(s.sources[in.Vendor], in.Settings)
}

// TimingOf returns an integration's poll schedule.
func (s *Service) TimingOf(in store.Integration) (Timing, error) {
	return TimingOf(in.Settings, s.cfg)
}
