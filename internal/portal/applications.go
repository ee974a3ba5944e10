package portal

import (
	"errors"
	"mime"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/store"
)

// Audit actions of access to a candidate's data (subject: the
// application's id; never anything about the candidate).
const (
	auditView     = "application.view"
	auditDownload = "application.document.download"
)

// listApplications is GET /v1/portal/applications[?ad=ID]: those the user
// may see, newest first, with their delivery state. An ad the user may
// not see lists nothing, as one without applications does.
func (p *Portal) listApplications(c *gin.Context) {
	q, ok := jsonQuery(c)
	if !ok {
		return
	}
	apps, next, err := p.d.Store.PortalApplications(c.Request.Context(), current(c).viewer.storeViewer(), q)
	if err != nil {
		p.fail(c, true, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"applications": itemsOf(apps), "next_cursor": next})
}

// applicationsListPage is the applications list.
type applicationsListPage struct {
	page
	Applications []applicationItem
	Next, AdID   string
}

// applicationsPage is GET /portal/applications[?ad=ID].
func (p *Portal) applicationsPage(c *gin.Context) {
	q, _ := pageQuery(c)
	q.Limit = 0
	apps, next, err := p.d.Store.PortalApplications(c.Request.Context(), current(c).viewer.storeViewer(), q)
	if err != nil {
		p.fail(c, false, err)
		return
	}
	l := applicationsListPage{page: newPage(c, "applications"), Applications: itemsOf(apps), Next: next, AdID: q.AdID}
	l.Nav = "applications"
	p.render(c, http.StatusOK, "applications", l.Nonce, l)
}

// loadApplication reads the application named in the path with the
// candidate's other applications the user may see, and audits the view;
// when it cannot, it has answered (404 or 500).
func (p *Portal) loadApplication(c *gin.Context, json bool) (applicationView, bool) {
	ctx, v, id := c.Request.Context(), current(c).viewer.storeViewer(), c.Param("id")
	d, err := p.d.Store.PortalApplication(ctx, v, id)
	if errors.Is(err, store.ErrNotFound) {
		p.notFound(c, json, "no such application")
		return applicationView{}, false
	}
	var others []store.PortalApplication
	if err == nil {
		others, err = p.d.Store.PortalCandidateApplications(ctx, v, id)
	}
	var view applicationView
	if err == nil {
		view, err = applicationOf(d, others)
	}
	if err == nil {
		var events []store.ApplicationEvent
		events, err = p.d.Store.ApplicationLedger(ctx, id)
		view.Events = eventsOf(events)
	}
	if err == nil {
		err = p.d.Store.Audit(ctx, auditView, id, "")
	}
	if err != nil {
		p.fail(c, json, err)
		return applicationView{}, false
	}
	return view, true
}

// notFound answers 404 in the request's form.
func (p *Portal) notFound(c *gin.Context, json bool, msg string) {
	if json {
		abort(c, http.StatusNotFound, codeNotFound, msg)
		return
	}
	p.renderError(c, http.StatusNotFound, codeNotFound)
}

// getApplication is GET /v1/portal/applications/:id: answers, consents,
// files and the delivery ledger (audited).
func (p *Portal) getApplication(c *gin.Context) {
	if view, ok := p.loadApplication(c, true); ok {
		c.JSON(http.StatusOK, view)
	}
}

// applicationDetailPage is one application.
type applicationDetailPage struct {
	page
	App applicationView
}

// applicationPage is GET /portal/applications/:id (audited).
func (p *Portal) applicationPage(c *gin.Context) {
	view, ok := p.loadApplication(c, false)
	if !ok {
		return
	}
	d := applicationDetailPage{page: newPage(c, "application"), App: view}
	d.Nav = "applications"
	p.render(c, http.StatusOK, "application", d.Nonce, d)
}

// getDocument is GET /v1/portal/applications/:id/documents/:seq: the
// file's bytes as an attachment (audited).
func (p *Portal) getDocument(c *gin.Context) {
	ctx, id := c.Request.Context(), c.Param("id")
	seq, err := strconv.Atoi(c.Param("seq"))
	if err != nil || seq < 0 {
		abort(c, http.StatusNotFound, codeNotFound, "no such document")
		return
	}
	doc, err := p.d.Store.PortalDocument(ctx, current(c).viewer.storeViewer(), id, seq)
	if errors.Is(err, store.ErrNotFound) {
		abort(c, http.StatusNotFound, codeNotFound, "no such document")
		return
	}
	if err == nil {
		err = p.d.Store.Audit(ctx, auditDownload, id, "seq="+strconv.Itoa(seq))
	}
	if err != nil {
		p.fail(c, true, err)
		return
	}
	disposition := mime.FormatMediaType("attachment", map[string]string{"filename": doc.FileName})
	if disposition == "" {
		disposition = "attachment" // a name it cannot encode: the browser names the file
	}
	h := c.Writer.Header()
	h.Set("Content-Disposition", disposition)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	c.Data(http.StatusOK, doc.ContentType, doc.Data)
}
