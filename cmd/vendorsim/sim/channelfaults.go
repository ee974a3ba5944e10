package sim

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// ChannelFault is a way a simulated channel server (NAV, FINN) misbehaves
// on purpose, so that jobgate's publishing outbox is tested against every
// failure a channel can answer with: it must retry the transient ones and
// stop and alert on the unauthorised one. A channel with no fault set
// answers correctly.
type ChannelFault string

// The faults a channel can produce (NAV.Fault, FINN.Fault).
const (
	// ChannelFaultNone answers correctly.
	ChannelFaultNone ChannelFault = ""
	// ChannelFault5xx answers 500 with a plain-text body, as NAV's
	// catch-all handler does (research §1.9).
	ChannelFault5xx ChannelFault = "5xx"
	// ChannelFaultTimeout accepts the request and sends nothing until the
	// client gives up (its request context ends), the channel is closed,
	// or two minutes pass; then the connection is dropped.
	ChannelFaultTimeout ChannelFault = "timeout"
	// ChannelFault401 answers 401 whatever the credentials, as NAV does
	// once a provider's key is rotated and every old token revoked (§1.2).
	ChannelFault401 ChannelFault = "401"
	// ChannelFault429 answers 429 Too Many Requests with a Retry-After
	// (SetRetryAfter, 30 s by default). Neither channel documents a rate
	// limit (§1.13, §2.10); it is there to test jobgate's back-off.
	ChannelFault429 ChannelFault = "429"
	// ChannelFaultSlow answers correctly after the slow delay
	// (SetSlowDelay, DefaultSlowDelay), unless the client gives up first.
	ChannelFaultSlow ChannelFault = "slow"
)

// ChannelFaults lists every fault but ChannelFaultNone.
func ChannelFaults() []ChannelFault {
	return []ChannelFault{ChannelFault5xx, ChannelFaultTimeout, ChannelFault401, ChannelFault429, ChannelFaultSlow}
}

// ParseChannelFault reads a fault's name ("5xx", "timeout", ...); ""
// is ChannelFaultNone.
func ParseChannelFault(s string) (ChannelFault, error) {
	for _, f := range append(ChannelFaults(), ChannelFaultNone) {
		if string(f) == s {
			return f, nil
		}
	}
	return ChannelFaultNone, fmt.Errorf("unknown channel fault %q (want one of %v)", s, ChannelFaults())
}

// gate is what NAV and FINN share: the fault set, the outage, the slow
// delay and the Close that releases held requests. Its methods are
// promoted to both.
type gate struct {
	done      chan struct{}
	closeOnce sync.Once
	realm     string // FINN's Basic realm on a 401; "" for NAV

	mu         sync.Mutex
	fault      ChannelFault
	faultLeft  int // requests the fault has left; < 0 until cleared
	slow       time.Duration
	retryAfter time.Duration
	downUntil  time.Time
	faulted    int
}

func newGate(realm string) *gate {
	return &gate{done: make(chan struct{}), realm: realm, slow: DefaultSlowDelay, retryAfter: 30 * time.Second}
}

// Close releases every request a timeout or slow fault is holding, so a
// server's Close does not wait for them. Call it before closing the
// server; the channel still serves afterwards, but never stalls again.
func (g *gate) Close() { g.closeOnce.Do(func() { close(g.done) }) }

// Fault makes the next times requests (every request until ClearFault when
// times <= 0) answer with kind; ChannelFaultNone clears. It panics for an
// unknown kind: that is a mistake in the test.
func (g *gate) Fault(kind ChannelFault, times int) {
	if _, err := ParseChannelFault(string(kind)); err != nil {
		panic("sim: " + err.Error())
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.fault, g.faultLeft = kind, times
	if times <= 0 {
		g.faultLeft = -1
	}
}

// ClearFault makes the channel answer correctly again.
func (g *gate) ClearFault() { g.Fault(ChannelFaultNone, 0) }

// SetSlowDelay sets how long ChannelFaultSlow waits before answering.
func (g *gate) SetSlowDelay(d time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.slow = d
}

// SetRetryAfter sets the Retry-After that ChannelFault429 sends (whole
// seconds, at least 1).
func (g *gate) SetRetryAfter(d time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.retryAfter = d
}

// Down takes the channel down for d: every request is answered 503 until
// then, as during "NAV is down for ten minutes". Down(0) brings it up.
func (g *gate) Down(d time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.downUntil = time.Time{}
	if d > 0 {
		g.downUntil = time.Now().Add(d)
	}
}

// SetDown takes the channel down until SetDown(false).
func (g *gate) SetDown(down bool) {
	if down {
		g.Down(100 * 365 * 24 * time.Hour)
		return
	}
	g.Down(0)
}

// IsDown says whether the channel answers 503 now.
func (g *gate) IsDown() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.downLocked()
}

