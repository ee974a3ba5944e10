package console

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/store"
)

// deliveryView is one delivery's page.
type deliveryView struct {
	page
	Delivery store.Delivery
	// Dead is true when it may be replayed.
	Dead bool
}

// deliveryPage is GET /ops/deliveries/:id: a delivery of any kind and
// state, with the Replay form while it is dead.
func (o *Console) deliveryPage(c *gin.Context) {
	d, err := o.d.Store.GetDelivery(c.Request.Context(), c.Param("id"))
	if errors.Is(err, store.ErrNotFound) {
		o.renderError(c, http.StatusNotFound, "not_found", "There is no delivery with this id.")
		return
	}
	if err != nil {
		o.fail(c, err)
		return
	}
	v := deliveryView{page: newPage(c, "Delivery "+d.ID), Delivery: d, Dead: d.State == store.DeliveryDead}
	v.Nav = "dead"
	o.render(c, http.StatusOK, "delivery", v)
}

// replayOne is POST /ops/deliveries/:id/replay: a dead delivery goes back
// to pending in a new generation (audited as the operator) and to the
// queue, and the operator back to its page. A delivery that is not dead
// is refused with 409 not_dead and left as it is.
func (o *Console) replayOne(c *gin.Context) {
	ctx := c.Request.Context()
	id := c.Param("id")
	ds, err := o.d.Store.ReplayDeadDeliveries(ctx, store.DeliveryQuery{ID: id})
	if err != nil {
		o.fail(c, err)
		return
	}
	if len(ds) == 0 {
		o.refuseReplay(c, id)
		return
	}
	o.dispatch(ds)
	c.Redirect(http.StatusSeeOther, "/ops/deliveries/"+id+"?notice=replayed")
}

// refuseReplay answers a replay of a delivery that was not dead: 404
// when there is none, else 409 not_dead naming its state.
func (o *Console) refuseReplay(c *gin.Context, id string) {
	d, err := o.d.Store.GetDelivery(c.Request.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		o.renderError(c, http.StatusNotFound, "not_found", "There is no delivery with this id.")
	case err != nil:
		o.fail(c, err)
	default:
		o.renderError(c, http.StatusConflict, "not_dead",
			"This delivery is "+d.State+", not dead: only dead deliveries are replayed. Nothing was changed.")
	}
}
