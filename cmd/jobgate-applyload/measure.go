package main

import (
	"context"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// timing is the store, noting when each application's delivery was
// confirmed (CompleteApplication), by application id.
type timing struct {
	store.Store
	mu        sync.Mutex
	byDeliv   map[string]string
	delivered map[string]time.Time
}

func newTiming(s store.Store) *timing {
	return &timing{Store: s, byDeliv: map[string]string{}, delivered: map[string]time.Time{}}
}

func (t *timing) CreateApplication(ctx context.Context, w store.ApplicationWrite) (store.ApplicationResult, error) {
	res, err := t.Store.CreateApplication(ctx, w)
	if err == nil && res.Created {
		t.mu.Lock()
		t.byDeliv[res.Delivery.ID] = res.Application.ID
		t.mu.Unlock()
	}
	return res, err
}

func (t *timing) CompleteApplication(ctx context.Context, deliveryID string, generation int, atsID string) error {
	err := t.Store.CompleteApplication(ctx, deliveryID, generation, atsID)
	if err == nil {
		now := time.Now()
		t.mu.Lock()
		t.delivered[t.byDeliv[deliveryID]] = now
		t.mu.Unlock()
	}
	return err
}

// deliveredAt returns when the application's delivery was confirmed.
func (t *timing) deliveredAt(appID string) (time.Time, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	at, ok := t.delivered[appID]
	return at, ok
}

func (t *timing) deliveredCount() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.delivered)
}

// memory samples the Go heap every 100 ms until ctx ends.
type memory struct {
	mu       sync.Mutex
	peakHeap uint64
	samples  []uint64
}

func (m *memory) run(ctx context.Context) {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	var ms runtime.MemStats
	for {
		runtime.ReadMemStats(&ms)
		m.mu.Lock()
		m.peakHeap = max(m.peakHeap, ms.HeapInuse)
		m.samples = append(m.samples, ms.HeapInuse)
		m.mu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// peakRSS is the process's peak resident set (VmHWM), in bytes, or 0.
func peakRSS() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseUint(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[min(len(ds)-1, int(p*float64(len(ds))))]
}