func (g *gate) downLocked() bool { return time.Now().Before(g.downUntil) }

// FaultState is the faults and outage part of a channel's stats (NAVStats, FINNStats).
type FaultState struct {
	// Fault is the fault set, and FaultRemaining how many requests it has
	// left (-1: until cleared).
	Fault          ChannelFault `json:"fault,omitempty"`
	FaultRemaining int          `json:"fault_remaining,omitempty"`
	// Down is true while the channel answers 503.
	Down bool `json:"down"`
	// Faulted counts the requests a fault or the outage answered.
	Faulted int `json:"faulted"`
}

func (g *gate) state() FaultState {
	g.mu.Lock()
	defer g.mu.Unlock()
	s := FaultState{Fault: g.fault, Down: g.downLocked(), Faulted: g.faulted}
	if g.fault != ChannelFaultNone {
		s.FaultRemaining = g.faultLeft
	}
	return s
}

// resetFaulted zeroes the count of faulted requests.
func (g *gate) resetFaulted() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.faulted = 0
}

// take returns what this request gets: the outage (as ChannelFault5xx
// with status 503) before any fault, which it does not use up.
func (g *gate) take() (kind ChannelFault, down bool, slow, retryAfter time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.downLocked() {
		g.faulted++
		return ChannelFaultNone, true, 0, 0
	}
	kind = g.fault
	if g.faultLeft > 0 {
		if g.faultLeft--; g.faultLeft == 0 {
			g.fault = ChannelFaultNone
		}
	}
	if kind != ChannelFaultNone {
		g.faulted++
	}
	return kind, false, g.slow, g.retryAfter
}

// admit runs the request through the outage and the fault: true when the
// channel should answer it (after the slow delay, if that is the fault),
// false when the gate answered it, or the client gave up while it waited.
func (g *gate) admit(w http.ResponseWriter, r *http.Request) bool {
	kind, down, slow, retryAfter := g.take()
	switch {
	case down:
		http.Error(w, "Service Unavailable", http.StatusServiceUnavailable)
	case kind == ChannelFaultNone:
		return true
	case kind == ChannelFaultSlow:
		return g.wait(r.Context(), slow)
	case kind == ChannelFault5xx:
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
	case kind == ChannelFault401:
		g.unauthorized(w)
	case kind == ChannelFault429:
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(retryAfter/time.Second))))
		http.Error(w, "Too Many Requests", http.StatusTooManyRequests)
	case kind == ChannelFaultTimeout:
		g.stall(r)
	}
	return false
}

// unauthorized answers 401 in plain text (NAV's access check, §1.2), with
// a Basic challenge when the gate has a realm (FINN's test import, §2.2).
func (g *gate) unauthorized(w http.ResponseWriter) {
	if g.realm != "" {
		w.Header().Set("WWW-Authenticate", `Basic realm="`+g.realm+`"`)
	}
	http.Error(w, "Unauthorized", http.StatusUnauthorized)
}

// wait sleeps d, or less if the client gives up (false) or the channel
// closes.
func (g *gate) wait(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-g.done:
	case <-t.C:
	}
	return true
}

// stall holds the request unanswered until the client gives up, the
// channel closes or stallLimit passes, then drops the connection
// (http.ErrAbortHandler, which net/http does not log).
func (g *gate) stall(r *http.Request) {
	t := time.NewTimer(stallLimit)
	defer t.Stop()
	select {
	case <-r.Context().Done():
		return
	case <-g.done:
	case <-t.C:
	}
	panic(http.ErrAbortHandler)
}
