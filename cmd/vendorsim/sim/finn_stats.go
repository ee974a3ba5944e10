package sim

import "net/http"

// finnCounters are FINN's counters, kept under its lock.
type finnCounters struct {
	requests, unauthorized, refused, accepted, objectErrors, published, stopped int
}

// FINNStats is a snapshot of what FINN holds and was asked, as GET
// /_sim/finn answers it.
type FINNStats struct {
	PartnerID string `json:"partner_id"`
	// Requests counts the requests to the import (not the control API);
	// Unauthorized those refused for their credentials (not those of
	// ChannelFault401).
	Requests     int `json:"requests"`
	Unauthorized int `json:"unauthorized"`
	// Refused counts the uploads refused whole (no file, not XML, not
	// valid), Accepted those whose every OBJECT was applied, ObjectErrors
	// the OBJECTs refused on their own (contract, dates).
	Refused      int `json:"refused"`
	Accepted     int `json:"accepted"`
	ObjectErrors int `json:"object_errors"`
	// Published counts the job OBJECTs applied, Stopped the STOP ones.
	Published int `json:"published"`
	Stopped   int `json:"stopped"`
	// Ads counts the ORDERNOs FINN holds, Live those not stopped.
	Ads  int `json:"ads"`
	Live int `json:"live"`
	FaultState
}

// Stats returns FINN's counters and state.
func (f *FINN) Stats() FINNStats {
	fs := f.state()
	f.mu.Lock()
	defer f.mu.Unlock()
	c := f.stats
	s := FINNStats{PartnerID: f.cfg.PartnerID, Requests: c.requests, Unauthorized: c.unauthorized, Refused: c.refused,
		Accepted: c.accepted, ObjectErrors: c.objectErrors, Published: c.published, Stopped: c.stopped, Ads: len(f.ads),
		FaultState: fs}
	for _, rec := range f.ads {
		if rec.ad.Live {
			s.Live++
		}
	}
	return s
}

// Requests counts the requests to the import.
func (f *FINN) Requests() int { return f.Stats().Requests }

// ResetStats zeroes the counters (not the ads, faults or contract).
func (f *FINN) ResetStats() {
	f.resetFaulted()
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stats = finnCounters{}
}

func (f *FINN) bump(counter *int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	*counter++
}

// mountControl mounts FINN's control API, JSON under /_sim/finn, which
// drives a running FINN as the Go methods do. Besides the routes every
// channel has (mountGateControl: stats, fault, down, reset-stats):
//
//	GET /_sim/finn/ads                 every ORDERNO's FINNAd
//	GET /_sim/finn/ads/{orderno}       the last IAD.IF.JOB file that carried it, as uploaded (404 if none)
//	PUT /_sim/finn/contract?types=JOB,JOB_PARTTIME   SetContract (types empty: expired)
func (f *FINN) mountControl() {
	m := f.mux
	mountGateControl(m, "/_sim/finn", f.gate, func() any { return f.Stats() }, f.ResetStats)
	m.HandleFunc("GET /_sim/finn/ads", func(w http.ResponseWriter, r *http.Request) {
		out := []FINNAd{}
		for _, no := range f.OrderNos() {
			if a, ok := f.Ad(no); ok {
				out = append(out, a)
			}
		}
		writeJSON(w, http.StatusOK, out)
	})
	m.HandleFunc("GET /_sim/finn/ads/{orderno}", func(w http.ResponseWriter, r *http.Request) {
		doc := f.Document(r.PathValue("orderno"))
		if doc == nil {
			ctlError(w, errNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/xml")
		_, _ = w.Write(doc)
	})
	m.HandleFunc("PUT /_sim/finn/contract", func(w http.ResponseWriter, r *http.Request) {
		var types []string
		if t := r.URL.Query().Get("types"); t != "" {
			types = splitList(t)
		}
		f.SetContract(types...)
		writeJSON(w, http.StatusOK, f.Stats())
	})
}
