package stats

import (
	"context"
	"fmt"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// Flush writes the aggregate as increments in one transaction. On failure
// the counts go back into the aggregate (as far as MaxRows allows) for the
// next flush, and the error is returned.
func (r *Recorder) Flush(ctx context.Context) error {
	if r == nil {
		return nil
	}
	r.flushMu.Lock()
	defer r.flushMu.Unlock()
	r.mu.Lock()
	batch := r.pending
	r.pending = make(map[rowKey]*[numEvents]int64, len(batch))
	r.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	incs := make([]store.AdStats, 0, len(batch))
	for k, v := range batch {
		incs = append(incs, store.AdStats{AdID: k.adID, Source: k.source, Day: time.Unix(k.day*86400, 0).UTC().Format(time.DateOnly),
			Views: v[View], ApplyStarts: v[ApplyStart], Applications: v[Application], Delivered: v[Delivered]})
	}
	if err := r.w.AddAdStats(ctx, incs); err != nil {
		r.putBack(batch)
		if m := r.cfg.Metrics; m != nil {
			m.FlushErrors.Inc()
		}
		return fmt.Errorf("flush ad stats: %w", err)
	}
	return nil
}

// putBack merges an unwritten batch into the aggregate.
func (r *Recorder) putBack(batch map[rowKey]*[numEvents]int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for k, v := range batch {
		row, ok := r.pending[k]
		if !ok {
			if len(r.pending) >= r.cfg.MaxRows {
				r.skip("overflow")
				continue
			}
			r.pending[k] = v
			continue
		}
		for i := range v {
			row[i] += v[i]
		}
	}
}

// Run flushes every Interval until ctx ends, then once more (within
// 10 seconds) so that a shutdown loses nothing. A process with workers
// flushes again after they stop (Close).
func (r *Recorder) Run(ctx context.Context) {
	if r == nil {
		return
	}
	t := time.NewTicker(r.cfg.Interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			r.Close()
			return
		case <-t.C:
			if err := r.Flush(ctx); err != nil && ctx.Err() == nil {
				r.cfg.Log.Warn("stats: flush failed; the counts are kept for the next", "err", err)
			}
		}
	}
}

// Close writes what is left, within 10 seconds.
func (r *Recorder) Close() {
	if r == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := r.Flush(ctx); err != nil {
		r.cfg.Log.Error("stats: last flush failed; these counts are lost", "err", err)
	}
}
