package httpapi

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"regexp"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/intake"
	"github.com/jobgate/jobgate/internal/stats"
)

// reFormKey is what the form's idempotency key looks like (randomToken's
// alphabet); anything else is not used as a key.
var reFormKey = regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)

// postJobApply takes the job page's form (multipart, as a browser sends
// it) through intake.Submit with the key of the form's action (?k=), and
// answers 303 to the confirmation page; the same form sent again as it
// was is the same application, and goes to the same page. A refused
// submission draws the form again with its problems and the candidate's
// text values (422, or the status of a file that was too large or of a
// type not taken); a job that takes no application here gets the error
// page.
func (h *handlers) postJobApply(c *gin.Context) {
	jobID, key := c.Param("id"), c.Query("k")
	if !reFormKey.MatchString(key) {
		key = ""
	}
	if h.d.Intake == nil {
		renderError(c, http.StatusServiceUnavailable, "", intake.CodeApplyUnavailable)
		return
	}
	echo := echoForm(c.Request)
	src := formSource(c)
	sub, err := h.d.Intake.Submit(stats.WithSource(c.Request.Context(), src), jobID, key, c.Request)
	if err == nil && !sub.Duplicate && !sub.Repeated {
		h.count(c, sub.JobID, src, stats.Application)
	}
	var ve *apply.ValidationError
	var re *intake.RequestError
	fileProblem := errors.As(err, &re) && re.Field != "" && !errors.Is(err, intake.ErrKeyReused)
	values := echo.finish(c.Request, fileProblem)
	switch {
	case err == nil && sub.Duplicate:
		h.duplicatePage(c, jobID)
	case err == nil:
		c.Header("Cache-Control", "no-store")
		c.Redirect(http.StatusSeeOther, appliedURL(jobID, sub))
	case errors.Is(err, intake.ErrKeyReused):
		// The form was sent, then changed and sent again (the browser's
		// back button): the first application stands, and the form is
		// drawn again with a new key, so that sending it once more is a
		// second application the candidate chose to send.
		h.reshowForm(c, http.StatusUnprocessableEntity, jobID, "", values, []apply.Problem{{Code: codeFormAlreadySent}})
	case errors.As(err, &ve):
		h.reshowForm(c, http.StatusUnprocessableEntity, jobID, key, values, ve.Problems)
	case fileProblem:
		h.reshowForm(c, re.Status, jobID, key, values, []apply.Problem{{Field: re.Field, Code: re.Code}})
	default:
		h.applyError(c, jobID, err)
	}
}

// codeFormAlreadySent is the job page's problem for a form sent again
// with other content under its key (intake.CodeKeyReused).
const codeFormAlreadySent = "form_already_sent"

// duplicatePage answers a form sent without a key that was byte for byte
// an application accepted for the job a moment ago: it says so, and shows
// no receipt, which is the first sender's.
func (h *handlers) duplicatePage(c *gin.Context, jobID string) {
	p := errorPage{pageData: newPage(h.jobLanguage(c, jobID), "")}
	p.NoIndex = true
	p.Heading = p.T["duplicate_title"]
	p.Title, p.Message, p.JobURL = p.Heading, p.T.problemText("duplicate"), "/jobs/"+url.PathEscape(jobID)
	c.Header("Cache-Control", "no-store")
	renderPage(c, http.StatusOK, "error", p.Nonce, p)
}

// appliedURL is the confirmation page of an accepted application: its
// token comes from the status URL intake made.
func appliedURL(jobID string, sub intake.Submitted) string {
	token := ""
	if u, err := url.Parse(sub.StatusURL); err == nil {
		token = u.Query().Get("token")
	}
	return "/jobs/" + url.PathEscape(jobID) + "/applied/" + url.PathEscape(sub.ID) + "?token=" + url.QueryEscape(token)
}

// reshowForm draws the job page again with the refused submission's
// problems next to their fields and its text values (files are never
// kept: the candidate chooses them again).
func (h *handlers) reshowForm(c *gin.Context, status int, jobID, key string, values url.Values, problems []apply.Problem) {
	form, job, err := h.d.Intake.Form(c.Request.Context(), jobID)
	if err != nil {
		h.applyError(c, jobID, err)
		return
	}
	a := job.Ad
	if key == "" {
		key = randomToken(18)
	}
	p := newJobPage(a)
	p.NoIndex = true
	fv := buildForm(form, p.T, applyAction(jobID, key, formSource(c).Key()), values, problemsByField(problems))
	fv.summarise(problems, p.T)
	fv.Resubmitted = true
	p.Form = &fv
	c.Header("Cache-Control", "no-store")
	renderPage(c, status, "job", p.Nonce, p)
}

// applyError answers a submission intake refused for the job as a whole
// (redirect, closed, not found, unavailable, unreadable) with the error
// page and the status StatusOf gives; anything else is a 500.
func (h *handlers) applyError(c *gin.Context, jobID string, err error) {
	lang := h.jobLanguage(c, jobID)
	status, code, ok := intake.StatusOf(err)
	if !ok {
		_ = c.Error(err)
		renderError(c, http.StatusInternalServerError, lang, codeInternal)
		return
	}
	if status == http.StatusServiceUnavailable {
		c.Header("Retry-After", "30")
	}
	var rd *intake.RedirectError
	if errors.As(err, &rd) {
		renderError(c, status, lang, code, safeURL(rd.URL), "/jobs/"+url.PathEscape(jobID))
		return
	}
	if status == http.StatusNotFound {
		renderError(c, status, lang, code)
		return
	}
	renderError(c, status, lang, code, "", "/jobs/"+url.PathEscape(jobID))
}

// jobLanguage is the ad's language, or "" when the job cannot be read.
func (h *handlers) jobLanguage(c *gin.Context, jobID string) string {
	rec, err := h.d.Store.GetAdByID(c.Request.Context(), jobID)
	if err != nil {
		return ""
	}
	var a ad.Ad
	if json.Unmarshal(rec.Content, &a) != nil {
		return ""
	}
	return a.Language
}
