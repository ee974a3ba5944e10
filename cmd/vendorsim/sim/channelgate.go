package sim

import (
	"context"
	"net/http"
	"strconv"
	"time"
)

// take returns what this request gets: the outage (as ChannelFault5xx
// with status 503) before any fault, which it does not use up.
func (g *gate) take() (kind ChannelFault, down bool, slow, retryAfter time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.downLocked() {
		g.faulted++
		return ChannelFaultNone, true, 0, 0
	}
	kind = g.fault.take()
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
