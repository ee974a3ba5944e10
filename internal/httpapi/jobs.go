package httpapi

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/board"
	"github.com/jobgate/jobgate/internal/store"
)

const maxPageSize = 100

// listJobs is the board's feed: live ads, newest first, filtered by text
// (q), location and employer, a page at a time (cursor, limit).
func (h *handlers) listJobs(c *gin.Context) {
	limit := 20
	if s := c.Query("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxPageSize {
			abort(c, http.StatusBadRequest, codeInvalidQuery, "limit must be an integer from 1 to 100")
			return
		}
		limit = n
	}
	q := store.JobQuery{Text: c.Query("q"), Location: c.Query("location"), Employer: c.Query("employer"), Cursor: c.Query("cursor"), Limit: limit}
	for _, s := range []string{q.Text, q.Location, q.Employer, q.Cursor} {
		if len(s) > 200 {
			abort(c, http.StatusBadRequest, codeInvalidQuery, "query parameters are at most 200 characters")
			return
		}
	}
	recs, next, err := h.d.Store.ListJobs(c.Request.Context(), q)
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
