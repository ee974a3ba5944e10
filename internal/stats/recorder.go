package stats

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/store"
)

// Event is what is counted.
type Event int

// The events.
const (
	// View is a job page answered 200.
	View Event = iota
	// ApplyStart is an apply form started.
	ApplyStart
	// Application is a new application stored.
	Application
	// Delivered is an application delivered to the ATS.
	Delivered
	numEvents
)

// Writer stores the aggregate (store.StatsStore's write).
type Writer interface {
	AddAdStats(ctx context.Context, incs []store.AdStats) error
}

// Config configures a Recorder.
type Config struct {
	// Interval is how often the aggregate is written; zero means 5s. A
	// process killed without its shutdown (SIGKILL, power) loses at most
	// the counts of the last Interval, plus any a failing database kept
	// unwritten.
	Interval time.Duration
	// MaxRows bounds the unwritten aggregate (ad, day, source rows);
	// zero means 100000 (a few MiB). Events for new rows beyond it are
	// dropped and counted as skipped "overflow" until a flush succeeds.
	MaxRows int
	// Now is the clock days are taken from; nil means time.Now.
	Now func() time.Time
	// Metrics, when set, counts every event by source class.
	Metrics *metrics.StatsCounters
	Log     *slog.Logger
}

// rowKey is one row of the aggregate: day is days since 1970 (UTC).
type rowKey struct {
	adID, source string
	day          int64
}

// Recorder counts events in memory and writes them in batches.
type Recorder struct {
	w   Writer
	cfg Config

	mu      sync.Mutex
	pending map[rowKey]*[numEvents]int64

	flushMu  sync.Mutex // one flush at a time
	counters [numEvents]*prometheus.CounterVec
}

// NewRecorder returns a Recorder writing to w; Run it to flush.
func NewRecorder(w Writer, cfg Config) *Recorder {
	if cfg.Interval <= 0 {
		cfg.Interval = 5 * time.Second
	}
	if cfg.MaxRows <= 0 {
		cfg.MaxRows = 100000
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	r := &Recorder{w: w, cfg: cfg, pending: map[rowKey]*[numEvents]int64{}}
	if m := cfg.Metrics; m != nil {
		r.counters = [numEvents]*prometheus.CounterVec{m.Views, m.ApplyStarts, m.Applications, m.Delivered}
		for _, vec := range r.counters {
			for _, c := range Classes {
				vec.WithLabelValues(string(c)) // every class shows from the start
			}
		}
		m.Skipped.WithLabelValues("bot")
		m.Skipped.WithLabelValues("overflow")
	}
	return r
}

// Record counts one event of an ad from a source. A nil Recorder counts
// nothing (a handler set up without statistics).
func (r *Recorder) Record(adID string, src Source, ev Event) {
	if r == nil || adID == "" || ev < 0 || ev >= numEvents {
		return
	}
	k := rowKey{adID: adID, source: src.Key(), day: r.cfg.Now().Unix() / 86400}
	r.mu.Lock()
	row, ok := r.pending[k]
	if !ok && len(r.pending) >= r.cfg.MaxRows {
		r.mu.Unlock()
		r.skip("overflow")
		return
	}
	if !ok {
		row = new([numEvents]int64)
		r.pending[k] = row
	}
	row[ev]++
	r.mu.Unlock()
	if vec := r.counters[ev]; vec != nil {
		class := src.Class
		if class == "" {
			class = Direct
		}
		vec.WithLabelValues(string(class)).Inc()
	}
}

// Bot counts a robot's visit as skipped.
func (r *Recorder) Bot() {
	if r != nil {
		r.skip("bot")
	}
}

func (r *Recorder) skip(reason string) {
	if m := r.cfg.Metrics; m != nil {
		m.Skipped.WithLabelValues(reason).Inc()
	}
}
