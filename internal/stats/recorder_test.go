package stats

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/store"
)

// memWriter keeps what was flushed, failing while fail is set.
type memWriter struct {
	mu     sync.Mutex
	fail   bool
	writes int
	rows   map[[3]string]store.AdStats
}

func (w *memWriter) AddAdStats(_ context.Context, incs []store.AdStats) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.fail {
		return errors.New("database down")
	}
	w.writes++
	if w.rows == nil {
		w.rows = map[[3]string]store.AdStats{}
	}
	for _, in := range incs {
		k := [3]string{in.AdID, in.Day, in.Source}
		r := w.rows[k]
		r.AdID, r.Day, r.Source = in.AdID, in.Day, in.Source
		r.Views += in.Views
		r.ApplyStarts += in.ApplyStarts
		r.Applications += in.Applications
		r.Delivered += in.Delivered
		w.rows[k] = r
	}
	return nil
}

func TestRecorderBatchesAndKeepsCountsAcrossAFailedFlush(t *testing.T) {
	w := &memWriter{}
	now := time.Date(2026, 12, 3, 23, 59, 59, 0, time.UTC)
	m := metrics.NewStatsCounters(prometheus.NewRegistry())
	r := NewRecorder(w, Config{Now: func() time.Time { return now }, Metrics: m})
	for range 3 {
		r.Record("ad_1", Source{Class: NAV}, View)
	}
	r.Record("ad_1", Source{Class: NAV}, Application)
	r.Record("ad_1", Source{Class: Other, Site: "linkedin.com"}, View)
	require.Zero(t, w.writes, "recording writes nothing")

	w.fail = true
	require.Error(t, r.Flush(context.Background()))
	require.Equal(t, 1.0, testutil.ToFloat64(m.FlushErrors))
	r.Record("ad_1", Source{Class: NAV}, View)
	now = now.Add(2 * time.Second) // the next UTC day
	r.Record("ad_1", Source{Class: NAV}, Delivered)
	w.fail = false
	require.NoError(t, r.Flush(context.Background()))
	require.Equal(t, 1, w.writes, "one transaction")
	require.Equal(t, store.AdStats{AdID: "ad_1", Day: "2026-12-03", Source: "nav", Views: 4, Applications: 1}, w.rows[[3]string{"ad_1", "2026-12-03", "nav"}])
	require.Equal(t, int64(1), w.rows[[3]string{"ad_1", "2026-12-03", "linkedin.com"}].Views)
	require.Equal(t, int64(1), w.rows[[3]string{"ad_1", "2026-12-04", "nav"}].Delivered)
	require.NoError(t, r.Flush(context.Background()))
	require.Equal(t, 1, w.writes, "nothing new, nothing written")
	require.Equal(t, 4.0, testutil.ToFloat64(m.Views.WithLabelValues("nav")))
	require.Equal(t, 1.0, testutil.ToFloat64(m.Views.WithLabelValues("other")), "the site is no label: only the class")
}

func TestRecorderIsBounded(t *testing.T) {
	w := &memWriter{fail: true}
	m := metrics.NewStatsCounters(prometheus.NewRegistry())
	r := NewRecorder(w, Config{MaxRows: 2, Metrics: m})
	r.Record("a", Source{Class: Board}, View)
	r.Record("b", Source{Class: Board}, View)
	r.Record("c", Source{Class: Board}, View) // a third row: dropped
	r.Record("a", Source{Class: Board}, View) // an existing row still counts
	require.Equal(t, 1.0, testutil.ToFloat64(m.Skipped.WithLabelValues("overflow")))
	require.Error(t, r.Flush(context.Background()))
	require.Len(t, r.pending, 2, "a failed flush keeps at most MaxRows")
	w.fail = false
	require.NoError(t, r.Flush(context.Background()))
	require.Len(t, w.rows, 2)
	day := time.Now().UTC().Format(time.DateOnly)
	require.Equal(t, int64(2), w.rows[[3]string{"a", day, "board"}].Views)
}

func TestRunFlushesOnItsTickAndAtTheEnd(t *testing.T) {
	w := &memWriter{}
	r := NewRecorder(w, Config{Interval: 10 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx); close(done) }()
	r.Record("ad_1", Source{Class: FINN}, View)
	require.Eventually(t, func() bool { w.mu.Lock(); defer w.mu.Unlock(); return w.writes > 0 }, 5*time.Second, 5*time.Millisecond)
	r.Record("ad_1", Source{Class: FINN}, ApplyStart)
	cancel()
	<-done
	w.mu.Lock()
	defer w.mu.Unlock()
	var starts int64
	for _, row := range w.rows {
		starts += row.ApplyStarts
	}
	require.Equal(t, int64(1), starts, "the last counts are written on the way out")
}

func TestSummarise(t *testing.T) {
	rep := Summarise("2026-12-01", "2026-12-02", []store.AdStats{
		{Day: "2026-12-01", Source: "nav", Views: 4, Applications: 1},
		{Day: "2026-12-01", Source: "linkedin.com", Views: 2},
		{Day: "2026-12-02", Source: "board", Views: 2, ApplyStarts: 1, Applications: 1, Delivered: 1},
		{Day: "2026-12-02", Source: "direct", Applications: 1},
	})
	require.Equal(t, int64(8), rep.Totals.Views)
	require.Equal(t, 0.375, *rep.Totals.Conversion)
	require.Equal(t, 0.25, *rep.Sources.NAV.Conversion)
	require.Equal(t, 0.5, *rep.Sources.Board.Conversion)
	require.Nil(t, rep.Sources.Direct.Conversion, "no views: no conversion")
	require.Equal(t, int64(2), rep.Sources.Other.Views)
	require.Equal(t, []SiteCounts{{Site: "linkedin.com", Counts: Counts{Views: 2, Conversion: ptr(0.0)}}}, rep.Sites)
	require.Len(t, rep.Days, 2)
	require.Equal(t, int64(6), rep.Days[0].Views)
}

func ptr(f float64) *float64 { return &f }
