package breaker

import (
	"cmp"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/sony/gobreaker/v2"
)

// Breaker states as Status names them.
const (
	StateClosed   = "closed"
	StateHalfOpen = "half-open"
	StateOpen     = "open"
)

// Status is one breaker's state as the process sees it now.
type Status struct {
	// Kind is what the Set's destinations are ("host", "integration");
	// Group and Destination are the breaker's Key.
	Kind        string
	Group       string
	Destination string
	// State is StateClosed, StateHalfOpen or StateOpen.
	State string
	// Since is when the breaker last changed state; zero when it never
	// has since the process started (closed from the start).
	Since time.Time
	// Failures counts the consecutive failures in the current state.
	Failures uint32
}

// Registry collects the state of the breaker Sets that report to it: a
// process's breakers, for the operator console to read.
type Registry struct {
	mu   sync.Mutex
	sets []func() []Status
}

// NewRegistry returns an empty Registry.
func NewRegistry() *Registry { return &Registry{} }

// Statuses returns every reported breaker's status, open ones first, then
// by kind, group and destination.
func (r *Registry) Statuses() []Status {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	sets := slices.Clone(r.sets)
	r.mu.Unlock()
	var out []Status
	for _, read := range sets {
		out = append(out, read()...)
	}
	rank := map[string]int{StateOpen: 0, StateHalfOpen: 1, StateClosed: 2}
	slices.SortFunc(out, func(a, b Status) int {
		return cmp.Or(cmp.Compare(rank[a.State], rank[b.State]), cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(a.Group, b.Group), cmp.Compare(a.Destination, b.Destination))
	})
	return out
}

// add registers a Set's reader.
func (r *Registry) add(read func() []Status) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sets = append(r.sets, read)
}

// ReportTo makes s report its breakers to r (nil: to none) and returns s.
func (s *Set[T]) ReportTo(r *Registry) *Set[T] {
	if r != nil {
		r.add(s.statuses)
	}
	return s
}

// statuses reads the Set's breakers.
func (s *Set[T]) statuses() []Status {
	s.mu.Lock()
	breakers := maps.Clone(s.breakers)
	s.mu.Unlock()
	out := make([]Status, 0, len(breakers))
	for k, b := range breakers {
		// State moves an open breaker whose time is up to half-open, as
		// the next call would see it (and records when, in since).
		st := b.State()
		s.sinceMu.Lock()
		since := s.since[k]
		s.sinceMu.Unlock()
		out = append(out, Status{Kind: s.what, Group: k.Group, Destination: k.Destination, State: stateName(st),
			Since: since, Failures: b.Counts().ConsecutiveFailures})
	}
	return out
}

// stateName names a gobreaker state.
func stateName(st gobreaker.State) string {
	switch st {
	case gobreaker.StateOpen:
		return StateOpen
	case gobreaker.StateHalfOpen:
		return StateHalfOpen
	}
	return StateClosed
}
