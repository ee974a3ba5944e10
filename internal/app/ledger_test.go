package app_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/identity"
)

// ledgerHops lists a JSON ledger's hops as "hop/outcome".
func ledgerHops(v any) []string {
	out := []string{}
	list, _ := v.([]any)
	for _, e := range list {
		m, _ := e.(map[string]any)
		out = append(out, m["hop"].(string)+"/"+m["outcome"].(string))
	}
	return out
}

// TestLedgerJobylon: Jobylon's Push API fails twice, then takes the
// application. The candidate's status says delivered with its hop times;
// the employer's portal lists received, stored, attempt, attempt,
// accepted; Jobylon's status webhook (as Jobylon sends it, the
// candidate's data included) adds in_review, keeping none of that data;
// another Jobylon tenant's key cannot touch it; the console shows the
// whole ledger; the candidate's erasure removes it.
func TestLedgerJobylon(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		fs, ats, base := vendorHost(t)
		fs.Jobylon("f3ed4a").Generate(1)
		ats.SetKey("board-app", "jobylon-app-key")
		cfg := apptest.Config(t, m)
		cfg.RetrySchedule = []time.Duration{0, 20 * time.Millisecond, 20 * time.Millisecond, 20 * time.Millisecond, 20 * time.Millisecond}
		s := apptest.Start(t, cfg, app.Options{})
		settings := map[string]string{"feed_url": sim.JobylonJSONURL(base, "f3ed4a"), "app_id": "board-app", "app_key": "jobylon-app-key", "push_url": base}
		integ, key := s.VendorTenant(t, "jobylon", settings)
		_, otherKey := s.VendorTenant(t, "jobylon", settings)
		syncNow(t, s, integ)
		job := onlyJob(t, s, integ)
		ats.Fault(sim.ChannelFault5xx, 2)

		r := apply(t, s, job, kari())
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		statusURL, appID := r.JSON["status_url"].(string), r.JSON["id"].(string)
		apptest.Eventually(t, func() bool { return statusOf(t, s, statusURL)["status"] == "delivered" }, "delivered once Jobylon is back")

		summary := statusOf(t, s, statusURL)["summary"].(map[string]any)
		require.Equal(t, "delivered", summary["state"])
		require.Equal(t, "none", summary["advice"])
		var candidateHops []string
		for _, h := range summary["hops"].([]any) {
			candidateHops = append(candidateHops, h.(map[string]any)["hop"].(string))
		}
		require.Equal(t, []string{"received", "stored", "delivered"}, candidateHops)
		require.NotContains(t, string(s.Do(t, http.MethodGet, strings.TrimPrefix(statusURL, s.URL), nil).Body), "status 503", "no error text for the candidate (not the bare number: a timestamp or id may hold it)")

		employer := portalUser(t, s, integ)
		detail := employer.do(t, http.MethodGet, "/v1/portal/applications/"+appID, nil)
		require.Equal(t, http.StatusOK, detail.Status, detail.text())
		require.Equal(t, []string{"received/ok", "stored/ok", "attempt/retry", "attempt/retry", "accepted/delivered"}, ledgerHops(detail.JSON["ledger"]))

		rec, err := s.Env.Store.GetApplication(context.Background(), appID)
		require.NoError(t, err)
		atsID, err := strconv.Atoi(rec.ATSID)
		require.NoError(t, err, "Jobylon's id is a number")
		hook := sim.JobylonWebhook{URL: sim.JobylonWebhookURL(s.URL), User: integ, Password: key}
		ans, err := hook.ApplicationEvent(context.Background(), "status_changed", atsID, 1)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, ans.Status, string(ans.Body))
		require.Equal(t, true, ans.JSON()["recorded"])

		stranger := sim.JobylonWebhook{URL: hook.URL, User: "x", Password: otherKey}
		ans, err = stranger.ApplicationEvent(context.Background(), "status_changed", atsID, 20)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, ans.Status, "Jobylon is not made to retry")
		require.Equal(t, false, ans.JSON()["recorded"], "another tenant's key finds nothing")
		ans, err = sim.JobylonWebhook{URL: hook.URL, User: integ, Password: "jg_key_wrong"}.ApplicationEvent(context.Background(), "status_changed", atsID, 20)
		require.NoError(t, err)
		require.Equal(t, http.StatusUnauthorized, ans.Status)

		detail = employer.do(t, http.MethodGet, "/v1/portal/applications/"+appID, nil)
		require.Equal(t, []string{"received/ok", "stored/ok", "attempt/retry", "attempt/retry", "accepted/delivered", "ats_status/in_review"},
			ledgerHops(detail.JSON["ledger"]))
		page := employer.do(t, http.MethodGet, "/portal/applications/"+appID, nil)
		require.Equal(t, http.StatusOK, page.Status)
		require.Contains(t, page.text(), `id="ledger"`)
		require.Contains(t, page.text(), "leveringsforsøk")

		events, err := s.Env.Store.ApplicationLedger(context.Background(), appID)
		require.NoError(t, err)
		for _, e := range events {
			for _, pii := range []string{"Kalle", "kula", "+4670", "Kari", "Nordmann", "kari@"} {
				require.NotContains(t, e.Detail, pii, "no personal data in the ledger")
			}
		}

		op := newOperator(t, s, "ops@board.example")
		ops := op.do(t, http.MethodGet, "/ops/applications/"+appID, nil)
		require.Equal(t, http.StatusOK, ops.Status, ops.text())
		for _, want := range []string{"attempt", "retry", "accepted", "ats_status", "in_review", rec.ATSID} {
			require.Contains(t, ops.text(), want)
		}
		require.Equal(t, 2, strings.Count(ops.text(), "<td>attempt</td>"))

		token := strings.SplitN(statusURL, "token=", 2)[1]
		del := s.Do(t, http.MethodDelete, "/v1/applications/"+appID+"?token="+token, nil)
		require.Equal(t, http.StatusOK, del.Status, string(del.Body))
		events, err = s.Env.Store.ApplicationLedger(context.Background(), appID)
		require.NoError(t, err)
		require.Empty(t, events, "erasure removes the ledger")
	})
}

// portalUser signs in an admin of the integration's account.
func portalUser(t testing.TB, s *apptest.Server, integ string) *person {
	t.Helper()
	in, err := s.Env.Store.GetIntegration(context.Background(), integ)
	require.NoError(t, err)
	email := "admin-" + strings.ToLower(in.AccountID) + "@employer.example"
	createUser(t, s, in.AccountID, email, identity.RoleAdmin)
	return newPerson(t, s).mustLogin(t, email, portalPassword)
}
