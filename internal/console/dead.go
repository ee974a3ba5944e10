package console

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/store"
)

// deliveryKinds are the kinds the dead deliveries page filters by.
var deliveryKinds = []string{store.KindPublish, store.KindWithdraw, store.KindApply}

// deadView is the dead deliveries page.
type deadView struct {
	page
	Deliveries []store.Delivery
	Filters    []selectField
	// Channel is the channel filter's value; Filter the filters, for the
	// replay-all form to post.
	Channel string
	Filter  url.Values
	Next    string
}

// deadFilters reads the dead deliveries page's filters (from the query,
// or from the replay-all form).
func (o *Console) deadFilters(c *gin.Context) (url.Values, []string, bool) {
	integrations, err := o.integrationIDs(c)
	if err != nil {
		o.fail(c, err)
		return nil, nil, false
	}
	f, ok := o.readFilters(c, filter{Field: "integration", Allowed: integrations}, filter{Field: "kind", Allowed: deliveryKinds},
		filter{Field: "channel", Shape: nameShape})
	return f, integrations, ok
}

// deadQuery is the store's query of the dead deliveries f filters.
func deadQuery(f url.Values) store.DeliveryQuery {
	return store.DeliveryQuery{State: store.DeliveryDead, IntegrationID: f.Get("integration"), Kind: f.Get("kind"),
		Channel: f.Get("channel"), Cursor: f.Get("cursor")}
}

// deadPage is GET /ops/dead: dead deliveries newest first, filtered by
// integration, kind and channel (or destination), with a form that
// replays all the filter matches.
func (o *Console) deadPage(c *gin.Context) {
	f, integrations, ok := o.deadFilters(c)
	if !ok {
		return
	}
	v := deadView{page: newPage(c, "Dead deliveries"), Channel: f.Get("channel")}
	v.Nav = "dead"
	if n, err := strconv.Atoi(c.Query("replayed")); err == nil && c.Query("notice") == "replayed_all" {
		v.Notice = fmt.Sprintf("%d dead deliveries replayed: they are queued again.", n)
	}
	var err error
	v.Deliveries, v.Next, err = o.d.Store.FindDeliveries(c.Request.Context(), deadQuery(f))
	if err != nil {
		o.fail(c, err)
		return
	}
	v.Next = pageLink("/ops/dead", f, v.Next)
	f.Del("cursor")
	v.Filter = f
	v.Filters = []selectField{choice(f, "integration", "Integration", integrations...), choice(f, "kind", "Kind", deliveryKinds...)}
	o.render(c, http.StatusOK, "dead", v)
}

// replayAll is POST /ops/dead/replay (the filters as form fields): it
// replays every dead delivery the filters match, hands them to the queue
// and goes back to the list saying how many.
func (o *Console) replayAll(c *gin.Context) {
	f, _, ok := o.deadFilters(c)
	if !ok {
		return
	}
	f.Del("cursor")
	q := deadQuery(f)
	q.Cursor = ""
	ds, err := o.d.Store.ReplayDeadDeliveries(c.Request.Context(), q)
	if err != nil {
		o.fail(c, err)
		return
	}
	o.dispatch(ds)
	f.Set("notice", "replayed_all")
	f.Set("replayed", strconv.Itoa(len(ds)))
	c.Redirect(http.StatusSeeOther, "/ops/dead?"+f.Encode())
}

// dispatch hands replayed deliveries to the queue now; without a
// dispatcher the reconciler enqueues them on its next pass (they are due
// at once).
func (o *Console) dispatch(ds []store.Delivery) {
	if o.d.Dispatch != nil && len(ds) > 0 {
		o.d.Dispatch(ds...)
	}
}
