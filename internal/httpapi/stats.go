package httpapi

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/stats"
	"github.com/jobgate/jobgate/internal/store"
)

// maxStatsDays is the longest range one stats request reads.
const maxStatsDays = 731

// visitSource is where a request's visitor came from: its utm_source, or
// its Referer's site.
func (h *handlers) visitSource(c *gin.Context) stats.Source {
	return h.classifier.Classify(c.Query("utm_source"), c.GetHeader("Referer"))
}

// count records an event unless the User-Agent is an obvious robot's.
func (h *handlers) count(c *gin.Context, adID string, src stats.Source, ev stats.Event) {
	if h.d.Stats == nil {
		return
	}
	if stats.IsBot(c.GetHeader("User-Agent")) {
		h.d.Stats.Bot()
		return
	}
	h.d.Stats.Record(adID, src, ev)
}

// formSource is the source the job page's form carried from the view to
// its POST (?src=), trusted no further than ParseKey's bounds.
func formSource(c *gin.Context) stats.Source {
	return stats.ParseKey(c.Query("src"))
}

// postApplyStart is the job page's beacon, sent once on the first input
// in the apply form: 204, counted as an apply start of the form's source.
// A job that is not live is 404 and not counted.
func (h *handlers) postApplyStart(c *gin.Context) {
	rec, err := h.d.Store.GetAdByID(c.Request.Context(), c.Param("id"))
	if err != nil || rec.Status != store.AdLive {
		c.Status(http.StatusNotFound)
		return
	}
	h.count(c, rec.ID, formSource(c), stats.ApplyStart)
	c.Header("Cache-Control", "no-store")
	c.Status(http.StatusNoContent)
}

// adStatsBody is GET /v1/ads/{reference}/stats's answer.
type adStatsBody struct {
	Reference string `json:"reference"`
	AdID      string `json:"ad_id"`
	stats.Report
}

// getAdStats answers an ad's figures per source over from..to (UTC dates,
// by default from the ad's creation to today). Another integration's ad
// is 404, as for GET /v1/ads/{reference}.
func (h *handlers) getAdStats(c *gin.Context) {
	res, ok := storeAnswer(c, func(ctx context.Context, integrationID, ref string) (store.AdResult, error) {
		rec, err := h.d.Store.GetAd(ctx, integrationID, ref)
		return store.AdResult{Ad: rec}, err
	})
	if !ok {
		return
	}
	from, to, ok := statsRange(c, res.Ad.CreatedAt)
	if !ok {
		return
	}
	// What this process counted so far is written first: a reader sees
	// its own process's counts at once, other processes' within their
	// flush interval.
	if err := h.d.Stats.Flush(c.Request.Context()); err != nil {
		_ = c.Error(err)
	}
	rep, err := stats.ReportBetween(c.Request.Context(), h.d.Store, res.Ad.ID, from, to)
	if err != nil {
		abortInternal(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, adStatsBody{Reference: res.Ad.Reference, AdID: res.Ad.ID, Report: rep})
}

// statsRange reads from and to (YYYY-MM-DD), answering 400 itself for a
// bad date, a reversed range or one longer than maxStatsDays.
func statsRange(c *gin.Context, created time.Time) (string, string, bool) {
	today := time.Now().UTC().Format(time.DateOnly)
	from, to := c.DefaultQuery("from", created.UTC().Format(time.DateOnly)), c.DefaultQuery("to", today)
	f, ferr := time.Parse(time.DateOnly, from)
	t, terr := time.Parse(time.DateOnly, to)
	switch {
	case ferr != nil || terr != nil:
		abort(c, http.StatusBadRequest, codeInvalidQuery, "from and to are dates, YYYY-MM-DD")
	case t.Before(f):
		abort(c, http.StatusBadRequest, codeInvalidQuery, "from is after to")
	case t.Sub(f) > maxStatsDays*24*time.Hour:
		abort(c, http.StatusBadRequest, codeInvalidQuery, "from and to are at most 731 days apart")
	default:
		return from, to, true
	}
	return "", "", false
}
