package console

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// overviewView is the overview page.
type overviewView struct {
	page
	// Deliveries counts the outbox's pending, dead and needs_attention
	// deliveries by state.
	Deliveries map[string]int
	// Publications counts publications by channel, then state.
	Publications map[string]map[string]int
}

// overviewPage is GET /ops/ signed in: what needs an operator's eye.
func (o *Console) overviewPage(c *gin.Context) {
	ctx := c.Request.Context()
	v := overviewView{page: newPage(c, "Overview")}
	v.Nav = "overview"
	var err error
	if v.Deliveries, err = o.d.Store.CountDeliveries(ctx); err != nil {
		o.fail(c, err)
		return
	}
	pubs, err := o.d.Store.CountPublications(ctx)
	if err != nil {
		o.fail(c, err)
		return
	}
	v.Publications = map[string]map[string]int{}
	for k, n := range pubs {
		if v.Publications[k[0]] == nil {
			v.Publications[k[0]] = map[string]int{}
		}
		v.Publications[k[0]][k[1]] = n
	}
	o.render(c, http.StatusOK, "overview", v)
}
