package app_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/identity"
	"github.com/jobgate/jobgate/internal/store"
)

// controlledATS is an ATS simulator served with its control API, as
// `vendorsim ats serve` serves it: faults and keys are set over HTTP.
func controlledATS(t *testing.T) (*sim.ATS, string) {
	a := sim.NewATS()
	srv := httptest.NewServer(a.WithControl())
	t.Cleanup(func() { a.Close(); srv.Close() })
	return a, srv.URL
}

// simCall sends a control call to the simulator and wants 200.
func simCall(t *testing.T, method, url, body string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, method+" "+url)
}

// form reads the job's application form.
func form(t *testing.T, s *apptest.Server, job string) map[string]any {
	t.Helper()
	r := s.Do(t, http.MethodGet, "/v1/jobs/"+job+"/application-form", nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	return r.JSON
}

// adApply is the "apply" state GET /v1/ads/{reference} shows.
func adApply(t *testing.T, s *apptest.Server, key, ref string) map[string]any {
	t.Helper()
	r := s.Do(t, http.MethodGet, "/v1/ads/"+ref, nil, apptest.Bearer(key)...)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	return r.JSON["apply"].(map[string]any)
}

// TestApplyDegradesWhileATSDown: an ATS that keeps failing (its breaker
// tripped past JOBGATE_APPLY_DEGRADE_AFTER) turns its integration's direct
// jobs into redirects to the vendor's apply URL: the form, the page, a
// submission, the board's API and the ad's state say so, and the metric
// counts it. The application taken before is not given up however often
// the ATS fails, is delivered once it is back, and direct apply returns
// by itself. Another employer's integration of the same vendor is not
// touched.
func TestApplyDegradesWhileATSDown(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		ats, atsURL := controlledATS(t)
		other, otherURL := controlledATS(t)
		cfg := apptest.Config(t, m)
		cfg.ApplyDegradeAfter = 500 * time.Millisecond
		cfg.CircuitOpen = 200 * time.Millisecond
		// Five failures (a second or so apart: the shortest retry) trip the
		// breaker; without the degradation the last three attempts would
		// make the application dead a few seconds later.
		cfg.RetrySchedule = []time.Duration{0, time.Second, time.Second, time.Second, time.Second, time.Second, time.Second, time.Second}
		s := apptest.Start(t, cfg, app.Options{})
		key := webhookTenant(t, s, ats, atsURL, "acme")
		otherKey := webhookTenant(t, s, other, otherURL, "other")
		job, otherJob := putJob(t, s, key, "ref-1"), putJob(t, s, otherKey, "ref-2")
		require.Equal(t, "direct", form(t, s, job)["apply_mode"])
		require.Equal(t, false, adApply(t, s, key, "ref-1")["degraded"])

		simCall(t, http.MethodPost, atsURL+"/_sim/ats/fault?kind=5xx", "")
		r := apply(t, s, job, kari())
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		statusURL := r.JSON["status_url"].(string)

		longer(t, func() bool { return form(t, s, job)["apply_mode"] == "redirect" }, "the form redirects once the ATS kept failing")
		f := form(t, s, job)
		require.Equal(t, "apply_degraded", f["reason"])
		require.Equal(t, "https://ats.example/apply/1", f["apply_url"], "the vendor's apply URL from the ad")
		require.NotEmpty(t, f["message"])
		st := adApply(t, s, key, "ref-1")
		require.Equal(t, map[string]any{"mode": "redirect", "degraded": true, "reason": "ats_unavailable", "since": st["since"]}, st)
		page := s.Do(t, http.MethodGet, "/jobs/"+job, nil)
		require.Equal(t, http.StatusOK, page.Status)
		require.Contains(t, string(page.Body), `href="https://ats.example/apply/1"`)
		require.Contains(t, string(page.Body), "svarer ikke akkurat nå", "the page says why, in the ad's language")
		require.NotContains(t, string(page.Body), `<form class="apply"`)
		redirected := apply(t, s, job, kari())
		require.Equal(t, http.StatusConflict, redirected.Status, string(redirected.Body))
		e := redirected.JSON["error"].(map[string]any)
		require.Equal(t, "redirect", e["code"])
		require.Equal(t, "https://ats.example/apply/1", e["apply_url"])
		require.Equal(t, "apply_degraded", e["reason"])
		jv := s.Do(t, http.MethodGet, "/v1/jobs/"+job, nil)
		require.Equal(t, "redirect", jv.JSON["apply_mode"], "the board's API says so too")
		require.Contains(t, string(s.Do(t, http.MethodGet, "/metrics", nil).Body), `jobgate_apply_degraded_integrations{reason="ats_unavailable"} 1`)

		// Failure stays with its tenant.
		require.Equal(t, "direct", form(t, s, otherJob)["apply_mode"])
		require.Equal(t, false, adApply(t, s, otherKey, "ref-2")["degraded"])
		or := apply(t, s, otherJob, kari())
		require.Equal(t, http.StatusAccepted, or.Status, string(or.Body))
		apptest.Eventually(t, func() bool { return len(other.Received("webhook")) == 1 }, "the other employer's ATS gets its application")

		// More failures than the schedule has attempts: still waiting.
		longer(t, func() bool { return ats.Faulted() >= len(cfg.RetrySchedule)+2 }, "the ATS keeps being tried")
		d := applyDelivery(t, s, job)
		require.Equal(t, store.DeliveryPending, d.State, "an outage does not make an accepted application dead")
		require.Less(t, d.Attempts, len(cfg.RetrySchedule))
		require.Equal(t, "received", statusOf(t, s, statusURL)["status"])

		simCall(t, http.MethodDelete, atsURL+"/_sim/ats/fault", "")
		apptest.Eventually(t, func() bool { return statusOf(t, s, statusURL)["status"] == "delivered" }, "delivered once the ATS is back")
		require.Len(t, ats.Received("webhook"), 1)
		apptest.Eventually(t, func() bool { return form(t, s, job)["apply_mode"] == "direct" }, "direct apply returns by itself")
		require.NotContains(t, form(t, s, job), "reason")
		require.Equal(t, false, adApply(t, s, key, "ref-1")["degraded"])
		second := kari()
		second.fields["phone"] = "+47 912 34 568"
		again := apply(t, s, job, second)
		require.Equal(t, http.StatusAccepted, again.Status, string(again.Body))
		apptest.Eventually(t, func() bool { return len(ats.Received("webhook")) == 2 }, "and delivers again")
	})
}

