package console

import (
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/degrade"
	"github.com/jobgate/jobgate/internal/stats"
	"github.com/jobgate/jobgate/internal/store"
)

// Values the ads page filters by.
var (
	adStatuses        = []string{store.AdLive, store.AdScheduled, store.AdWithdrawn}
	publicationStates = []string{store.PublicationPending, store.PublicationLive, store.PublicationRejected,
		store.PublicationWithdrawn, store.PublicationUnknown}
)

// adsView is the ads page.
type adsView struct {
	page
	Ads []store.AdSummary
	// Filters are the filters' selects.
	Filters []selectField
	Next    string
}

// adsPage is GET /ops/ads: ads newest first with their state and reason
// per channel, filtered by integration, status, channel and channel state.
func (o *Console) adsPage(c *gin.Context) {
	ctx := c.Request.Context()
	integrations, channels, err := o.filterChoices(c)
	if err != nil {
		o.fail(c, err)
		return
	}
	f, ok := o.readFilters(c, filter{Field: "integration", Allowed: integrations}, filter{Field: "status", Allowed: adStatuses},
		filter{Field: "channel", Allowed: channels}, filter{Field: "state", Allowed: publicationStates})
	if !ok {
		return
	}
	v := adsView{page: newPage(c, "Ads")}
	v.Nav = "ads"
	v.Ads, v.Next, err = o.d.Store.ListAdSummaries(ctx, store.AdFilter{IntegrationID: f.Get("integration"), Status: f.Get("status"),
		Channel: f.Get("channel"), ChannelState: f.Get("state"), Cursor: f.Get("cursor")})
	if err != nil {
		o.fail(c, err)
		return
	}
	v.Next = pageLink("/ops/ads", f, v.Next)
	v.Filters = []selectField{choice(f, "integration", "Integration", integrations...), choice(f, "status", "Ad status", adStatuses...),
		choice(f, "channel", "Channel", channels...), choice(f, "state", "Channel state", publicationStates...)}
	o.render(c, http.StatusOK, "ads", v)
}

// integrationIDs are the integrations' ids, oldest first: what the
// integration filters offer.
func (o *Console) integrationIDs(c *gin.Context) ([]string, error) {
	ins, err := o.d.Store.ListIntegrations(c.Request.Context())
	if err != nil {
		return nil, err
	}
	out := make([]string, len(ins))
	for i, in := range ins {
		out[i] = in.ID
	}
	return out, nil
}

// filterChoices are the integrations' ids and the channels publications
// are on: what the filters of the ads page offer.
func (o *Console) filterChoices(c *gin.Context) (integrations, channels []string, err error) {
	if integrations, err = o.integrationIDs(c); err != nil {
		return nil, nil, err
	}
	counts, err := o.d.Store.CountPublications(c.Request.Context())
	if err != nil {
		return nil, nil, err
	}
	seen := map[string]bool{}
	for k := range counts {
		seen[k[0]] = true
	}
	return integrations, slices.Sorted(maps.Keys(seen)), nil
}

// adView is one ad's page.
type adView struct {
	page
	Ad         store.AdRecord
	JobTitle   string
	Revisions  int
	Deliveries []store.Delivery

	// Apply is how candidates apply now, and why (a degraded ATS).
	Apply degrade.State

	// Stats are the ad's figures per source (templates/adstats.html).
	Stats *stats.Report
}

// adPage is GET /ops/ads/:id: an ad's state per channel, its revisions
// and its deliveries (the newest 50); never an application's candidate.
func (o *Console) adPage(c *gin.Context) {
	ctx := c.Request.Context()
	a, err := o.d.Store.GetAdByID(ctx, c.Param("id"))
	if errors.Is(err, store.ErrNotFound) {
		o.renderError(c, http.StatusNotFound, "not_found", "There is no ad with this id.")
		return
	}
	if err != nil {
		o.fail(c, err)
		return
	}
	revs, err := o.d.Store.ListRevisions(ctx, a.ID)
	if err != nil {
		o.fail(c, err)
		return
	}
	ds, _, err := o.d.Store.FindDeliveries(ctx, store.DeliveryQuery{AdID: a.ID})
	if err != nil {
		o.fail(c, err)
		return
	}
	rep, err := stats.AdReport(ctx, o.d.Store, a)
	if err != nil {
		o.fail(c, err)
		return
	}
	var content struct {
		Title string `json:"title"`
	}
	_ = json.Unmarshal(a.Content, &content) // stored canonical JSON; a title-less ad shows its reference
	v := adView{page: newPage(c, "Ad "+a.ID), Ad: a, JobTitle: content.Title, Revisions: len(revs), Deliveries: ds, Stats: &rep}
	if v.Apply, err = o.applyState(ctx, a); err != nil {
		o.fail(c, err)
		return
	}
	v.Nav = "ads"
	o.render(c, http.StatusOK, "ad", v)
}
