package sim

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// mountGateControl mounts the control routes NAV and FINN share under
// prefix (/_sim/nav, /_sim/finn); each answers stats() after it acts:
//
//	GET    {prefix}                                              the channel's stats
//	POST   {prefix}/fault?kind=5xx&times=1[&delay=2s][&retry_after=30s]   set a fault (times <= 0 or absent: until cleared)
//	DELETE {prefix}/fault                                        clear the fault
//	POST   {prefix}/down[?for=10m]                               answer 503 for that long (no for: until DELETE)
//	DELETE {prefix}/down                                         come back up
//	POST   {prefix}/reset-stats                                  zero the counters (only when reset is not nil)
func mountGateControl(m *http.ServeMux, prefix string, g *gate, stats func() any, reset func()) {
	answer := func(do func(r *http.Request) error) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if err := do(r); err != nil {
				ctlError(w, err)
				return
			}
			writeJSON(w, http.StatusOK, stats())
		}
	}
	m.HandleFunc("GET "+prefix, answer(func(*http.Request) error { return nil }))
	m.HandleFunc("POST "+prefix+"/fault", answer(func(r *http.Request) error { return ctlChannelFault(g, r) }))
	m.HandleFunc("DELETE "+prefix+"/fault", answer(func(*http.Request) error { g.ClearFault(); return nil }))
	m.HandleFunc("POST "+prefix+"/down", answer(func(r *http.Request) error {
		d := r.URL.Query().Get("for")
		if d == "" {
			g.SetDown(true)
			return nil
		}
		dur, err := time.ParseDuration(d)
		if err != nil || dur <= 0 {
			return errors.New("for must be a duration such as 10m")
		}
		g.Down(dur)
		return nil
	}))
	m.HandleFunc("DELETE "+prefix+"/down", answer(func(*http.Request) error { g.SetDown(false); return nil }))
	if reset != nil {
		m.HandleFunc("POST "+prefix+"/reset-stats", answer(func(*http.Request) error { reset(); return nil }))
	}
}

// ctlChannelFault sets the fault a control call asks for.
func ctlChannelFault(g *gate, r *http.Request) error {
	q := r.URL.Query()
	kind, err := ParseChannelFault(q.Get("kind"))
	if err != nil {
		return err
	}
	times := 0
	if t := q.Get("times"); t != "" {
		if times, err = strconv.Atoi(t); err != nil {
			return errors.New("times must be a count of requests")
		}
	}
	for name, set := range map[string]func(time.Duration){"delay": g.SetSlowDelay, "retry_after": g.SetRetryAfter} {
		if v := q.Get(name); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d < 0 {
				return errors.New(name + " must be a duration such as 2s")
			}
			set(d)
		}
	}
	g.Fault(kind, times)
	return nil
}

// splitList splits a comma-separated query value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
