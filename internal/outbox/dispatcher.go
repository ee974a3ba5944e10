package outbox

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/hibiken/asynq"

	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/store"
)

// Enqueuer is the part of *asynq.Client the outbox uses; tests wrap it to
// inject failures.
type Enqueuer interface {
	EnqueueContext(ctx context.Context, task *asynq.Task, opts ...asynq.Option) (*asynq.TaskInfo, error)
}

// enqueue hands one delivery to asynq. A task id conflict means the task
// is already queued (or running, or waiting for its retry): that counts as
// enqueued.
func enqueue(ctx context.Context, q Enqueuer, d store.Delivery) (string, error) {
	task, opts := NewTask(d)
	_, err := q.EnqueueContext(ctx, task, opts...)
	switch {
	case err == nil:
		return "enqueued", nil
	case errors.Is(err, asynq.ErrTaskIDConflict), errors.Is(err, asynq.ErrDuplicateTask):
		return "exists", nil
	default:
		return "error", err
	}
}

// Dispatcher enqueues deliveries after their transaction commits, off the
// request's path: the request only hands the rows over. If the hand-over
// or the enqueue fails, nothing is lost: the row stays pending and the
// Reconciler enqueues it.
type Dispatcher struct {
	q       Enqueuer
	gate    *Gate
	m       *metrics.Metrics
	log     *slog.Logger
	work    chan store.Delivery
	workers int
	wg      sync.WaitGroup
	// deferred counts deliveries left to the reconciler at shutdown.
	deferred atomic.Int64
}

// DispatcherConfig configures a Dispatcher.
type DispatcherConfig struct {
	// Workers is how many goroutines enqueue. Zero means 4.
	Workers int
	// Buffer is how many deliveries may wait; beyond it, Dispatch drops
	// (the Reconciler picks them up). Zero means 65536.
	Buffer int
	// Gate, when set, bounds the queue's length.
	Gate *Gate
}

// NewDispatcher returns a Dispatcher; call Run to start it.
func NewDispatcher(q Enqueuer, m *metrics.Metrics, log *slog.Logger, cfg DispatcherConfig) *Dispatcher {
	if cfg.Workers <= 0 {
		cfg.Workers = 4
	}
	if cfg.Buffer <= 0 {
		cfg.Buffer = 65536
	}
	return &Dispatcher{q: q, gate: cfg.Gate, m: m, log: log, work: make(chan store.Delivery, cfg.Buffer), workers: cfg.Workers}
}

// Dispatch queues deliveries for enqueueing without waiting.
func (d *Dispatcher) Dispatch(ds ...store.Delivery) {
	for _, dl := range ds {
		select {
		case d.work <- dl:
		default:
			d.m.OutboxEnqueued.WithLabelValues("dispatch", "dropped").Inc()
		}
	}
}

// Run enqueues until ctx ends, then drains what is queued (bounded by the
// caller's shutdown deadline through drainCtx).
func (d *Dispatcher) Run(ctx, drainCtx context.Context) {
	for range d.workers {
		d.wg.Go(func() { d.loop(ctx, drainCtx) })
	}
	d.wg.Wait()
}

// loop enqueues; a wait at the gate is bounded by drainCtx, not ctx, so a
// delivery taken just before ctx ends is still enqueued during the drain.
func (d *Dispatcher) loop(ctx, drainCtx context.Context) {
	for {
		select {
		case dl := <-d.work:
			d.enqueue(drainCtx, dl)
		case <-ctx.Done():
			for {
				select {
				case dl := <-d.work:
					d.enqueue(drainCtx, dl)
				default:
					return
				}
			}
		}
	}
}

func (d *Dispatcher) enqueue(ctx context.Context, dl store.Delivery) {
	if err := d.gate.Wait(ctx); err != nil {
		// The drain's time is up: the row stays pending for the reconciler.
		d.deferred.Add(1)
		return
	}
	result, err := enqueue(context.WithoutCancel(ctx), d.q, dl)
	d.m.OutboxEnqueued.WithLabelValues("dispatch", result).Inc()
	if err != nil {
		d.log.Warn("outbox: enqueue failed; the reconciler will retry", "delivery", dl.ID, "err", err)
	}
}

// Enqueue hands one delivery to the queue now; an existing task counts as
// enqueued.
func Enqueue(ctx context.Context, q Enqueuer, d store.Delivery) error {
	_, err := enqueue(ctx, q, d)
	return err
}

// Queued is how many handed-over deliveries wait to be enqueued.
func (d *Dispatcher) Queued() int { return len(d.work) }

// Deferred is how many deliveries the drain ran out of time for: their
// rows stay pending, and the reconciler enqueues them.
func (d *Dispatcher) Deferred() int64 { return d.deferred.Load() }
