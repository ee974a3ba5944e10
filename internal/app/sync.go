package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jobgate/jobgate/internal/ingest"
	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/outbox"
	"github.com/jobgate/jobgate/internal/poll"
	"github.com/jobgate/jobgate/internal/queue"
	"github.com/jobgate/jobgate/internal/store"
)

// SyncNow polls an integration at once, for `jobgate integrations sync`.
// While another poll of it runs (a worker's, or another CLI's) it waits up
// to wait for that one to end. What the poll writes is then delivered:
// enqueued on the shared Redis when there is one, else run here, in this
// process, so the board shows the change when the command returns.
func (e *Env) SyncNow(ctx context.Context, integrationID string, wait time.Duration) (store.PollState, error) {
	qc, err := queue.OpenSettings(ctx, e.Cfg.Redis())
	if err != nil {
		return store.PollState{}, err
	}
	defer qc.Close()
	m := metrics.New()
	rows := &collected{}
	ing := e.ingestService(qc.Redis, nil, rows, m)
	svc := e.PollService(ing, m)
	deadline := time.Now().Add(wait)
	for {
		st, err := svc.Poll(ctx, integrationID)
		if errors.Is(err, poll.ErrBusy) && time.Now().Before(deadline) {
			select {
			case <-ctx.Done():
				return st, ctx.Err()
			case <-time.After(250 * time.Millisecond):
				continue
			}
		}
		if err != nil {
			return st, err
		}
		return st, e.deliverNow(ctx, qc, m, ing, rows.take())
	}
}

// deliverNow hands deliveries to the shared queue, or without one runs
// each here. A delivery that fails stays pending in the outbox for the
// serving process's reconciler.
func (e *Env) deliverNow(ctx context.Context, qc *queue.Conn, m *metrics.Metrics, ing *ingest.Service, ds []store.Delivery) error {
	if !qc.Embedded {
		client := qc.Client()
		defer client.Close()
		for _, d := range ds {
			if err := outbox.Enqueue(ctx, client, d); err != nil {
				return fmt.Errorf("enqueue delivery %s: %w", d.ID, err)
			}
		}
		return nil
	}
	chs, err := e.channels(nil)
	if err != nil {
		return err
	}
	w := e.outboxWorker(qc, m, chs, ing, 0, nil)
	for _, d := range ds {
		task, _ := outbox.NewTask(d)
		if err := w.ProcessTask(ctx, task); err != nil {
			e.Log.Warn("sync: delivery left for the server's reconciler", "delivery", d.ID, "error", err.Error())
		}
	}
	return nil
}

// collected is an ingest.Dispatcher that keeps the deliveries written.
type collected struct {
	mu sync.Mutex
	ds []store.Delivery
}

func (c *collected) Dispatch(ds ...store.Delivery) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ds = append(c.ds, ds...)
}

func (c *collected) take() []store.Delivery {
	c.mu.Lock()
	defer c.mu.Unlock()
	ds := c.ds
	c.ds = nil
	return ds
}
