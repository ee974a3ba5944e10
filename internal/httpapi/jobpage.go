package httpapi

import (
	"encoding/json"
	"errors"
	"html/template"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/board"
	"github.com/jobgate/jobgate/internal/intake"
	"github.com/jobgate/jobgate/internal/stats"
	"github.com/jobgate/jobgate/internal/store"
)

// jobPageData is the hosted job page: the ad, and the apply form, the
// link to the employer's page or a message saying why neither is there.
type jobPageData struct {
	pageData
	Ad ad.Ad
	// Facts are the ad's facts written in its language.
	Facts jobFacts
	// Description was sanitised on the way in: trusted HTML here.
	Description template.HTML
	ApplyURL    string
	Message     string
	Form        *formView

	// Notice says why a direct job sends the candidate to the employer's
	// page for now (a degraded ATS); empty otherwise.
	Notice string
	// Source is where the visitor came from (stats.Source's key): the
	// form carries it to its POST.
	Source string
}

// newJobPage is the job page of the ad, without its apply part.
func newJobPage(a ad.Ad) jobPageData {
	p := jobPageData{pageData: newPage(a.Language, a.Title+" – "+a.Employer.Name), Ad: a, Description: template.HTML(a.Description)}
	p.Facts = factsOf(a, p.T)
	return p
}

// jobPage serves the hosted job page with schema.org JobPosting JSON-LD
// and, for a direct-apply job, the apply form (plain HTML, no script
// needed).
func (h *handlers) jobPage(c *gin.Context) {
	rec, a, ok := h.pageJob(c)
	if !ok {
		return
	}
	src := h.visitSource(c)
	p := newJobPage(a)
	p.Source = src.Key()
	jp := jobPosting(rec, a)
	h.applyPart(c, rec, &p)
	if p.Form != nil {
		jp["directApply"] = true
		// The form carries a fresh idempotency key: a cached copy shown to
		// two candidates would make the second's application the first's.
		c.Header("Cache-Control", "no-store")
	}
	p.JSONLD = jp
	renderPage(c, http.StatusOK, "job", p.Nonce, p)
	if c.Writer.Status() == http.StatusOK {
		h.count(c, rec.ID, src, stats.View)
	}
}

// applyPart fills in how the page lets the candidate apply.
func (h *handlers) applyPart(c *gin.Context, rec store.AdRecord, p *jobPageData) {
	if h.d.Intake == nil { // a handler set up without intake: the ATS's link
		p.ApplyURL = safeURL(firstOf(rec.ApplyURL, p.Ad.ApplyURL))
		return
	}
	form, _, err := h.d.Intake.FormOf(c.Request.Context(), rec)
	switch {
	case err == nil && form.ApplyMode != apply.ModeDirect:
		p.ApplyURL = safeURL(form.ApplyURL)
		if form.Reason != "" {
			p.Notice = p.T.problemText(form.Reason)
		}
	case err == nil && !form.Open:
		p.Message = p.T.problemText(intake.CodeJobClosed)
	case err == nil:
		fv := buildForm(form, p.T, applyAction(rec.ID, randomToken(18), p.Source), nil, nil)
		p.Form = &fv
	default:
		_, code, known := intake.StatusOf(err)
		if !known {
			_ = c.Error(err)
			code = intake.CodeFormUnavailable
		}
		p.Message = p.T.problemText(code)
	}
}

// pageJob returns the job if it is on the board, else answers with the
// page that says why: 404 for no such job (or one not yet or no longer on
// the board), 410 for a withdrawn one.
func (h *handlers) pageJob(c *gin.Context) (store.AdRecord, ad.Ad, bool) {
	var a ad.Ad
	rec, err := h.d.Store.GetAdByID(c.Request.Context(), c.Param("id"))
	if errors.Is(err, store.ErrNotFound) {
		renderMissing(c, "")
		return rec, a, false
	}
	if err == nil {
		err = json.Unmarshal(rec.Content, &a)
	}
	switch {
	case err != nil:
		_ = c.Error(err)
		renderError(c, http.StatusInternalServerError, "", codeInternal)
	case rec.Status == store.AdWithdrawn:
		h.renderClosed(c, rec, a)
	case rec.Status != store.AdLive || !liveOn(rec, board.Name): // scheduled: not yet
		renderMissing(c, a.Language)
	default:
		return rec, a, true
	}
	return rec, a, false
}

// applyAction is where the form posts: the idempotency key rides in the
// query, so a double click or a browser's re-POST is the same application;
// src is where the candidate came from (stats.Source's key), checked again
// on the POST.
func applyAction(jobID, key, src string) string {
	return "/jobs/" + url.PathEscape(jobID) + "/apply?k=" + url.QueryEscape(key) + "&src=" + url.QueryEscape(src)
}

func hasConditions(qs []questionView) bool {
	for _, q := range qs {
		if q.Parent != "" {
			return true
		}
	}
	return false
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
