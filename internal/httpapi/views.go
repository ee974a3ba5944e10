package httpapi

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/board"
	"github.com/jobgate/jobgate/internal/degrade"
	"github.com/jobgate/jobgate/internal/store"
)

// adMeta is what GET /v1/ads/{reference} adds to the canonical fields.
type adMeta struct {
	ID        string        `json:"id"`
	Reference string        `json:"reference"`
	Status    string        `json:"status"`
	Revision  int           `json:"revision"`
	Changed   bool          `json:"changed"`
	ApplyMode string        `json:"apply_mode"`
	URL       string        `json:"url"`
	CreatedAt string        `json:"created_at"`
	UpdatedAt string        `json:"updated_at"`
	Channels  []channelView `json:"channels"`
	// Warnings are what jobgate dropped or corrected in the last push of
	// a vendor's ad ({field, code, message}, never the value).
	Warnings json.RawMessage `json:"warnings"`
	// Apply is how candidates apply now and why (a degraded ATS);
	// ApplyMode is the ad's own mode.
	Apply degrade.State `json:"apply"`
}

type channelView struct {
	Channel   string `json:"channel"`
	State     string `json:"state"`
	Revision  int    `json:"revision"`
	Reference string `json:"reference"`
	URL       string `json:"url"`
	Reason    string `json:"reason"`
	UpdatedAt string `json:"updated_at"`
}

// adView is an ad as GET /v1/ads/{reference} shows it: the canonical
// fields as stored at the top level, then jobgate's own. The stored JSON
// is spliced, not decoded and encoded again: it is the hot path of a PUT.
// chosen are the channels the integration publishes to: a live ad not yet
// on one of them is shown pending there.
func (h *handlers) adView(rec store.AdRecord, changed bool, chosen []string) []byte {
	meta := adMeta{ID: rec.ID, Reference: rec.Reference, Status: rec.Status, Revision: rec.Revision, Changed: changed,
		ApplyMode: rec.ApplyMode, URL: board.JobURL(h.d.PublicURL, rec.ID),
		CreatedAt: rec.CreatedAt.Format(time.RFC3339), UpdatedAt: rec.UpdatedAt.Format(time.RFC3339),
		Channels: make([]channelView, 0, len(rec.Publications)), Warnings: rec.Warnings}
	meta.Apply, _ = h.applyState(context.Background(), rec)
	if len(meta.Warnings) == 0 {
		meta.Warnings = json.RawMessage("[]")
	}
	on := map[string]bool{}
	for _, p := range rec.Publications {
		on[p.Channel] = true
		meta.Channels = append(meta.Channels, channelView{Channel: p.Channel, State: p.State, Revision: p.Revision,
			Reference: p.Reference, URL: p.URL, Reason: p.Reason, UpdatedAt: p.UpdatedAt.Format(time.RFC3339)})
	}
	for _, ch := range chosen {
		if !on[ch] && rec.Status == store.AdLive {
			meta.Channels = append(meta.Channels, channelView{Channel: ch, State: store.PublicationPending, Revision: rec.Revision,
				UpdatedAt: rec.UpdatedAt.Format(time.RFC3339)})
		}
	}
	extra, _ := json.Marshal(meta)
	return spliceObjects(rec.Content, extra)
}

// spliceObjects joins two JSON objects with distinct keys into one.
func spliceObjects(a, b []byte) []byte {
	if len(a) < 2 || string(a) == "{}" {
		return b
	}
	out := make([]byte, 0, len(a)+len(b))
	out = append(out, a[:len(a)-1]...)
	out = append(out, ',')
	return append(out, b[1:]...)
}

// jobView is a job as the board's read API shows it: the canonical fields
// but the recruiters, apply_url only when candidates are redirected, and
// the board's own.
type jobView struct {
	ad.Ad
	ID        string `json:"id"`
	ApplyMode string `json:"apply_mode"`
	URL       string `json:"url"`
	UpdatedAt string `json:"updated_at"`
}

func (h *handlers) jobView(rec store.AdRecord) jobView {
	rec = h.applyNow(rec)
	v := jobView{ID: rec.ID, ApplyMode: rec.ApplyMode, URL: board.JobURL(h.d.PublicURL, rec.ID), UpdatedAt: rec.UpdatedAt.Format(time.RFC3339)}
	_ = json.Unmarshal(rec.Content, &v.Ad)
	v.ApplyURL = ""
	// The recruiting team is the employer's business, not the public's.
	v.Recruiters = nil
	if rec.ApplyMode == "redirect" {
		v.ApplyURL = rec.ApplyURL
	}
	return v
}
