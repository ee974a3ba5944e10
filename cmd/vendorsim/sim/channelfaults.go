package sim

import (
	"fmt"
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
	fault      faultPlan[ChannelFault]
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
	g.fault.set(kind, times)
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
	s := FaultState{Fault: g.fault.kind, FaultRemaining: g.fault.remaining(), Down: g.downLocked(), Faulted: g.faulted}
	return s
}

// resetFaulted zeroes the count of faulted requests.
func (g *gate) resetFaulted() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.faulted = 0
}