// longer is apptest.Eventually for conditions that wait on retries, each
// at least a second apart.
func longer(t *testing.T, cond func() bool, msg string) {
	t.Helper()
	require.Eventually(t, cond, 40*time.Second, 50*time.Millisecond, msg)
}

// TestApplyDegradesOnRefusedCredentials: an ATS that refuses an
// integration's credentials degrades it at once; another tenant on the
// same ATS is not touched; a change of the integration's settings (the
// employer's fix) tries direct apply again, and the waiting application is delivered.
func TestApplyDegradesOnRefusedCredentials(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		ats, atsURL := controlledATS(t)
		cfg := apptest.Config(t, m)
		s := apptest.Start(t, cfg, app.Options{})
		key := webhookTenant(t, s, ats, atsURL, "acme")
		otherKey := webhookTenant(t, s, ats, atsURL, "other")
		job, otherJob := putJob(t, s, key, "ref-1"), putJob(t, s, otherKey, "ref-2")

		simCall(t, http.MethodPut, atsURL+"/_sim/keys/acme", "not-the-key")
		r := apply(t, s, job, kari())
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		statusURL := r.JSON["status_url"].(string)
		apptest.Eventually(t, func() bool { return form(t, s, job)["apply_mode"] == "redirect" }, "redirects at once")
		st := adApply(t, s, key, "ref-1")
		require.Equal(t, "ats_unauthorised", st["reason"])
		require.Equal(t, "redirect", st["mode"])
		require.Equal(t, "direct", form(t, s, otherJob)["apply_mode"], "the other tenant on the same ATS applies directly")
		or := apply(t, s, otherJob, kari())
		require.Equal(t, http.StatusAccepted, or.Status, string(or.Body))
		apptest.Eventually(t, func() bool { return len(ats.Received("webhook")) == 1 }, "and its application arrives")

		// The console and the portal show it on the ad and the integration.
		d := applyDelivery(t, s, job)
		op := newOperator(t, s, "ops@example.no")
		for _, path := range []string{"/ops/ads/" + job, "/ops/integrations/" + d.IntegrationID} {
			p := op.do(t, http.MethodGet, path, nil)
			require.Equal(t, http.StatusOK, p.Status, p.text())
			require.Contains(t, p.text(), "degraded", path)
			require.Contains(t, p.text(), "ats_unauthorised", path)
		}
		in, err := s.Env.Store.GetIntegration(context.Background(), d.IntegrationID)
		require.NoError(t, err)
		createUser(t, s, in.AccountID, "admin@eksempel.no", identity.RoleAdmin)
		admin := newPerson(t, s).mustLogin(t, "admin@eksempel.no", portalPassword)
		p := admin.do(t, http.MethodGet, "/portal/ads/"+job, nil)
		require.Equal(t, http.StatusOK, p.Status, p.text())
		require.Contains(t, p.text(), "ATS-et avviser nøkkelen")

		// The employer's fix at the ATS, and a change of the integration's
		// settings: direct apply is tried again.
		simCall(t, http.MethodPut, atsURL+"/_sim/keys/acme", key)
		_, err = s.Env.UpdateIntegration(context.Background(), d.IntegrationID, map[string]string{"privacy_url": "https://eksempel.no/personvern"}, nil)
		require.NoError(t, err)
		apptest.Eventually(t, func() bool { return form(t, s, job)["apply_mode"] == "direct" }, "a change of settings tries direct apply again")
		// The refused delivery waits out its pause (5 minutes); replayed
		// here instead of waiting.
		_, _ = s.Queue.Redis.Del(t.Context(), "jobgate:apply:paused:"+d.IntegrationID).Result()
		_, err = s.Env.Store.ReplayDelivery(t.Context(), d.ID)
		require.NoError(t, err)
		apptest.Eventually(t, func() bool { return statusOf(t, s, statusURL)["status"] == "delivered" }, "delivered once the ATS takes the key")
		require.Equal(t, false, adApply(t, s, key, "ref-1")["degraded"])
	})
}
