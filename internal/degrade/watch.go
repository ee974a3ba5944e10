package degrade

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// DefaultWatchTTL is how long a Watch uses what it read.
const DefaultWatchTTL = 2 * time.Second

// readTimeout bounds one read of the degraded integrations.
const readTimeout = 2 * time.Second

// Reader lists the degraded integrations; the store implements it.
type Reader interface {
	ApplyDegradations(ctx context.Context) ([]store.ApplyDegradation, error)
}

// Watch answers whether an integration is degraded from a copy of the
// (few) degraded integrations read at most once per ttl: one small query
// every couple of seconds per process, whatever the traffic. While one
// caller reads afresh, the others use the copy they have. A nil Watch
// knows of no degradation.
type Watch struct {
	r   Reader
	ttl time.Duration
	log *slog.Logger

	snap       atomic.Pointer[snapshot]
	refreshing atomic.Bool
}

type snapshot struct {
	at time.Time
	by map[string]store.ApplyDegradation
}

// NewWatch returns a Watch over r; ttl zero means DefaultWatchTTL.
func NewWatch(r Reader, ttl time.Duration, log *slog.Logger) *Watch {
	if ttl <= 0 {
		ttl = DefaultWatchTTL
	}
	if log == nil {
		log = slog.Default()
	}
	return &Watch{r: r, ttl: ttl, log: log}
}

// Get returns the integration's degradation, if it is degraded.
func (w *Watch) Get(ctx context.Context, integrationID string) (store.ApplyDegradation, bool) {
	s := w.current(ctx)
	if s == nil {
		return store.ApplyDegradation{}, false
	}
	d, ok := s.by[integrationID]
	return d, ok
}

// Any reports whether any integration is degraded.
func (w *Watch) Any(ctx context.Context) bool {
	s := w.current(ctx)
	return s != nil && len(s.by) > 0
}

// Forget drops the copy, so the next question reads afresh: after this
// process changed a degradation.
func (w *Watch) Forget() {
	if w != nil {
		w.snap.Store(nil)
	}
}

// current is the copy, read afresh when there is none or it is stale
// (by one caller at a time; the others keep the stale one meanwhile).
func (w *Watch) current(ctx context.Context) *snapshot {
	if w == nil {
		return nil
	}
	s := w.snap.Load()
	if s != nil && time.Since(s.at) < w.ttl {
		return s
	}
	if s != nil && !w.refreshing.CompareAndSwap(false, true) {
		return s
	}
	if s != nil {
		defer w.refreshing.Store(false)
	}
	if fresh := w.read(ctx); fresh != nil {
		return fresh
	}
	return s
}

// read reads the degraded integrations and keeps them; on failure it
// keeps what it had (nil: nothing is degraded, as far as it knows).
func (w *Watch) read(ctx context.Context) *snapshot {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), readTimeout)
	defer cancel()
	ds, err := w.r.ApplyDegradations(rctx)
	if err != nil {
		w.log.Warn("degrade: reading the degraded integrations", "err", err)
		return nil
	}
	s := &snapshot{at: time.Now(), by: make(map[string]store.ApplyDegradation, len(ds))}
	for _, d := range ds {
		s.by[d.IntegrationID] = d
	}
	w.snap.Store(s)
	return s
}
