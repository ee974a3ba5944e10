package httpapi

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/intake"
)

// appliedPage is the confirmation page: the receipt of an application.
type appliedPage struct {
	pageData
	Status     intake.StatusView
	StatusText string
	JobTitle   string
	// Receipt says what happened to the application.
	Receipt receiptSummary
	// JobURL is the job's page.
	JobURL string
	// EraseURL takes the candidate's request to delete the application,
	// with its Token (see jobErase).
	EraseURL, Token string
}

// jobApplied shows the receipt of an application to the holder of its
// token (the confirmation page the form's POST redirects to): its id, its
// status (received, delivered or failed) and the job's title. The token is
// in the URL, so the page is never cached and sends no referrer.
func (h *handlers) jobApplied(c *gin.Context) {
	jobID, appID, token := c.Param("id"), c.Param("application_id"), c.Query("token")
	a := h.receiptAd(c, jobID)
	if h.d.Intake == nil {
		renderError(c, http.StatusNotFound, a.Language, "no_application")
		return
	}
	v, err := h.d.Intake.Status(c.Request.Context(), appID, token)
	if err == nil && v.JobID != jobID {
		err = intake.ErrNoApplication
	}
	if tokenPageError(c, a.Language, err) {
		return
	}
	p := appliedPage{pageData: newPage(a.Language, ""), Status: v, JobTitle: a.Title, JobURL: "/jobs/" + url.PathEscape(jobID),
		EraseURL: "/jobs/" + url.PathEscape(jobID) + "/applied/" + url.PathEscape(v.ID) + "/erase", Token: token}
	p.NoIndex = true
	p.Title = p.T["applied_title"]
	if a.Title != "" {
		p.Title += " – " + a.Title
	}
	p.Receipt = summarise(v, a, p.T)
	p.StatusText = p.T["status_"+v.Status]
	if p.StatusText == "" {
		p.StatusText = v.Status
	}
	renderPage(c, http.StatusOK, "applied", p.Nonce, p)
}

// receiptAd sets the headers of a page behind an application's token
// (never cached, no referrer: the token is in the URL or the form) and
// returns the job's ad, for its title and language (empty when gone).
func (h *handlers) receiptAd(c *gin.Context, jobID string) ad.Ad {
	c.Header("Cache-Control", "no-store")
	c.Header("Referrer-Policy", "no-referrer")
	var a ad.Ad
	if rec, err := h.d.Store.GetAdByID(c.Request.Context(), jobID); err == nil {
		_ = json.Unmarshal(rec.Content, &a)
	}
	return a
}

// tokenPageError answers the error of a page behind an application's
// token, and says whether there was one: no such application or the
// wrong token (not told apart) is 404, anything else 500.
func tokenPageError(c *gin.Context, lang string, err error) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, intake.ErrNoApplication):
		renderError(c, http.StatusNotFound, lang, "no_application")
	default:
		_ = c.Error(err)
		renderError(c, http.StatusInternalServerError, lang, codeInternal)
	}
	return true
}
