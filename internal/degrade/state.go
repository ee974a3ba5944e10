package degrade

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// CodeDegraded is the reason a direct-apply job's form and submissions
// give while its integration is degraded: the candidate applies on the
// vendor's page for now.
const CodeDegraded = "apply_degraded"

// Apply modes, as the ad and the job show them.
const (
	ModeDirect   = "direct"
	ModeRedirect = "redirect"
)

// State is an ad's apply mode now and why: what GET /v1/ads/{reference}
// shows as "apply".
type State struct {
	// Mode is how candidates apply now: direct, or redirect.
	Mode string `json:"mode"`
	// Degraded is true while the ad's integration is degraded; Reason
	// (store.DegradedUnavailable or DegradedUnauthorised) and Since say
	// why and since when. A degraded direct ad without an apply URL stays
	// direct: its applications are kept and delivered later.
	Degraded bool       `json:"degraded"`
	Reason   string     `json:"reason,omitempty"`
	Since    *time.Time `json:"since,omitempty"`
}

// StateOf is the apply state of rec, an ad whose own apply URL (the
// vendor's, in its content) is adApplyURL, given its integration's
// degradation (degraded false: none). redirect is where candidates go
// when Mode is redirect.
func StateOf(rec store.AdRecord, adApplyURL string, d store.ApplyDegradation, degraded bool) (st State, redirect string) {
	st.Mode = rec.ApplyMode
	if rec.ApplyMode != ModeDirect {
		return st, firstOf(rec.ApplyURL, adApplyURL)
	}
	if !degraded {
		return st, ""
	}
	since := d.Since.UTC()
	st.Degraded, st.Reason, st.Since = true, d.Reason, &since
	if u := firstOf(rec.ApplyURL, adApplyURL); u != "" {
		st.Mode = ModeRedirect
		return st, u
	}
	return st, ""
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// Current is rec's apply state read from r now, with no copy kept: for
// the console's and the portal's pages, off the hot path.
func Current(ctx context.Context, r Reader, rec store.AdRecord) (State, error) {
	ds, err := r.ApplyDegradations(ctx)
	if err != nil {
		return State{}, err
	}
	var d store.ApplyDegradation
	degraded := false
	for _, x := range ds {
		if x.IntegrationID == rec.IntegrationID {
			d, degraded = x, true
		}
	}
	var content struct {
		ApplyURL string `json:"apply_url"`
	}
	_ = json.Unmarshal(rec.Content, &content) // stored canonical JSON; none: no apply URL
	st, _ := StateOf(rec, content.ApplyURL, d, degraded)
	return st, nil
}
