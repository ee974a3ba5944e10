package httpapi

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/intake"
	"github.com/jobgate/jobgate/internal/privacy"
	"github.com/jobgate/jobgate/internal/store"
)

// erasedBody answers a candidate's erasure of an application.
type erasedBody struct {
	ReceiptID    string `json:"receipt_id"`
	Applications int    `json:"applications"`
	Summary      string `json:"summary"`
}

// errNoErasure is the answer where this process erases nothing.
var errNoErasure = errors.New("erasure is not available here")

// eraseWithToken erases the application id for the holder of its status
// token (the candidate, GDPR article 17): intake.ErrNoApplication for an
// unknown application or a wrong token, which are not told apart.
func (h *handlers) eraseWithToken(ctx context.Context, id, token string) (privacy.Receipt, error) {
	if h.d.Intake == nil || h.d.Privacy == nil {
		return privacy.Receipt{}, errNoErasure
	}
	if _, err := h.d.Intake.Status(ctx, id, token); err != nil {
		return privacy.Receipt{}, err
	}
	rec, err := h.d.Privacy.EraseApplication(store.WithActor(ctx, "candidate"), id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return rec, intake.ErrNoApplication // erased a moment ago
	case err != nil && rec.ID != "":
		// Erased; only the compaction after it failed. The candidate's
		// answer stands; the operator sees the error.
		h.d.Log.Error("privacy: erased, but the database did not compact its files", "receipt", rec.ID, "error", err.Error())
		return rec, nil
	}
	return rec, err
}

// deleteApplication erases an application for the holder of its token:
// 200 with the erasure's receipt id.
func (h *handlers) deleteApplication(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	rec, err := h.eraseWithToken(c.Request.Context(), c.Param("id"), c.Query("token"))
	switch {
	case errors.Is(err, intake.ErrNoApplication):
		abort(c, http.StatusNotFound, codeNotFound, "no such application (or the token is not its)")
	case errors.Is(err, errNoErasure):
		abort(c, http.StatusServiceUnavailable, "unavailable", err.Error())
	case err != nil:
		abortInternal(c, err)
	default:
		c.JSON(http.StatusOK, erasedBody{ReceiptID: rec.ID, Applications: rec.Applications, Summary: rec.Summary})
	}
}

// erasePage is the receipt page's erasure: a confirmation, then what was
// done.
type erasePage struct {
	pageData
	JobTitle, ApplicationID string
	// Token is the application's status token, sent back by the
	// confirmation's form; ActionURL is that form's target.
	Token, ActionURL string
	// ReceiptID is set once the application is erased.
	ReceiptID string
	JobURL    string
}

// jobErase is the receipt page's "delete my application" (no script): a
// POST without confirm=yes answers a confirmation page whose form sends
// it with confirm=yes; that one erases the application and answers that
// it is deleted, with the receipt id. The token comes in the form, as the
// receipt page's form sends it.
func (h *handlers) jobErase(c *gin.Context) {
	jobID, appID, token := c.Param("id"), c.Param("application_id"), c.PostForm("token")
	a := h.receiptAd(c, jobID)
	p := erasePage{pageData: newPage(a.Language, ""), JobTitle: a.Title, ApplicationID: appID, Token: token,
		ActionURL: "/jobs/" + url.PathEscape(jobID) + "/applied/" + url.PathEscape(appID) + "/erase", JobURL: "/jobs/" + url.PathEscape(jobID)}
	p.NoIndex = true
	if !h.tokenFits(c.Request.Context(), jobID, appID, token) {
		renderError(c, http.StatusNotFound, a.Language, "no_application")
		return
	}
	if c.PostForm("confirm") != "yes" {
		p.Title = p.T["erase_title"]
		renderPage(c, http.StatusOK, "erase", p.Nonce, p)
		return
	}
	rec, err := h.eraseWithToken(c.Request.Context(), appID, token)
	if tokenPageError(c, a.Language, err) {
		return
	}
	p.Title, p.ReceiptID, p.Token = p.T["erased_title"], rec.ID, ""
	renderPage(c, http.StatusOK, "erase", p.Nonce, p)
}

// tokenFits reports whether token is the status token of application
// appID of job jobID.
func (h *handlers) tokenFits(ctx context.Context, jobID, appID, token string) bool {
	if h.d.Intake == nil {
		return false
	}
	v, err := h.d.Intake.Status(ctx, appID, token)
	return err == nil && v.JobID == jobID
}
