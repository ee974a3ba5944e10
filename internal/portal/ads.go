package portal

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/degrade"
	"github.com/jobgate/jobgate/internal/stats"
	"github.com/jobgate/jobgate/internal/store"
)

// pageQuery reads a list's cursor and limit (1 to 200; default 50).
func pageQuery(c *gin.Context) (store.PortalQuery, bool) {
	q := store.PortalQuery{Cursor: c.Query("cursor"), AdID: c.Query("ad")}
	if s := c.Query("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 200 {
			return q, false
		}
		q.Limit = n
	}
	return q, true
}

// jsonQuery is pageQuery for a JSON list: a bad limit answers 400
// invalid_query.
func jsonQuery(c *gin.Context) (store.PortalQuery, bool) {
	q, ok := pageQuery(c)
	if !ok {
		abort(c, http.StatusBadRequest, codeInvalidQuery, "limit must be a whole number from 1 to 200")
	}
	return q, ok
}

// listAds is GET /v1/portal/ads: the ads the user may see, newest first,
// with their state per channel and their applications' count.
func (p *Portal) listAds(c *gin.Context) {
	q, ok := jsonQuery(c)
	if !ok {
		return
	}
	ads, next, err := p.d.Store.PortalAds(c.Request.Context(), current(c).viewer.storeViewer(), q)
	if err != nil {
		p.fail(c, true, err)
		return
	}
	out := make([]adView, 0, len(ads))
	for _, a := range ads {
		out = append(out, adOf(a))
	}
	c.JSON(http.StatusOK, gin.H{"ads": out, "next_cursor": next})
}

// adsListPage is the ads list.
type adsListPage struct {
	page
	Ads  []adView
	Next string
}

// adsPage is the ads list of GET /portal/ for a signed-in user.
func (p *Portal) adsPage(c *gin.Context) {
	q, _ := pageQuery(c)
	q.Limit = 0
	ads, next, err := p.d.Store.PortalAds(c.Request.Context(), current(c).viewer.storeViewer(), q)
	if err != nil {
		p.fail(c, false, err)
		return
	}
	l := adsListPage{page: newPage(c, "ads"), Next: next}
	l.Nav = "ads"
	for _, a := range ads {
		l.Ads = append(l.Ads, adOf(a))
	}
	p.render(c, http.StatusOK, "ads", l.Nonce, l)
}

// adDetailPage is one ad with its team and applications.
type adDetailPage struct {
	page
	Ad           adView
	Team         teamView
	Applications []applicationItem
	Next         string
	// Stats are the ad's figures per source (templates/adstats.html).
	Stats *stats.Report
	// Message is what went wrong with the team form.
	Message string

	// Apply is how candidates apply now, and why (a degraded ATS).
	Apply degrade.State
}

// adPage is GET /portal/ads/:id.
func (p *Portal) adPage(c *gin.Context) {
	p.renderAd(c, http.StatusOK, "")
}

// renderAd answers the ad's page with status and a message for the team
// form; an ad the user may not see is 404.
func (p *Portal) renderAd(c *gin.Context, status int, messageKey string) {
	ctx, v := c.Request.Context(), current(c).viewer.storeViewer()
	a, err := p.d.Store.PortalAd(ctx, v, c.Param("id"))
	if errors.Is(err, store.ErrNotFound) {
		p.renderError(c, http.StatusNotFound, codeNotFound)
		return
	}
	var team []store.TeamMember
	var apps []store.PortalApplication
	var next string
	if err == nil {
		team, err = p.d.Store.ListTeam(ctx, a.Ad.ID)
	}
	if err == nil {
		apps, next, err = p.d.Store.PortalApplications(ctx, v, store.PortalQuery{AdID: a.Ad.ID})
	}
	var rep stats.Report
	if err == nil {
		rep, err = stats.AdReport(ctx, p.d.Store, a.Ad)
	}
	if err != nil {
		p.fail(c, false, err)
		return
	}
	d := adDetailPage{page: newPage(c, "ads"), Ad: adOf(a), Team: teamOf(a.Ad.ID, team), Applications: itemsOf(apps), Next: next, Stats: &rep}
	d.Title, d.Nav = a.Title, "ads"
	if messageKey != "" {
		d.Message = d.T[messageKey]
	}
	if d.Apply, err = degrade.Current(ctx, p.d.Store, a.Ad); err != nil {
		p.fail(c, false, err)
		return
	}
	p.render(c, status, "ad", d.Nonce, d)
}

// seeAd answers 404 (JSON or HTML) unless the user may see the ad, and
// reports whether it may.
func (p *Portal) seeAd(c *gin.Context, json bool) bool {
	_, err := p.d.Store.PortalAd(c.Request.Context(), current(c).viewer.storeViewer(), c.Param("id"))
	switch {
	case errors.Is(err, store.ErrNotFound) && json:
		abort(c, http.StatusNotFound, codeNotFound, "no such ad")
	case errors.Is(err, store.ErrNotFound):
		p.renderError(c, http.StatusNotFound, codeNotFound)
	case err != nil:
		p.fail(c, json, err)
	}
	return err == nil
}
