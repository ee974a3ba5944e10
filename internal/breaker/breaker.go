// Package breaker keeps a circuit breaker (sony/gobreaker) per name in
// this process: per channel for the outbox, per vendor for feed polls.
// Only failures that say the far side is unwell trip it, and an open
// breaker answers backpressure (connectors.Backpressure), which costs no
// attempt.
package breaker

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/sony/gobreaker/v2"

	"github.com/jobgate/jobgate/connectors"
)

// Settings configures the breakers of a Set.
type Settings struct {
	// Failures is how many consecutive failures open a breaker. Zero means
	// the Set's default.
	Failures uint32
	// Open is how long a breaker stays open before it lets one call
	// through. Zero means the Set's default.
	Open time.Duration
}

// Set is a breaker per name, each guarding calls that return a T.
type Set[T any] struct {
	settings Settings
	unwell   func(error) bool
	state    *prometheus.GaugeVec
	what     string

	mu       sync.Mutex
	breakers map[string]*gobreaker.CircuitBreaker[T]
}

// New returns a Set. Zero fields of s take def's. unwell says which errors
// count as failures; state, labelled by name, shows each breaker's state
// (0 closed, 1 half-open, 2 open); what names the guarded thing in errors
// ("channel", "vendor").
func New[T any](s, def Settings, unwell func(error) bool, state *prometheus.GaugeVec, what string) *Set[T] {
	if s.Failures == 0 {
		s.Failures = def.Failures
	}
	if s.Open <= 0 {
		s.Open = def.Open
	}
	return &Set[T]{settings: s, unwell: unwell, state: state, what: what, breakers: map[string]*gobreaker.CircuitBreaker[T]{}}
}

// Execute runs fn through name's breaker; while it is open, fn is not run
// and the answer is backpressure for as long as it stays open.
func (s *Set[T]) Execute(name string, fn func() (T, error)) (T, error) {
	v, err := s.breaker(name).Execute(fn)
	if errors.Is(err, gobreaker.ErrOpenState) || errors.Is(err, gobreaker.ErrTooManyRequests) {
		return v, connectors.NewBackpressure(fmt.Errorf("%s %s: circuit breaker open", s.what, name), s.settings.Open)
	}
	return v, err
}

func (s *Set[T]) breaker(name string) *gobreaker.CircuitBreaker[T] {
	s.mu.Lock()
	defer s.mu.Unlock()
	if b, ok := s.breakers[name]; ok {
		return b
	}
	b := gobreaker.NewCircuitBreaker[T](gobreaker.Settings{
		Name:    name,
		Timeout: s.settings.Open,
		ReadyToTrip: func(c gobreaker.Counts) bool {
			return c.ConsecutiveFailures >= s.settings.Failures
		},
		IsSuccessful: func(err error) bool { return err == nil || !s.unwell(err) },
		OnStateChange: func(name string, _, to gobreaker.State) {
			s.state.WithLabelValues(name).Set(float64(to))
		},
	})
	s.state.WithLabelValues(name).Set(0)
	s.breakers[name] = b
	return b
}
