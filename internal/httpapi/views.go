package httpapi

import (
	"encoding/json"
	"time"

	"github.com/jobgate/jobgate/internal/board"

	"github.com/jobgate/jobgate/internal/store"
)

// adView is an ad as GET /v1/ads/{reference} shows it: the canonical
// fields at the top level, then jobgate's own.
func (h *handlers) adView(rec store.AdRecord, changed bool) map[string]any {
	v := canonicalFields(rec.Content)
	v["id"] = rec.ID
	v["reference"] = rec.Reference
	v["status"] = rec.Status
	v["revision"] = rec.Revision
	v["changed"] = changed
	v["apply_mode"] = rec.ApplyMode
	v["url"] = board.JobURL(h.d.PublicURL, rec.ID)
	v["created_at"] = rec.CreatedAt.Format(time.RFC3339)
	v["updated_at"] = rec.UpdatedAt.Format(time.RFC3339)
	channels := make([]map[string]any, 0, len(rec.Publications))
	for _, p := range rec.Publications {
		channels = append(channels, map[string]any{"channel": p.Channel, "state": p.State, "revision": p.Revision,
			"reference": p.Reference, "url": p.URL, "reason": p.Reason, "updated_at": p.UpdatedAt.Format(time.RFC3339)})
	}
	v["channels"] = channels
	return v
}

// jobView is a job as the board's read API shows it.
func (h *handlers) jobView(rec store.AdRecord) map[string]any {
	v := canonicalFields(rec.Content)
	v["id"] = rec.ID
	v["apply_mode"] = rec.ApplyMode
	if rec.ApplyMode == "redirect" && rec.ApplyURL != "" {
		v["apply_url"] = rec.ApplyURL
	} else {
		delete(v, "apply_url")
	}
	v["url"] = board.JobURL(h.d.PublicURL, rec.ID)
	v["updated_at"] = rec.UpdatedAt.Format(time.RFC3339)
	return v
}

func canonicalFields(content json.RawMessage) map[string]any {
	v := map[string]any{}
	_ = json.Unmarshal(content, &v)
	return v
}
