package console

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/breaker"
)

// breakersView is the breakers page.
type breakersView struct {
	page
	Breakers []breaker.Status
	// Open counts the open ones.
	Open int
	// Workers says whether this process runs the workers (and so holds
	// the breakers of deliveries and polls).
	Workers bool
}

// breakersPage is GET /ops/breakers: the circuit breakers of this process
// by destination, open ones first. Breakers live in each worker process
// (they are not shared through Redis), so the page says whose they are.
func (o *Console) breakersPage(c *gin.Context) {
	v := breakersView{page: newPage(c, "Breakers"), Breakers: o.d.Breakers.Statuses(), Workers: o.d.Workers,
		Open: len(o.openBreakers())}
	v.Nav = "breakers"
	o.render(c, http.StatusOK, "breakers", v)
}

// openBreakers are this process's breakers that are open now (half-open
// ones let a trial call through, so they are not counted): the overview's
// "open breakers" tile.
func (o *Console) openBreakers() []breaker.Status {
	var open []breaker.Status
	for _, s := range o.d.Breakers.Statuses() {
		if s.State == breaker.StateOpen {
			open = append(open, s)
		}
	}
	return open
}
