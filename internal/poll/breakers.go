package poll

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/sony/gobreaker/v2"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/metrics"
)

// BreakerSettings configures the per-vendor circuit breakers of polls.
type BreakerSettings struct {
	// Failures is how many consecutive retryable failures (network, 5xx,
	// 429) against one vendor open its breaker. Zero means 10.
	Failures uint32
	// Open is how long an open breaker refuses polls before it lets one
	// through. Zero means one minute.
	Open time.Duration
}

// breakers holds one circuit breaker per vendor in this process: when a
// vendor's feed host is down, its integrations stop polling it for a while
// instead of each timing out in turn.
type breakers struct {
	m        *metrics.Metrics
	settings BreakerSettings
	mu       sync.Mutex
	byVendor map[string]*gobreaker.CircuitBreaker[connectors.Snapshot]
}

func newBreakers(m *metrics.Metrics, s BreakerSettings) *breakers {
	if s.Failures == 0 {
		s.Failures = 10
	}
	if s.Open <= 0 {
		s.Open = time.Minute
	}
	return &breakers{m: m, settings: s, byVendor: map[string]*gobreaker.CircuitBreaker[connectors.Snapshot]{}}
}

// snapshot runs fetch through the vendor's breaker; an open breaker is
// backpressure, retried after it may close.
func (b *breakers) snapshot(vendor string, fetch func() (connectors.Snapshot, error)) (connectors.Snapshot, error) {
	snap, err := b.breaker(vendor).Execute(fetch)
	if errors.Is(err, gobreaker.ErrOpenState) || errors.Is(err, gobreaker.ErrTooManyRequests) {
		return snap, connectors.NewBackpressure(fmt.Errorf("%s: circuit breaker open after repeated feed failures", vendor), b.settings.Open)
	}
	return snap, err
}

func (b *breakers) breaker(vendor string) *gobreaker.CircuitBreaker[connectors.Snapshot] {
	b.mu.Lock()
	defer b.mu.Unlock()
	if cb, ok := b.byVendor[vendor]; ok {
		return cb
	}
	cb := gobreaker.NewCircuitBreaker[connectors.Snapshot](gobreaker.Settings{
		Name:    vendor,
		Timeout: b.settings.Open,
		ReadyToTrip: func(c gobreaker.Counts) bool {
			return c.ConsecutiveFailures >= b.settings.Failures
		},
		// Only failures that say the vendor is unwell count: a malformed
		// feed or a wrong feed URL is one integration's problem.
		IsSuccessful: func(err error) bool {
			return err == nil || connectors.ClassOf(err) != connectors.Retryable
		},
		OnStateChange: func(name string, _, to gobreaker.State) {
			b.m.PollBreaker.WithLabelValues(name).Set(float64(to))
		},
	})
	b.m.PollBreaker.WithLabelValues(vendor).Set(0)
	b.byVendor[vendor] = cb
	return cb
}
