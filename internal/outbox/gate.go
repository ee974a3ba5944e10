package outbox

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// pendingKey is the Redis list asynq keeps a queue's pending tasks in
// (asynq internal/base.PendingKey; stable since asynq v0.18).
const pendingKey = "asynq:{" + Queue + "}:pending"

// Gate bounds how many tasks wait in the queue. Enqueueing far ahead of the
// workers gains nothing (the rows wait as safely in the database) and costs
// a lot on the in-process Redis, whose LPUSH copies the whole list: with a
// backlog of tens of thousands each enqueue would copy them all. The gate
// samples the queue's length and holds enqueuers back while it is full.
type Gate struct {
	rdb      redis.UniversalClient
	max      int64
	interval time.Duration
	// depth is the last sampled length plus what was enqueued since.
	depth atomic.Int64
}

// NewGate returns a gate that keeps at most max tasks pending. max <= 0
// means no bound (Wait never blocks).
func NewGate(rdb redis.UniversalClient, max int) *Gate {
	return &Gate{rdb: rdb, max: int64(max), interval: 50 * time.Millisecond}
}

// Run samples the queue length until ctx ends.
func (g *Gate) Run(ctx context.Context) {
	if g.max <= 0 {
		return
	}
	t := time.NewTicker(g.interval)
	defer t.Stop()
	for {
		if n, err := g.rdb.LLen(ctx, pendingKey).Result(); err == nil {
			g.depth.Store(n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Wait blocks while the queue is full, then counts one enqueue. It returns
// ctx's error if ctx ends first.
func (g *Gate) Wait(ctx context.Context) error {
	if g == nil || g.max <= 0 {
		return nil
	}
	for g.depth.Load() >= g.max {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(g.interval / 5):
		}
	}
	g.depth.Add(1)
	return nil
}
