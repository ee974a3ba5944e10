// Package breaker keeps a circuit breaker (sony/gobreaker) per destination
// in this process: per integration for application deliveries and feed
// polls, per channel and host for channel deliveries. A breaker is never
// shared by the tenants of one vendor, so one employer's failing ATS or
// feed stops only its own calls. Only failures that say the far side is
// unwell trip it, and an open breaker answers backpressure
// (connectors.Backpressure), which costs no attempt.
package breaker

import (
	"errors"
	"fmt"
	"maps"
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

// Key names one destination's breaker. Group is what is called through
// (a channel, an applier, a vendor) and Destination who is called (an
// integration id, a host). Both are the label values of the state gauge,
// so neither may carry personal data, and the destinations must be a
// bounded set: the integrations configured, the hosts of the configured
// channels.
type Key struct {
	Group       string
	Destination string
}

// Set is a breaker per Key, each guarding calls that return a T.
type Set[T any] struct {
	settings Settings
	unwell   func(error) bool
	state    *prometheus.GaugeVec
	what     string

	mu       sync.Mutex
	breakers map[Key]*gobreaker.CircuitBreaker[T]
	// since is when each breaker last changed state (see Status.Since),
	// under sinceMu.
	sinceMu sync.Mutex
	since   map[Key]time.Time
	// tripped is when each breaker that is not closed left closed (see
	// Tripped), under sinceMu.
	tripped map[Key]time.Time
}

// New returns a Set. Zero fields of s take def's. unwell says which errors
// count as failures; state, labelled by a Key's Group and Destination in
// that order, shows each breaker's state (0 closed, 1 half-open, 2 open);
// what names the kind of destination in errors ("integration", "host").
func New[T any](s, def Settings, unwell func(error) bool, state *prometheus.GaugeVec, what string) *Set[T] {
	if s.Failures == 0 {
		s.Failures = def.Failures
	}
	if s.Open <= 0 {
		s.Open = def.Open
	}
	return &Set[T]{settings: s, unwell: unwell, state: state, what: what, breakers: map[Key]*gobreaker.CircuitBreaker[T]{},
		since: map[Key]time.Time{}, tripped: map[Key]time.Time{}}
}

// Execute runs fn through k's breaker; while it is open, fn is not run
// and the answer is backpressure for as long as it stays open.
func (s *Set[T]) Execute(k Key, fn func() (T, error)) (T, error) {
	v, err := s.breaker(k).Execute(fn)
	if errors.Is(err, gobreaker.ErrOpenState) || errors.Is(err, gobreaker.ErrTooManyRequests) {
		return v, connectors.NewBackpressure(fmt.Errorf("%s %s %s: circuit breaker open", k.Group, s.what, k.Destination), s.settings.Open)
	}
	return v, err
}

func (s *Set[T]) breaker(k Key) *gobreaker.CircuitBreaker[T] {
	s.mu.Lock()
	defer s.mu.Unlock()
	if b, ok := s.breakers[k]; ok {
		return b
	}
	gauge := s.state.WithLabelValues(k.Group, k.Destination)
	b := gobreaker.NewCircuitBreaker[T](gobreaker.Settings{
		Name:    k.Group + " " + k.Destination,
		Timeout: s.settings.Open,
		ReadyToTrip: func(c gobreaker.Counts) bool {
			return c.ConsecutiveFailures >= s.settings.Failures
		},
		IsSuccessful: func(err error) bool { return err == nil || !s.unwell(err) },
		OnStateChange: func(_ string, from, to gobreaker.State) {
			gauge.Set(float64(to))
			s.changed(k, from, to)
		},
	})
	gauge.Set(0)
	s.breakers[k] = b
	return b
}

// changed records when k's breaker changed state, under its own lock:
// gobreaker calls OnStateChange from inside Execute and State.
func (s *Set[T]) changed(k Key, from, to gobreaker.State) {
	now := time.Now()
	s.sinceMu.Lock()
	s.since[k] = now
	switch {
	case to == gobreaker.StateClosed:
		delete(s.tripped, k)
	case from == gobreaker.StateClosed:
		s.tripped[k] = now
	}
	s.sinceMu.Unlock()
}

// Tripped returns, for every breaker that is open or half-open, when it
// left closed: open and half-open again and again without a call that
// went well in between is one stretch of trouble.
func (s *Set[T]) Tripped() map[Key]time.Time {
	s.sinceMu.Lock()
	defer s.sinceMu.Unlock()
	return maps.Clone(s.tripped)
}

// TrippedSince returns when k's breaker left closed, if it is not closed.
func (s *Set[T]) TrippedSince(k Key) (time.Time, bool) {
	s.sinceMu.Lock()
	defer s.sinceMu.Unlock()
	t, ok := s.tripped[k]
	return t, ok
}
