package app_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/store"
)

const oldestPending = "jobgate_outbox_oldest_pending_seconds"

// TestMetricsOldestPending (issue 16, item 2: oldest pending delivery
// older than a threshold): jobgate_outbox_oldest_pending_seconds reads
// the database at scrape time. It is 0 for the known channels and
// appliers while nothing waits; an application its ATS refuses stays
// pending and its age shows under apply/webhook, growing with the wait,
// while the board's channel stays at 0; once delivered it is 0 again.
func TestMetricsOldestPending(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		ats, atsURL := atsServer(t)
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		publish := map[string]string{"kind": store.KindPublish, "channel": "board"}
		webhook := map[string]string{"kind": store.KindApply, "channel": "webhook"}
		families := metricFamilies(t, s)
		for _, labels := range []map[string]string{publish, webhook, {"kind": store.KindWithdraw, "channel": "board"}} {
			v, ok := gaugeValue(families, oldestPending, labels)
			require.True(t, ok, "exported at start: %v", labels)
			require.Zero(t, v, labels)
		}

		key := webhookTenant(t, s, ats, atsURL, "acme")
		job := putJob(t, s, key, "ref-1")
		ats.SetKey("acme", "not-the-key")
		r := apply(t, s, job, kari())
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		apptest.Eventually(t, func() bool {
			d := applyDelivery(t, s, job)
			return d.State == store.DeliveryPending && d.LastError != ""
		}, "the ATS refused it: it waits, pending")
		d := applyDelivery(t, s, job)
		apptest.Eventually(t, func() bool {
			families := metricFamilies(t, s)
			age, _ := gaugeValue(families, oldestPending, webhook)
			board, _ := gaugeValue(families, oldestPending, publish)
			return age >= time.Since(d.CreatedAt).Seconds()-1 && age > 0.5 && board == 0
		}, "the waiting application's age is exported, growing; the board has nothing waiting")

		ats.SetKey("acme", key)
		_, err := s.Env.Store.ReplayDelivery(t.Context(), d.ID)
		require.NoError(t, err)
		_, _ = s.Queue.Redis.Del(t.Context(), "jobgate:apply:paused:"+d.IntegrationID).Result()
		apptest.Eventually(t, func() bool { return applyDelivery(t, s, job).State == store.DeliveryDelivered }, "delivered")
		v, ok := gaugeValue(metricFamilies(t, s), oldestPending, webhook)
		require.True(t, ok)
		require.Zero(t, v, "nothing waits once it is delivered")
	})
}
