package sim

import (
	"cmp"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// NAV's ad statistics (navikt/pam-import-api, adpuls/): per ad and type a
// running total with the time NAV last updated it, answered by
//
//	GET /api/v1/stats/{providerId}?from=yyyy-MM-ddTHH:mm[&page=N][&size=N]
//
// as a RestSliceAdPulsDTO: the rows updated after from (truncated to the
// hour, AdPulsController.kt), sorted by updated ascending, at most size
// (default and maximum 1000) per page. A from more than 24 hours back is
// refused, as NAV's require(...) does; so is a from that is missing or
// unreadable. The test sets the totals with SetPuls or
// POST /_sim/nav/puls?reference=R&pageviews=N&applicationurlclicks=M.

// navPuls is one AdPulsDTO.
type navPuls struct {
	ID         int64  `json:"id"`
	ProviderID int64  `json:"providerId"`
	UUID       string `json:"uuid"`
	Reference  string `json:"reference"`
	Type       string `json:"type"`
	Total      int64  `json:"total"`
	Created    string `json:"created"`
	Updated    string `json:"updated"`
	updated    time.Time
}

// navLocal is NAV's LocalDateTime layout (Oslo, no offset).
const navLocal = "2006-01-02T15:04:05.000000"

var navOslo = func() *time.Location {
	if l, err := time.LoadLocation("Europe/Oslo"); err == nil {
		return l
	}
	return time.FixedZone("CET", 3600)
}()

// SetPuls sets the total of one type ("pageviews" or
// "applicationurlclicks") for the ad NAV knows under reference, updated
// at.
func (n *NAV) SetPuls(reference, typ string, total int64, at time.Time) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.puls == nil {
		n.puls = map[string]*navPuls{}
	}
	key := reference + "\x00" + typ
	p := n.puls[key]
	if p == nil {
		p = &navPuls{ID: int64(len(n.puls) + 1), ProviderID: n.cfg.ProviderID, Reference: reference, Type: typ,
			Created: at.In(navOslo).Format(navLocal)}
		if rec := n.ads[reference]; rec != nil {
			p.UUID = rec.uuid
		}
		n.puls[key] = p
	}
	p.Total, p.updated, p.Updated = total, at, at.In(navOslo).Format(navLocal)
}

// pulsStats answers GET /api/v1/stats/{providerId}.
func (n *NAV) pulsStats(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	from, err := time.ParseInLocation("2006-01-02T15:04", q.Get("from"), navOslo)
	if err != nil {
		from, err = time.ParseInLocation("2006-01-02T15:04:05", q.Get("from"), navOslo)
	}
	if err != nil {
		writeNAVError(w, navInvalidValue, "from is required, yyyy-MM-ddTHH:mm")
		return
	}
	from = from.Truncate(time.Hour)
	if !from.After(time.Now().Add(-24 * time.Hour)) {
		writeNAVError(w, navInvalidValue, "date is out of range, max 24h from now")
		return
	}
	page, size, err := pulsPaging(q.Get("page"), q.Get("size"))
	if err != nil {
		writeNAVError(w, navInvalidValue, err.Error())
		return
	}
	rows := n.pulsAfter(from)
	lo, hi := min(page*size, len(rows)), min(page*size+size, len(rows))
	content := rows[lo:hi]
	writeJSONBody(w, http.StatusOK, map[string]any{"content": content,
		"pageable": map[string]any{"size": size, "number": page, "sort": map[string]any{"orderBy": []map[string]any{
			{"property": "updated", "direction": "ASC", "ignoreCase": false, "ascending": true}}}},
		"empty": len(content) == 0, "size": size, "offset": page * size, "pageNumber": page, "numberOfElements": len(content)})
}

// pulsAfter is the rows updated after from, oldest first.
func (n *NAV) pulsAfter(from time.Time) []navPuls {
	n.mu.Lock()
	defer n.mu.Unlock()
	var out []navPuls
	for _, p := range n.puls {
		if p.updated.After(from) {
			out = append(out, *p)
		}
	}
	slices.SortFunc(out, func(a, b navPuls) int { return cmp.Or(a.updated.Compare(b.updated), cmp.Compare(a.ID, b.ID)) })
	return out
}

// pulsPaging reads page (default 0) and size (default and maximum 1000).
func pulsPaging(page, size string) (int, int, error) {
	p, s := 0, 1000
	var err error
	if page != "" {
		if p, err = strconv.Atoi(page); err != nil || p < 0 {
			return 0, 0, errors.New("size can not be less than 0")
		}
	}
	if size != "" {
		if s, err = strconv.Atoi(size); err != nil || s < 1 || s > 1000 {
			return 0, 0, errors.New("size can not be more than 1000")
		}
	}
	return p, s, nil
}

// ctlPuls is POST /_sim/nav/puls?reference=R&pageviews=N&applicationurlclicks=M:
// sets the given totals, updated now.
func (n *NAV) ctlPuls(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	ref := q.Get("reference")
	if ref == "" {
		ctlError(w, errors.New("reference is required"))
		return
	}
	now := time.Now()
	for _, typ := range []string{"pageviews", "applicationurlclicks"} {
		if v := q.Get(typ); v != "" {
			total, err := strconv.ParseInt(v, 10, 64)
			if err != nil || total < 0 {
				ctlError(w, errors.New(typ+" must be a count"))
				return
			}
			n.SetPuls(ref, typ, total, now)
		}
	}
	writeJSON(w, http.StatusOK, n.Stats())
}
