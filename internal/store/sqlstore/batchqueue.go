package sqlstore

import (
	"context"
	"errors"
	"sync"
)

// errStopped is returned for work submitted after Close.
var errStopped = errors.New("sqlstore: store closed")

// job is work that many goroutines hand to a batching consumer (the group
// committer, the pipeline) and wait on.
type job interface {
	context() context.Context
	finish(err error)
}

// batchQueue gathers jobs from many goroutines for consumers that take them
// in batches: whatever is queued when a consumer is free, up to maxBatch,
// with no timer (a timer window only adds latency at low load).
type batchQueue[J job] struct {
	work      chan J
	quit      chan struct{}
	maxBatch  int
	consumers sync.WaitGroup
}

func newBatchQueue[J job](maxBatch int) *batchQueue[J] {
	if maxBatch <= 0 {
		maxBatch = 256
	}
	return &batchQueue[J]{work: make(chan J, 4*maxBatch), quit: make(chan struct{}), maxBatch: maxBatch}
}

// submit queues j and waits for it to finish. Once queued, a job is run or
// refused: its submitter waits for the verdict even if its ctx ends, so it
// never misses a committed write.
func (q *batchQueue[J]) submit(j J, result <-chan error) error {
	select {
	case q.work <- j:
	case <-q.quit:
		return errStopped
	case <-j.context().Done():
		return j.context().Err()
	}
	return <-result
}

// consume runs handle on batches in a goroutine of its own until stop.
func (q *batchQueue[J]) consume(handle func([]J)) {
	q.consumers.Go(func() {
		for {
			select {
			case j := <-q.work:
				handle(q.collect(j))
			case <-q.quit:
				return
			}
		}
	})
}

func (q *batchQueue[J]) collect(first J) []J {
	batch := []J{first}
	for len(batch) < q.maxBatch {
		select {
		case j := <-q.work:
			batch = append(batch, j)
		default:
			return batch
		}
	}
	return batch
}

// stop ends the consumers after their current batch and refuses what is
// still queued.
func (q *batchQueue[J]) stop() {
	select {
	case <-q.quit:
	default:
		close(q.quit)
	}
	q.consumers.Wait()
	for {
		select {
		case j := <-q.work:
			j.finish(errStopped)
		default:
			return
		}
	}
}
