package httpapi

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/store"
)

// maxOtherJobs is how many of the employer's other open jobs the page of
// a closed job lists.
const maxOtherJobs = 10

// gonePage is the page of a job that is closed (410) or does not exist
// (404): the same look, a heading saying so, and for a closed job the
// employer's other open jobs.
type gonePage struct {
	pageData
	Heading, Message string
	// JobTitle is the closed job's title ("" for an unknown job).
	JobTitle string
	// Employer names the employer of a closed job; OtherJobsHeading and
	// NoOtherJobs are said of it; OtherJobs are its open jobs.
	Employer, OtherJobsHeading, NoOtherJobs string
	OtherJobs                               []otherJob
}

// otherJob is a link to one of the employer's open jobs.
type otherJob struct {
	URL, Title, Place string
}

// renderMissing answers 404 for a job the board does not have, in lang.
func renderMissing(c *gin.Context, lang string) {
	p := gonePage{pageData: newPage(lang, "")}
	p.NoIndex = true
	p.Heading, p.Message = p.T["not_found_title"], p.T.problemText("not_found")
	p.Title = p.Heading
	c.Header("Cache-Control", "no-store")
	renderPage(c, http.StatusNotFound, "gone", p.Nonce, p)
}

// renderClosed answers 410 for a withdrawn job: it is no longer open, in
// the ad's language, and here are the employer's other open jobs.
func (h *handlers) renderClosed(c *gin.Context, rec store.AdRecord, a ad.Ad) {
	p := gonePage{pageData: newPage(a.Language, ""), JobTitle: a.Title, Employer: a.Employer.Name}
	p.NoIndex = true
	who := map[string]any{"Employer": a.Employer.Name}
	p.Heading, p.Message = p.T["closed_title"], p.T.format("closed_lead", who)
	p.Title = p.Heading + " – " + a.Title
	p.OtherJobsHeading, p.NoOtherJobs = p.T.format("other_jobs", who), p.T.format("no_other_jobs", who)
	others, err := h.otherJobs(c, rec, a, p.T)
	if err != nil {
		_ = c.Error(err) // the page says the job is closed all the same
	}
	p.OtherJobs = others
	c.Header("Cache-Control", "no-store")
	renderPage(c, http.StatusGone, "gone", p.Nonce, p)
}

// otherJobs are the open jobs on the board of the closed job's employer:
// the same account and the same employer name, never another tenant's
// ads (the board's employer filter matches names, so the account is
// checked here).
func (h *handlers) otherJobs(c *gin.Context, rec store.AdRecord, a ad.Ad, t labels) ([]otherJob, error) {
	recs, _, err := h.d.Store.ListJobs(c.Request.Context(), store.JobQuery{Employer: a.Employer.Name, Limit: maxPageSize})
	if err != nil {
		return nil, err
	}
	var out []otherJob
	for _, r := range recs {
		var o ad.Ad
		if r.ID == rec.ID || r.AccountID != rec.AccountID || json.Unmarshal(r.Content, &o) != nil ||
			!strings.EqualFold(o.Employer.Name, a.Employer.Name) {
			continue
		}
		j := otherJob{URL: "/jobs/" + url.PathEscape(r.ID), Title: o.Title}
		if len(o.Locations) > 0 {
			j.Place = firstOf(o.Locations[0].City, o.Locations[0].Municipality, t.placeText(o.Locations[0]))
		}
		if out = append(out, j); len(out) == maxOtherJobs {
			break
		}
	}
	return out, nil
}
