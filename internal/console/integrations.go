package console

import (
	"context"
	"net/http"
	"slices"
	"sort"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/integrationview"
	"github.com/jobgate/jobgate/internal/store"
)

// IntegrationActions are what the integrations pages do beyond reading
// the store, wired from internal/app to do exactly what the CLI and the
// API do.
type IntegrationActions struct {
	// Show is an integration's view with its secrets masked (what
	// `jobgate integrations show` prints).
	Show func(ctx context.Context, id string) (integrationview.View, error)
	// IssueKey issues a key and returns it whole, to show once; with
	// rotate the integration's other keys stay valid for KeyGrace only
	// (what `jobgate keys rotate` does).
	IssueKey func(ctx context.Context, integrationID string, rotate bool) (string, error)
	KeyGrace time.Duration
	// Polled reports whether an integration has a feed to poll.
	Polled func(in store.Integration) bool
	// Sync polls an integration at once and returns what the poll
	// recorded (what POST /v1/integrations/{id}/sync does).
	Sync func(ctx context.Context, integrationID string) (store.PollState, error)
}

// integrationsView is the integrations page.
type integrationsView struct {
	page
	Rows []integrationRow
	// Filter is the filter applied; the options are what can be chosen.
	Filter          integrationFilter
	Vendors, States []string
	Accounts        []store.AccountRetention
}

// integrationFilter is the list's filter, from the query.
type integrationFilter struct{ Vendor, State, Account string }

func (f integrationFilter) keeps(in store.Integration) bool {
	return (f.Vendor == "" || in.Vendor == f.Vendor) && (f.State == "" || in.Status == f.State) && (f.Account == "" || in.AccountID == f.Account)
}

// integrationRow is one integration in the list: no secret, no setting.
type integrationRow struct {
	ID, Vendor, AccountID, AccountName, Status string
	Last                                       lastActivity
	// PollError and PollFailures are the last poll's failure, if it failed.
	PollError    string
	PollFailures int
	// Dead counts the integration's dead deliveries.
	Dead int
}

// lastActivity is an integration's last poll (polled) or last ad change
// (pushed), and its outcome.
type lastActivity struct {
	What    string
	At      time.Time
	Outcome string
}

// integrationsPage is GET /ops/integrations (filters vendor, state,
// account): every integration with its last activity and errors.
func (o *Console) integrationsPage(c *gin.Context) {
	ctx := c.Request.Context()
	v := integrationsView{page: newPage(c, "Integrations"),
		Filter: integrationFilter{Vendor: c.Query("vendor"), State: c.Query("state"), Account: c.Query("account")}}
	v.Nav = "integrations"
	all, err := o.d.Store.ListIntegrations(ctx)
	if err == nil {
		v.Accounts, err = o.d.Store.ListAccounts(ctx)
	}
	if err != nil {
		o.fail(c, err)
		return
	}
	facts, err := o.integrationFacts(ctx)
	if err != nil {
		o.fail(c, err)
		return
	}
	names := map[string]string{}
	for _, a := range v.Accounts {
		names[a.ID] = a.Name
	}
	v.Vendors, v.States = options(all)
	for _, in := range all {
		if v.Filter.keeps(in) {
			v.Rows = append(v.Rows, o.row(in, names[in.AccountID], facts))
		}
	}
	o.render(c, http.StatusOK, "integrations", v)
}

// integrationFacts are the poll states and activity of every integration.
type integrationFacts struct {
	polls    map[string]store.PollState
	activity map[string]store.IntegrationActivity
}

func (o *Console) integrationFacts(ctx context.Context) (integrationFacts, error) {
	f := integrationFacts{polls: map[string]store.PollState{}, activity: map[string]store.IntegrationActivity{}}
	states, err := o.d.Store.ListPollStates(ctx)
	if err != nil {
		return f, err
	}
	for _, st := range states {
		f.polls[st.IntegrationID] = st
	}
	acts, err := o.d.Store.ListIntegrationActivity(ctx)
	for _, a := range acts {
		f.activity[a.IntegrationID] = a
	}
	return f, err
}

func (o *Console) row(in store.Integration, accountName string, f integrationFacts) integrationRow {
	r := integrationRow{ID: in.ID, Vendor: in.Vendor, AccountID: in.AccountID, AccountName: accountName, Status: in.Status,
		Dead: f.activity[in.ID].Dead}
	r.Last = o.last(in, f.polls[in.ID], f.activity[in.ID])
	if st := f.polls[in.ID]; st.Outcome == store.PollFailed {
		r.PollError, r.PollFailures = st.Error, st.Failures
	}
	return r
}

// last is a polled integration's last poll, else its last ad change.
func (o *Console) last(in store.Integration, st store.PollState, act store.IntegrationActivity) lastActivity {
	if o.polled(in) {
		if st.Outcome == "" {
			return lastActivity{What: "poll", Outcome: "never polled"}
		}
		return lastActivity{What: "poll", At: st.LastPollAt, Outcome: st.Outcome}
	}
	if act.LastAdID == "" {
		return lastActivity{What: "push", Outcome: "no ads yet"}
	}
	return lastActivity{What: "push", At: act.LastAdChangeAt, Outcome: act.LastAdID + " " + act.LastAdStatus}
}

// polled reports whether in has a feed to poll (false when the console
// was given no way to tell).
func (o *Console) polled(in store.Integration) bool {
	return o.d.Integrations.Polled != nil && o.d.Integrations.Polled(in)
}

// options are the vendors and states the integrations have, sorted, with
// the two an operator sets always offered.
func options(all []store.Integration) ([]string, []string) {
	vendors := []string{}
	states := []string{store.IntegrationActive, store.IntegrationDisabled}
	for _, in := range all {
		if !slices.Contains(vendors, in.Vendor) {
			vendors = append(vendors, in.Vendor)
		}
		if !slices.Contains(states, in.Status) {
			states = append(states, in.Status)
		}
	}
	sort.Strings(vendors)
	sort.Strings(states)
	return vendors, states
}
