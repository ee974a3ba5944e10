package app_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/store"
)

// linkedInRequired is a Lever account that requires a LinkedIn URL.
var linkedInRequired = sim.LeverForm{URLs: []sim.LeverField{{Name: "LinkedIn", Required: true}}}

// leverAccountJob is a jobgate in mode m with one polled posting of the
// Lever account acme, which requires form; settings are added to the
// integration's.
func leverAccountJob(t *testing.T, m apptest.Mode, form sim.LeverForm, settings map[string]string) (*apptest.Server, *sim.ATS, string, string) {
	t.Helper()
	fs, ats, base := vendorHost(t)
	fs.Lever("acme").Generate(1)
	ats.SetKey("acme", "lever-postings-key")
	ats.SetLeverAPIKey("acme", "lever-api-key")
	ats.SetLeverForm("acme", form)
	s := apptest.Start(t, apptest.Config(t, m), app.Options{})
	all := map[string]string{"site": "acme", "base_url": base, "api_key": "lever-postings-key"}
	for k, v := range settings {
		all[k] = v
	}
	integ, _ := s.VendorTenant(t, "lever", all)
	syncNow(t, s, integ)
	return s, ats, integ, onlyJob(t, s, integ)
}

// TestLeverRequiredFieldNeedsAttention: Lever refuses an application
// without a field its account requires (400 naming it). The application
// is not lost: it waits in needs_attention with Lever's message (no
// personal data), the candidate's status says so, the operator sees it
// (the deliveries listing, the metric, the portal), and once the account
// no longer requires the field a replay delivers it (issue 15, Lever).
func TestLeverRequiredFieldNeedsAttention(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s, ats, integ, job := leverAccountJob(t, m, linkedInRequired, nil)
		r := apply(t, s, job, kari())
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		statusURL, appID := r.JSON["status_url"].(string), r.JSON["id"].(string)
		apptest.Eventually(t, func() bool { return statusOf(t, s, statusURL)["status"] == "needs_attention" }, "the application needs attention")
		require.Equal(t, "incomplete", statusOf(t, s, statusURL)["reason"])
		require.Empty(t, ats.Received("lever"))

		held, err := s.Env.Store.ListDeliveries(t.Context(), store.DeliveryFilter{State: store.DeliveryNeedsAttention})
		require.NoError(t, err)
		require.Len(t, held, 1, "listed by its state, for the operator")
		require.Contains(t, held[0].LastError, "status 400: Missing required field: urls[LinkedIn]", "Lever's message names the field")
		for _, personal := range []string{"Kari", "Nordmann", "kari.nordmann", "912 34 567"} {
			require.NotContains(t, held[0].LastError, personal)
		}
		dead, err := s.Env.Store.ListDeliveries(t.Context(), store.DeliveryFilter{State: store.DeliveryDead})
		require.NoError(t, err)
		require.Empty(t, dead, "not dead")
		require.Contains(t, string(s.Do(t, http.MethodGet, "/metrics", nil).Body), `jobgate_outbox_deliveries{state="needs_attention"} 1`)

		in, err := s.Env.Store.GetIntegration(t.Context(), integ)
		require.NoError(t, err)
		createUser(t, s, in.AccountID, "ops@example.no", "admin")
		ops := newPerson(t, s).mustLogin(t, "ops@example.no", portalPassword)
		view := ops.do(t, http.MethodGet, "/v1/portal/applications/"+appID, nil)
		require.Equal(t, http.StatusOK, view.Status, view.text())
		ledger := view.JSON["delivery_ledger"].(map[string]any)
		require.Equal(t, "needs_attention", ledger["state"])
		require.Contains(t, ledger["last_error"], "urls[LinkedIn]")
		page := ops.do(t, http.MethodGet, "/portal/applications/"+appID, nil)
		require.Contains(t, page.text(), "trenger oppfølging", "the portal (Norwegian by default) labels the state")
		require.Contains(t, page.text(), "Missing required field: urls[LinkedIn]")

		ats.SetLeverForm("acme", sim.LeverForm{})
		_, err = s.Env.Store.ReplayDelivery(context.Background(), held[0].ID)
		require.NoError(t, err)
		apptest.Eventually(t, func() bool { return statusOf(t, s, statusURL)["status"] == "delivered" }, "delivered once replayed")
		require.Len(t, ats.Received("lever"), 1)
	})
}

// TestLeverFormAsksRequiredField: with the account's Lever API key the
// job's form (the API's and the hosted page's) asks for the field the
// account requires, an application without it is refused up front (400
// naming the answer), and one with it reaches Lever with the URL where
// Lever reads it (issue 15, Lever).
func TestLeverFormAsksRequiredField(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s, ats, _, job := leverAccountJob(t, m, linkedInRequired, map[string]string{"data_api_key": "lever-api-key"})
		f := s.Do(t, http.MethodGet, "/v1/jobs/"+job+"/application-form", nil)
		require.Equal(t, http.StatusOK, f.Status, string(f.Body))
		require.Contains(t, string(f.Body), `"id":"url.LinkedIn"`)
		require.Contains(t, jobPage(t, s, job).body, "LinkedIn", "the hosted job page asks it too")

		r := apply(t, s, job, kari())
		require.Contains(t, []int{http.StatusBadRequest, http.StatusUnprocessableEntity}, r.Status, string(r.Body))
		require.Contains(t, string(r.Body), "answers[url.LinkedIn]")

		c := kari()
		c.fields["answers[url.LinkedIn]"] = "https://www.linkedin.com/in/kari"
		r = apply(t, s, job, c)
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		statusURL := r.JSON["status_url"].(string)
		apptest.Eventually(t, func() bool { return statusOf(t, s, statusURL)["status"] == "delivered" }, "delivered into Lever")
		got := ats.Received("lever")
		require.Len(t, got, 1)
		require.Equal(t, []string{"https://www.linkedin.com/in/kari"}, got[0].Fields["urls[LinkedIn]"])
	})
}
