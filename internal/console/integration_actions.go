package console

import (
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/poll"
	"github.com/jobgate/jobgate/internal/store"
)

// postDisable is POST /ops/integrations/:id/disable: pushes are refused
// (403 integration_disabled) and polls stop; published ads stay and
// applications to them are still delivered. Audited integration.disable.
func (o *Console) postDisable(c *gin.Context) {
	o.setStatus(c, store.IntegrationDisabled, "integration_disabled")
}

// postEnable is POST /ops/integrations/:id/enable: the integration takes
// ads again. Audited integration.enable.
func (o *Console) postEnable(c *gin.Context) {
	o.setStatus(c, store.IntegrationActive, "integration_enabled")
}

// setStatus sets the path's integration's status (the store audits it
// under the operator) and redirects to its page with notice.
func (o *Console) setStatus(c *gin.Context, status, notice string) {
	id := c.Param("id")
	changed, err := o.d.Store.SetIntegrationStatus(c.Request.Context(), id, status)
	switch {
	case errors.Is(err, store.ErrNotFound):
		o.noIntegration(c)
		return
	case errors.Is(err, store.ErrDeleted):
		o.renderError(c, http.StatusConflict, "integration_deleted", "This integration is deleted: it is neither enabled nor disabled again. Nothing was changed.")
		return
	case err != nil:
		o.fail(c, err)
		return
	case !changed:
		notice = "integration_unchanged"
	}
	c.Redirect(http.StatusSeeOther, "/ops/integrations/"+id+"?notice="+notice)
}

// postSync is POST /ops/integrations/:id/sync: polls the integration now,
// as POST /v1/integrations/{id}/sync does, and redirects to its page with
// the outcome. A disabled integration is refused with 409
// integration_disabled; one with no feed with 404 not_polled. Audited
// integration.sync with the outcome.
func (o *Console) postSync(c *gin.Context) {
	ctx := c.Request.Context()
	id := c.Param("id")
	st, err := o.d.Integrations.Sync(ctx, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		o.noIntegration(c)
		return
	case errors.Is(err, poll.ErrNotPolled):
		o.renderError(c, http.StatusNotFound, "not_polled", "This integration pushes its ads: it has no feed to sync.")
		return
	case errors.Is(err, poll.ErrDisabled):
		o.renderError(c, http.StatusConflict, "integration_disabled", "This integration is disabled: it is not polled until it is enabled.")
		return
	case errors.Is(err, poll.ErrBusy):
		o.renderError(c, http.StatusConflict, "poll_running", "A poll of this integration is running: try again when it ends.")
		return
	case err != nil:
		o.fail(c, err)
		return
	}
	if err := o.d.Store.Audit(ctx, "integration.sync", id, "outcome="+st.Outcome); err != nil {
		o.fail(c, err)
		return
	}
	notice := "synced"
	if st.Outcome == store.PollFailed {
		notice = "sync_failed"
	}
	c.Redirect(http.StatusSeeOther, "/ops/integrations/"+id+"?notice="+notice)
}

// postRotateKey is POST /ops/integrations/:id/rotate-key: issues a new
// key, shown on the answer this once; the integration's other keys stay
// valid for the key grace. The store audits it as key.rotate.
func (o *Console) postRotateKey(c *gin.Context) {
	id := c.Param("id")
	if _, err := o.d.Store.GetIntegration(c.Request.Context(), id); errors.Is(err, store.ErrNotFound) {
		o.noIntegration(c)
		return
	}
	key, err := o.d.Integrations.IssueKey(c.Request.Context(), id, true)
	if err != nil {
		o.fail(c, err)
		return
	}
	v, ok := o.loadIntegration(c, id)
	if !ok {
		return
	}
	v.NewKey, v.PreviousUntil = key, time.Now().Add(o.d.Integrations.KeyGrace)
	o.render(c, http.StatusCreated, "integration", v)
}

// noIntegration answers 404 for an integration id that does not exist.
func (o *Console) noIntegration(c *gin.Context) {
	o.renderError(c, http.StatusNotFound, "not_found", "There is no integration with this id.")
}
