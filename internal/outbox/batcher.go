package outbox

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/jobgate/jobgate/connectors"
)

// batchWindow is how long the first publish queued for a batching
// channel waits for others to share its request.
const batchWindow = time.Second

// batchTimeout bounds one batch request.
const batchTimeout = time.Minute

// batching is a BatchPublisher seen as a plain Channel: each Publish joins
// the batch being gathered for the channel, which goes out when it is
// full (MaxBatch) or batchWindow after its first ad, and waits for its own
// ad's result. Withdrawals go one by one.
type batching struct {
	connectors.BatchPublisher
	mu      sync.Mutex
	pending []*batchItem
	// gen counts the batches begun, so the window timer of a batch that
	// filled up and left does not cut the next one short.
	gen uint64
}

type batchItem struct {
	ad   connectors.PublishedAd
	prev *connectors.Publication
	done chan batchResult
}

type batchResult struct {
	pub connectors.Publication
	err error
}

func newBatching(ch connectors.BatchPublisher) *batching { return &batching{BatchPublisher: ch} }

// Publish queues the ad for the next batch and waits for its result.
func (b *batching) Publish(ctx context.Context, a connectors.PublishedAd, prev *connectors.Publication) (connectors.Publication, error) {
	item := &batchItem{ad: a, prev: prev, done: make(chan batchResult, 1)}
	b.mu.Lock()
	b.pending = append(b.pending, item)
	switch n := len(b.pending); {
	case n >= max(b.MaxBatch(), 1):
		items := b.pending
		b.pending = nil
		go b.flush(items)
	case n == 1:
		b.gen++
		gen := b.gen
		time.AfterFunc(batchWindow, func() { b.flushWindow(gen) })
	}
	b.mu.Unlock()
	select {
	case r := <-item.done:
		return r.pub, r.err
	case <-ctx.Done():
		// The batch may still carry the ad: the row stays pending and a
		// retry republishes it, which the channel takes as unchanged.
		return connectors.Publication{}, ctx.Err()
	}
}

// flushWindow sends batch gen when its window ends, unless it filled up
// and left before.
func (b *batching) flushWindow(gen uint64) {
	b.mu.Lock()
	var items []*batchItem
	if b.gen == gen {
		items = b.pending
		b.pending = nil
	}
	b.mu.Unlock()
	if len(items) > 0 {
		b.flush(items)
	}
}

func (b *batching) flush(items []*batchItem) {
	ctx, cancel := context.WithTimeout(context.Background(), batchTimeout)
	defer cancel()
	ads := make([]connectors.PublishedAd, len(items))
	prevs := make([]*connectors.Publication, len(items))
	for i, it := range items {
		ads[i], prevs[i] = it.ad, it.prev
	}
	pubs, errs, err := b.PublishBatch(ctx, ads, prevs)
	if err == nil && (len(pubs) != len(items) || len(errs) != len(items)) {
		err = connectors.NewRetryable(errors.New("batch answer does not match the ads sent"), 0)
	}
	for i, it := range items {
		if err != nil {
			it.done <- batchResult{err: err}
			continue
		}
		it.done <- batchResult{pub: pubs[i], err: errs[i]}
	}
}
