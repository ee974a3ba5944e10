package console

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/breaker"
	"github.com/jobgate/jobgate/internal/store"
)

// arrivalWindow is how far back the overview counts what came in.
const arrivalWindow = time.Hour

// overviewView is the overview page.
type overviewView struct {
	page
	// Arrivals count the ads (new or changed) and applications that came
	// in over the last hour.
	Arrivals store.Arrivals
	// Queues are the asynq queues' backlog, by name.
	Queues []queueRow
	// Oldest is the oldest pending delivery; nil when none is pending.
	Oldest *pendingDelivery
	// Deliveries counts the outbox's pending, dead and needs_attention
	// deliveries by state.
	Deliveries map[string]int
	// FailingPolls are the integrations whose last poll failed.
	FailingPolls []failingPoll
	// Publications counts publications by channel, then state.
	Publications map[string]map[string]int
	// OpenBreakers are this process's open breakers; Workers says whether
	// this process runs the workers whose breakers they are.
	OpenBreakers []breaker.Status
	Workers      bool
}

// queueRow is one queue's backlog.
type queueRow struct {
	Name                         string
	Size, Pending, Active, Retry int
	// Latency is how long the oldest pending task has waited.
	Latency string
}

// pendingDelivery is the delivery that has waited longest.
type pendingDelivery struct {
	ID, Kind, Channel, Age string
	// Link is the console page that lists it.
	Link string
}

// failingPoll is an integration whose last poll failed.
type failingPoll struct {
	IntegrationID string
	Failures      int
	Error         string
	LastPollAt    time.Time
}

// overviewPage is GET /ops/ signed in: what needs an operator's eye.
func (o *Console) overviewPage(c *gin.Context) {
	ctx := c.Request.Context()
	v := overviewView{page: newPage(c, "Overview")}
	v.Nav = "overview"
	for _, load := range []func(context.Context, *overviewView) error{o.loadArrivals, o.loadQueues, o.loadDeliveries, o.loadPolls, o.loadPublications} {
		if err := load(ctx, &v); err != nil {
			o.fail(c, err)
			return
		}
	}
	v.OpenBreakers, v.Workers = o.openBreakers(), o.d.Workers
	o.render(c, http.StatusOK, "overview", v)
}

func (o *Console) loadArrivals(ctx context.Context, v *overviewView) error {
	var err error
	v.Arrivals, err = o.d.Store.CountArrivals(ctx, time.Now().Add(-arrivalWindow))
	return err
}

// loadQueues reads each queue's backlog from asynq (the workers' Redis).
func (o *Console) loadQueues(_ context.Context, v *overviewView) error {
	if o.d.Inspector == nil {
		return nil
	}
	names, err := o.d.Inspector.Queues()
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		q, err := o.d.Inspector.GetQueueInfo(name)
		if err != nil {
			return err
		}
		v.Queues = append(v.Queues, queueRow{Name: name, Size: q.Size, Pending: q.Pending, Active: q.Active, Retry: q.Retry,
			Latency: age(q.Latency)})
	}
	return nil
}

// loadDeliveries counts deliveries by state and finds the oldest pending
// one: ids grow with time, so the first pending id is the oldest.
func (o *Console) loadDeliveries(ctx context.Context, v *overviewView) error {
	var err error
	if v.Deliveries, err = o.d.Store.CountDeliveries(ctx); err != nil {
		return err
	}
	oldest, err := o.d.Store.DueDeliveries(ctx, time.Now().Add(100*365*24*time.Hour), "", 1)
	if err != nil || len(oldest) == 0 {
		return err
	}
	d := oldest[0]
	v.Oldest = &pendingDelivery{ID: d.ID, Kind: d.Kind, Channel: d.Channel, Age: age(time.Since(d.CreatedAt)), Link: deliveryLink(d)}
	return nil
}

// deliveryLink is the console page of a delivery: its attempts, last
// error and, once dead, its Replay form.
func deliveryLink(d store.Delivery) string { return "/ops/deliveries/" + d.ID }

func (o *Console) loadPolls(ctx context.Context, v *overviewView) error {
	states, err := o.d.Store.ListPollStates(ctx)
	if err != nil {
		return err
	}
	for _, st := range states {
		if st.Outcome == store.PollFailed {
			v.FailingPolls = append(v.FailingPolls, failingPoll{IntegrationID: st.IntegrationID, Failures: st.Failures, Error: st.Error, LastPollAt: st.LastPollAt})
		}
	}
	return nil
}

func (o *Console) loadPublications(ctx context.Context, v *overviewView) error {
	pubs, err := o.d.Store.CountPublications(ctx)
	if err != nil {
		return err
	}
	v.Publications = map[string]map[string]int{}
	for k, n := range pubs {
		if v.Publications[k[0]] == nil {
			v.Publications[k[0]] = map[string]int{}
		}
		v.Publications[k[0]][k[1]] = n
	}
	return nil
}

// age says a duration as an operator reads it: whole seconds, minutes,
// hours or days.
func age(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%d s", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h", int(d/time.Hour))
	}
	return fmt.Sprintf("%d days", int(d/(24*time.Hour)))
}
