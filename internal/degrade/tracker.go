package degrade

import (
	"context"
	"log/slog"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// DefaultAfter is how long an ATS's breaker stays tripped before its
// integration degrades (JOBGATE_APPLY_DEGRADE_AFTER).
const DefaultAfter = 15 * time.Minute

// Store is what a Tracker keeps the state in.
type Store interface {
	Reader
	DegradeApply(ctx context.Context, integrationID, reason string, failingSince, now time.Time) (bool, error)
	RestoreApply(ctx context.Context, integrationID string, now time.Time, reasons ...string) (bool, error)
	LapseApplyDegradations(ctx context.Context, before, now time.Time) ([]store.ApplyDegradation, error)
}

// Tracker degrades and restores integrations from what their ATSs answer
// in this worker; outbox.Worker tells it of every answer.
type Tracker struct {
	store Store
	watch *Watch
	after time.Duration
	log   *slog.Logger
	// stale holds, by integration, a breaker trip the store refused to
	// degrade for (a restore came after it began), so the next passes do
	// not ask again. Only Run's goroutine uses it.
	stale map[string]time.Time
}

// NewTracker returns a Tracker keeping its state in s; after zero means
// DefaultAfter.
func NewTracker(s Store, after time.Duration, log *slog.Logger) *Tracker {
	if after <= 0 {
		after = DefaultAfter
	}
	if log == nil {
		log = slog.Default()
	}
	return &Tracker{store: s, watch: NewWatch(s, 0, log), after: after, log: log, stale: map[string]time.Time{}}
}

// Degraded reports whether the integration is degraded now.
func (t *Tracker) Degraded(ctx context.Context, integrationID string) bool {
	_, ok := t.watch.Get(ctx, integrationID)
	return ok
}

// Answered is told that the integration's ATS answered a delivery (took
// it, or refused that application for a reason of its own): it works, and
// a degradation ends.
func (t *Tracker) Answered(ctx context.Context, integrationID string) {
	if !t.Degraded(ctx, integrationID) {
		return
	}
	t.restore(ctx, integrationID, "the ATS answered a delivery")
}

// Refused is told that the ATS refused the integration's credentials: the
// integration degrades at once.
func (t *Tracker) Refused(ctx context.Context, integrationID string) {
	if d, ok := t.watch.Get(ctx, integrationID); ok && d.Reason == store.DegradedUnauthorised {
		return
	}
	now := time.Now()
	_ = t.degrade(ctx, integrationID, store.DegradedUnauthorised, now, now)
}

// Run checks the breakers tripped reports (integration id: when its ATS's
// breaker tripped) until ctx ends: an integration whose breaker has
// stayed tripped for the Tracker's after degrades; degradations with no
// pending application left to try the ATS lapse.
func (t *Tracker) Run(ctx context.Context, tripped func() map[string]time.Time) {
	tick := min(max(t.after/4, 50*time.Millisecond), 5*time.Second)
	ticker := time.NewTicker(tick)
	defer ticker.Stop()
	for {
		t.Check(ctx, tripped())
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

// Check is one pass of Run over tripped.
func (t *Tracker) Check(ctx context.Context, tripped map[string]time.Time) {
	now := time.Now()
	for id, since := range tripped {
		if now.Sub(since) < t.after || t.stale[id].Equal(since) || t.Degraded(ctx, id) {
			continue
		}
		if !t.degrade(ctx, id, store.DegradedUnavailable, since, now) {
			t.stale[id] = since
		}
	}
	for id, since := range t.stale {
		if !tripped[id].Equal(since) {
			delete(t.stale, id) // closed, or tripped anew
		}
	}
	if !t.watch.Any(ctx) {
		return
	}
	lapsed, err := t.store.LapseApplyDegradations(ctx, now.Add(-t.after), now)
	if err != nil {
		t.log.Warn("degrade: lapsing degradations", "err", err)
		return
	}
	for _, d := range lapsed {
		t.log.Info("degrade: direct apply is tried again: no pending application is left to try the ATS with",
			"integration", d.IntegrationID, "reason", d.Reason, "degraded_for", now.Sub(d.Since).Round(time.Second).String())
	}
	if len(lapsed) > 0 {
		t.watch.Forget()
	}
}

// degrade degrades the integration; it reports false when the store
// refused (a restore came after the failure began).
func (t *Tracker) degrade(ctx context.Context, integrationID, reason string, failingSince, now time.Time) bool {
	changed, err := t.store.DegradeApply(context.WithoutCancel(ctx), integrationID, reason, failingSince, now)
	if err != nil {
		t.log.Warn("degrade: recording a degradation", "integration", integrationID, "reason", reason, "err", err)
		return true // asked again on the next pass
	}
	if changed {
		t.watch.Forget()
		t.log.Warn("degrade: the integration's ATS keeps failing; its direct-apply ads redirect to the vendor's apply page",
			"integration", integrationID, "reason", reason, "failing_since", failingSince.UTC().Format(time.RFC3339))
	}
	return changed || t.Degraded(ctx, integrationID)
}

func (t *Tracker) restore(ctx context.Context, integrationID, why string) {
	changed, err := t.store.RestoreApply(context.WithoutCancel(ctx), integrationID, time.Now())
	if err != nil {
		t.log.Warn("degrade: recording a restore", "integration", integrationID, "err", err)
		return
	}
	t.watch.Forget()
	if changed {
		t.log.Info("degrade: direct apply is back", "integration", integrationID, "why", why)
	}
}
