package app_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/store"
)

// TestApplyATSDown: the ATS fails the first attempts, then takes the
// application: it is delivered, once.
func TestApplyATSDown(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		ats, atsURL := atsServer(t)
		cfg := apptest.Config(t, m)
		cfg.RetrySchedule = []time.Duration{0, 20 * time.Millisecond, 20 * time.Millisecond, 20 * time.Millisecond, 20 * time.Millisecond}
		s := apptest.Start(t, cfg, app.Options{})
		key := webhookTenant(t, s, ats, atsURL, "acme")
		job := putJob(t, s, key, "ref-1")
		ats.Fault(sim.ChannelFault5xx, 3)

		r := apply(t, s, job, kari())
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		statusURL := r.JSON["status_url"].(string)
		apptest.Eventually(t, func() bool { return statusOf(t, s, statusURL)["status"] == "delivered" }, "delivered once the ATS is back")
		require.Len(t, ats.Received("webhook"), 1)
		require.Equal(t, 1, ats.Received("webhook")[0].Deliveries)
		d := applyDelivery(t, s, job)
		require.Equal(t, 3, d.Attempts, "three failed attempts before it went through")
	})
}

// TestApplyJobClosedAtATS: the ATS says the job is closed (410): the
// delivery is dead, visible to operators, and the candidate is told; the
// candidate's summary says not delivered with what to do, and the ledger
// ends with the dead attempt and its reason.
func TestApplyJobClosedAtATS(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		ats, atsURL := atsServer(t)
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		key := webhookTenant(t, s, ats, atsURL, "acme")
		job := putJob(t, s, key, "ref-1")
		ats.CloseJob("webhook", "ref-1", true)

		r := apply(t, s, job, kari())
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		statusURL := r.JSON["status_url"].(string)
		apptest.Eventually(t, func() bool { return statusOf(t, s, statusURL)["status"] == "failed" }, "the candidate sees it failed")
		require.Equal(t, "job_closed", statusOf(t, s, statusURL)["reason"])
		d := applyDelivery(t, s, job)
		require.Equal(t, store.DeliveryDead, d.State)
		require.Contains(t, d.LastError, "410")
		require.NotContains(t, d.LastError, "kari", "no personal data in the stored failure")
		require.Empty(t, ats.Received(""))
		summary := statusOf(t, s, statusURL)["summary"].(map[string]any)
		require.Equal(t, "not_delivered", summary["state"])
		require.Equal(t, "job_closed", summary["advice"])
		require.Contains(t, summary["message"], "closed")
		hops := summary["hops"].([]any)
		require.Equal(t, "not_delivered", hops[len(hops)-1].(map[string]any)["hop"])

		events, err := s.Env.Store.ApplicationLedger(context.Background(), r.JSON["id"].(string))
		require.NoError(t, err)
		last := events[len(events)-1]
		require.Equal(t, store.HopAttempt, last.Hop)
		require.Equal(t, store.OutcomeDead, last.Outcome)
		require.Contains(t, last.Detail, "410")
	})
}

// TestApplyUnauthorised: the ATS refuses the integration's credentials:
// its deliveries stop without spending attempts, and the metric alerts.
// Once the ATS takes them again, the application arrives.
func TestApplyUnauthorised(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		ats, atsURL := atsServer(t)
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		key := webhookTenant(t, s, ats, atsURL, "acme")
		job := putJob(t, s, key, "ref-1")
		ats.SetKey("acme", "not-the-key")

		r := apply(t, s, job, kari())
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		statusURL := r.JSON["status_url"].(string)
		apptest.Eventually(t, func() bool {
			return strings.Contains(string(s.Do(t, "GET", "/metrics", nil).Body), `jobgate_apply_unauthorised_total{applier="webhook"} 1`)
		}, "the refusal is counted for the alert")
		d := applyDelivery(t, s, job)
		require.Equal(t, store.DeliveryPending, d.State, "still pending, not dead")
		require.Equal(t, 0, d.Attempts, "no attempt spent")
		require.Equal(t, "received", statusOf(t, s, statusURL)["status"])

		ats.SetKey("acme", key)
		_, err := s.Env.Store.ReplayDelivery(t.Context(), d.ID)
		require.NoError(t, err)
		_, _ = s.Queue.Redis.Del(t.Context(), "jobgate:apply:paused:"+d.IntegrationID).Result()
		apptest.Eventually(t, func() bool { return statusOf(t, s, statusURL)["status"] == "delivered" }, "delivered once the credentials are right")
	})
}

// applyDelivery is the job's one application delivery.
func applyDelivery(t testing.TB, s *apptest.Server, job string) store.Delivery {
	t.Helper()
	ds, err := s.Env.Store.ListDeliveries(t.Context(), store.DeliveryFilter{AdID: job})
	require.NoError(t, err)
	var out []store.Delivery
	for _, d := range ds {
		if d.Kind == store.KindApply {
			out = append(out, d)
		}
	}
	require.Len(t, out, 1)
	return out[0]
}
