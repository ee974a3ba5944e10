package httpapi

import (
	"context"
	"encoding/json"

	"github.com/jobgate/jobgate/internal/degrade"
	"github.com/jobgate/jobgate/internal/store"
)

// applyState is how candidates apply to rec now and where to when they
// are redirected: a direct job of a degraded integration redirects to the
// vendor's apply URL, where there is one (see README, Degraded apply). The
// ad's content is read only for a degraded direct job, so the common case
// costs a map lookup. ctx may be a background one: the degradations are
// read from a copy at most a couple of seconds old.
func (h *handlers) applyState(ctx context.Context, rec store.AdRecord) (degrade.State, string) {
	var d store.ApplyDegradation
	var degraded bool
	if h.d.Intake != nil {
		d, degraded = h.d.Intake.Degradation(ctx, rec.IntegrationID)
	}
	adApplyURL := ""
	if degraded && rec.ApplyMode == degrade.ModeDirect {
		var a struct {
			ApplyURL string `json:"apply_url"`
		}
		_ = json.Unmarshal(rec.Content, &a) // a broken content has no URL: the job stays direct
		adApplyURL = a.ApplyURL
	}
	return degrade.StateOf(rec, adApplyURL, d, degraded)
}

// applyNow is rec with the apply mode and URL candidates get now: the
// board's read API shows a degraded direct job as a redirect.
func (h *handlers) applyNow(rec store.AdRecord) store.AdRecord {
	st, url := h.applyState(context.Background(), rec)
	if st.Mode != rec.ApplyMode {
		rec.ApplyMode, rec.ApplyURL = st.Mode, url
	}
	return rec
}
