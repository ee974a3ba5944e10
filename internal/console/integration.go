package console

import (
	"errors"
	"net/http"
	"sort"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/integrationview"
	"github.com/jobgate/jobgate/internal/store"
)

// integrationView is one integration's page.
type integrationView struct {
	page
	In          integrationview.View
	AccountName string
	// Settings are In.Settings in name order, secrets masked.
	Settings []setting
	// Active is true when it takes ads; Polled when it has a feed.
	Active, Polled bool
	// Poll is its poll state; nil before its first poll.
	Poll     *store.PollState
	Activity store.IntegrationActivity
	// NewKey is a key just issued, shown this once, and PreviousUntil
	// when the keys it replaced stop working.
	NewKey        string
	PreviousUntil time.Time

	// Degraded is its degradation of direct apply, nil when it has none.
	Degraded *store.ApplyDegradation
}

// setting is one setting as shown.
type setting struct{ Name, Value string }

// integrationPage is GET /ops/integrations/:id: settings (secrets
// masked), keys by id, last poll and the actions.
func (o *Console) integrationPage(c *gin.Context) {
	v, ok := o.loadIntegration(c, c.Param("id"))
	if ok {
		o.render(c, http.StatusOK, "integration", v)
	}
}

// loadIntegration builds an integration's page, or answers 404 or 500
// itself and reports false.
func (o *Console) loadIntegration(c *gin.Context, id string) (integrationView, bool) {
	ctx := c.Request.Context()
	v := integrationView{page: newPage(c, "Integration "+id)}
	v.Nav = "integrations"
	in, err := o.d.Store.GetIntegration(ctx, id)
	if err == nil {
		v.In, err = o.d.Integrations.Show(ctx, id)
	}
	if errors.Is(err, store.ErrNotFound) {
		o.noIntegration(c)
		return v, false
	}
	if err == nil {
		err = o.loadIntegrationFacts(c, in, &v)
	}
	if err != nil {
		o.fail(c, err)
		return v, false
	}
	return v, true
}

func (o *Console) loadIntegrationFacts(c *gin.Context, in store.Integration, v *integrationView) error {
	ctx := c.Request.Context()
	v.Active, v.Polled = store.TakesAds(in.Status), o.polled(in)
	if d, ok, err := o.degradation(ctx, in.ID); err != nil {
		return err
	} else if ok {
		v.Degraded = &d
	}
	for name, value := range v.In.Settings {
		v.Settings = append(v.Settings, setting{Name: name, Value: value})
	}
	sort.Slice(v.Settings, func(i, j int) bool { return v.Settings[i].Name < v.Settings[j].Name })
	if acc, err := o.d.Store.GetAccount(ctx, in.AccountID); err == nil {
		v.AccountName = acc.Name
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	st, err := o.d.Store.GetPollState(ctx, in.ID)
	switch {
	case err == nil:
		v.Poll = &st
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	acts, err := o.d.Store.ListIntegrationActivity(ctx)
	for _, a := range acts {
		if a.IntegrationID == in.ID {
			v.Activity = a
		}
	}
	return err
}
