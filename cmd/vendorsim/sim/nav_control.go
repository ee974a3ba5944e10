package sim

import (
	"errors"
	"net/http"
	"strconv"
)

// mountControl mounts NAV's control API, JSON under /_sim/nav, which
// drives a running NAV as the Go methods do (ChannelsControl and
// `vendorsim channels` call it). Besides the routes every channel has
// (mountGateControl: stats, fault, down, reset-stats):
//
//	GET  /_sim/nav/ads                          every reference's NAVAdStatus
//	GET  /_sim/nav/ads/{reference}              the ad exactly as last received (404 if none)
//	POST /_sim/nav/reject?reference=R[&reason=DUPLICATE]   Reject; answers the stats
//	POST /_sim/nav/unknown?reference=R          Unknown; answers the stats
//	POST /_sim/nav/moderate[?reference=a,b]     Moderate; answers {"decided": n}
//	POST /_sim/nav/moderate?after=N             ModerateAfter(N); answers the stats
//	POST /_sim/nav/puls?reference=R&pageviews=N&applicationurlclicks=M   SetPuls, updated now; answers the stats
func (n *NAV) mountControl() {
	m := n.mux
	mountGateControl(m, "/_sim/nav", n.gate, func() any { return n.Stats() }, n.ResetStats)
	m.HandleFunc("GET /_sim/nav/ads", func(w http.ResponseWriter, r *http.Request) {
		out := []NAVAdStatus{}
		for _, ref := range n.References() {
			if s, ok := n.Status(ref); ok {
				out = append(out, s)
			}
		}
		writeJSON(w, http.StatusOK, out)
	})
	m.HandleFunc("GET /_sim/nav/ads/{reference}", func(w http.ResponseWriter, r *http.Request) {
		raw := n.AdJSON(r.PathValue("reference"))
		if raw == nil {
			ctlError(w, errNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(raw)
	})
	m.HandleFunc("POST /_sim/nav/reject", func(w http.ResponseWriter, r *http.Request) {
		ref := r.URL.Query().Get("reference")
		if ref == "" {
			ctlError(w, errors.New("reference is required"))
			return
		}
		n.Reject(ref, r.URL.Query().Get("reason"))
		writeJSON(w, http.StatusOK, n.Stats())
	})
	m.HandleFunc("POST /_sim/nav/unknown", func(w http.ResponseWriter, r *http.Request) {
		ref := r.URL.Query().Get("reference")
		if ref == "" {
			ctlError(w, errors.New("reference is required"))
			return
		}
		n.Unknown(ref)
		writeJSON(w, http.StatusOK, n.Stats())
	})
	m.HandleFunc("POST /_sim/nav/moderate", n.ctlModerate)
	m.HandleFunc("POST /_sim/nav/puls", n.ctlPuls)
}

func (n *NAV) ctlModerate(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if after := q.Get("after"); after != "" {
		k, err := strconv.Atoi(after)
		if err != nil {
			ctlError(w, errors.New("after must be a count of status requests (< 0: only by moderate)"))
			return
		}
		n.ModerateAfter(k)
		writeJSON(w, http.StatusOK, n.Stats())
		return
	}
	var refs []string
	if list := q.Get("reference"); list != "" {
		refs = splitList(list)
	}
	writeJSON(w, http.StatusOK, map[string]int{"decided": n.Moderate(refs...)})
}
