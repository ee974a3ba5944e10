package httpapi

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/board"
	"github.com/jobgate/jobgate/internal/store"
)

const maxPageSize = 100

// listJobs is the board's listing: live ads, newest first or soonest
// deadline first (sort), filtered by text (q), location, employer, place,
// category, employment_type, extent and remote, a page at a time (cursor,
// limit). Bad parameters answer 400 invalid_query naming each.
func (h *handlers) listJobs(c *gin.Context) {
	q, bad := jobQuery(c, 20, maxPageSize)
	if len(bad) > 0 {
		abortFields(c, http.StatusBadRequest, codeInvalidQuery, "invalid query parameters", bad)
		return
	}
	recs, next, err := h.d.Store.ListJobs(c.Request.Context(), q)
	if errors.Is(err, store.ErrInvalidCursor) {
		abortFields(c, http.StatusBadRequest, codeInvalidQuery, "invalid query parameters",
			[]ad.FieldError{{Field: "cursor", Code: "invalid_value", Message: "must be the next_cursor of the previous page with the same sort"}})
		return
	}
	if err != nil {
		abortInternal(c, err)
		return
	}
	jobs := make([]jobView, len(recs))
	for i, r := range recs {
		jobs[i] = h.jobView(r)
	}
	c.JSON(http.StatusOK, gin.H{"jobs": jobs, "next_cursor": next})
}

// liveJob returns the ad if it is live on the board, else answers 404.
func (h *handlers) liveJob(c *gin.Context) (store.AdRecord, bool) {
	rec, err := h.d.Store.GetAdByID(c.Request.Context(), c.Param("id"))
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		abortInternal(c, err)
		return rec, false
	}
	if err != nil || rec.Status != store.AdLive || !liveOn(rec, board.Name) {
		abort(c, http.StatusNotFound, codeNotFound, "no such job on the board")
		return rec, false
	}
	return rec, true
}

// getJob returns one live job.
func (h *handlers) getJob(c *gin.Context) {
	if rec, ok := h.liveJob(c); ok {
		c.JSON(http.StatusOK, h.jobView(rec))
	}
}

func liveOn(rec store.AdRecord, channel string) bool {
	for _, p := range rec.Publications {
		if p.Channel == channel {
			return p.State == store.PublicationLive
		}
	}
	return false
}
