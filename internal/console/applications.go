package console

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/store"
)

// applicationsView is the applications page: ids, jobs, destinations and
// delivery states, never a candidate.
type applicationsView struct {
	page
	Applications []store.ApplicationState
	Filters      []selectField
	Next         string
}

// applicationsPage is GET /ops/applications: applications newest first by
// the state of their delivery into the ATS, filtered by state and
// integration.
func (o *Console) applicationsPage(c *gin.Context) {
	integrations, err := o.integrationIDs(c)
	if err != nil {
		o.fail(c, err)
		return
	}
	f, ok := o.readFilters(c, filter{Field: "integration", Allowed: integrations}, filter{Field: "state", Allowed: store.DeliveryStates})
	if !ok {
		return
	}
	v := applicationsView{page: newPage(c, "Applications")}
	v.Nav = "applications"
	v.Applications, v.Next, err = o.d.Store.ListApplicationStates(c.Request.Context(), store.ApplicationQuery{State: f.Get("state"),
		IntegrationID: f.Get("integration"), Cursor: f.Get("cursor")})
	if err != nil {
		o.fail(c, err)
		return
	}
	v.Next = pageLink("/ops/applications", f, v.Next)
	v.Filters = []selectField{choice(f, "integration", "Integration", integrations...), choice(f, "state", "Delivery state", store.DeliveryStates...)}
	o.render(c, http.StatusOK, "applications", v)
}

// applicationView is one application's page.
type applicationView struct {
	page
	Application store.ApplicationState
	// Ledger is every hop of the application with its time.
	Ledger []store.ApplicationEvent
}

// applicationPage is GET /ops/applications/:id: where an application goes
// and how its delivery fares; the candidate's data stays out of it.
func (o *Console) applicationPage(c *gin.Context) {
	id := c.Param("id")
	apps, _, err := o.d.Store.ListApplicationStates(c.Request.Context(), store.ApplicationQuery{ID: id, Limit: 1})
	if err != nil {
		o.fail(c, err)
		return
	}
	if len(apps) == 0 {
		o.renderError(c, http.StatusNotFound, "not_found", "There is no application with this id.")
		return
	}
	v := applicationView{page: newPage(c, "Application "+id), Application: apps[0]}
	v.Nav = "applications"
	if v.Ledger, err = o.d.Store.ApplicationLedger(c.Request.Context(), id); err != nil {
		o.fail(c, err)
		return
	}
	o.render(c, http.StatusOK, "application", v)
}
