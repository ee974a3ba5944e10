package outbox

import (
	"context"
	"log/slog"
	"time"

	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/store"
)

// Reconciler re-enqueues pending deliveries whose task is missing. A row
// is looked at once its next attempt is Grace overdue: by then its task
// has either run (and moved the row on) or is gone. Enqueueing with the
// row's task id makes a present task a harmless conflict.
type Reconciler struct {
	store store.Store
	q     Enqueuer
	m     *metrics.Metrics
	log   *slog.Logger
	cfg   ReconcilerConfig
}

// ReconcilerConfig configures a Reconciler.
type ReconcilerConfig struct {
	// Interval is the time between passes. Zero means 15 s.
	Interval time.Duration
	// Grace is how overdue a pending row must be to be re-enqueued. Zero
	// means 30 s.
	Grace time.Duration
	// Batch is the page size. Zero means 500.
	Batch int
	// Gate, when set, bounds the queue's length.
	Gate *Gate
}

// NewReconciler returns a Reconciler; call Run to start it.
func NewReconciler(s store.Store, q Enqueuer, m *metrics.Metrics, log *slog.Logger, cfg ReconcilerConfig) *Reconciler {
	if cfg.Interval <= 0 {
		cfg.Interval = 15 * time.Second
	}
	if cfg.Grace <= 0 {
		cfg.Grace = 30 * time.Second
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 500
	}
	return &Reconciler{store: s, q: q, m: m, log: log, cfg: cfg}
}

// Run makes a pass at once, over every pending row (at start-up nothing is
// known to be queued), then one per Interval with Grace, until ctx ends.
func (r *Reconciler) Run(ctx context.Context) {
	r.pass(ctx, time.Now())
	t := time.NewTicker(r.cfg.Interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			r.pass(ctx, now.Add(-r.cfg.Grace))
		}
	}
}

func (r *Reconciler) pass(ctx context.Context, due time.Time) {
	n, err := r.Reconcile(ctx, due)
	if err != nil && ctx.Err() == nil {
		r.log.Warn("outbox: reconcile", "err", err)
	}
	if n > 0 {
		r.log.Info("outbox: reconciled pending deliveries", "enqueued", n)
	}
}

// Reconcile enqueues every pending delivery due at due and returns how
// many were missing from the queue.
func (r *Reconciler) Reconcile(ctx context.Context, due time.Time) (int, error) {
	enqueued, after := 0, ""
	for {
		page, err := r.store.DueDeliveries(ctx, due, after, r.cfg.Batch)
		if err != nil {
			return enqueued, err
		}
		for _, d := range page {
			if err := r.cfg.Gate.Wait(ctx); err != nil {
				return enqueued, err
			}
			result, err := enqueue(ctx, r.q, d)
			r.m.OutboxEnqueued.WithLabelValues("reconcile", result).Inc()
			if err != nil {
				return enqueued, err
			}
			if result == "enqueued" {
				enqueued++
			}
		}
		if len(page) < r.cfg.Batch {
			return enqueued, nil
		}
		after = page[len(page)-1].ID
	}
}
