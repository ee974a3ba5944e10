package app_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/outbox"
	"github.com/jobgate/jobgate/internal/store"
)

// tenantATS is one employer: its own ATS (a simulator of its own), its
// webhook integration and a job.
type tenantATS struct {
	ats         *sim.ATS
	integration string
	job         string
}

// newTenantATS sets up an employer whose applications go to its own ATS's
// apply webhook under name.
func newTenantATS(t *testing.T, s *apptest.Server, name string) tenantATS {
	ats, atsURL := atsServer(t)
	integ, key := s.VendorTenant(t, "generic", map[string]string{"apply_url": atsURL + "/webhook/" + name})
	ats.SetKey(name, key)
	return tenantATS{ats: ats, integration: integ, job: putJob(t, s, key, "ref-"+name)}
}

// submitMany sends n different candidates to the tenant's job and returns
// their application ids.
func submitMany(t *testing.T, s *apptest.Server, tn tenantATS, n int, tag string) []string {
	t.Helper()
	ids := make([]string, n)
	for i := range ids {
		c := kari()
		c.fields["email"] = fmt.Sprintf("kandidat-%s-%d@example.no", tag, i)
		r := apply(t, s, tn.job, c)
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		ids[i] = r.JSON["id"].(string)
	}
	return ids
}

// applications reads the applications by id from the store.
func applications(t *testing.T, s *apptest.Server, ids []string) []store.ApplicationRecord {
	t.Helper()
	out := make([]store.ApplicationRecord, len(ids))
	for i, id := range ids {
		a, err := s.Env.Store.GetApplication(t.Context(), id)
		require.NoError(t, err)
		out[i] = a
	}
	return out
}

// waitDelivered waits until every application is delivered, for up to
// within, and returns them.
func waitDelivered(t *testing.T, s *apptest.Server, ids []string, within time.Duration) []store.ApplicationRecord {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		apps := applications(t, s, ids)
		if !slices.ContainsFunc(apps, func(a store.ApplicationRecord) bool { return a.DeliveredAt == nil }) {
			return apps
		}
		if time.Now().After(deadline) {
			t.Fatalf("not every application was delivered within %s", within)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// deliveryLatencies are the times from submission to confirmed delivery, sorted.
func deliveryLatencies(apps []store.ApplicationRecord) []time.Duration {
	out := make([]time.Duration, len(apps))
	for i, a := range apps {
		out[i] = a.DeliveredAt.Sub(a.CreatedAt)
	}
	slices.Sort(out)
	return out
}

// nearestRank is the p-th percentile (nearest rank) of sorted durations.
func nearestRank(sorted []time.Duration, p int) time.Duration {
	i := (p*len(sorted) + 99) / 100
	return sorted[max(i, 1)-1]
}

// requireDeliveredOnce checks the ATS holds each application exactly once,
// brought by one request, and nothing else.
func requireDeliveredOnce(t *testing.T, ats *sim.ATS, ids []string) {
	t.Helper()
	got := ats.Received("webhook")
	keys := make([]string, len(got))
	for i, r := range got {
		require.Equal(t, 1, r.Deliveries, "application %s reached the ATS once", r.IdempotencyKey)
		keys[i] = r.IdempotencyKey
	}
	slices.Sort(keys)
	want := slices.Clone(ids)
	slices.Sort(want)
	require.Equal(t, want, keys, "every application arrived, and nothing else")
}

// requireOnlyFailuresSpent checks the applications spent one attempt per
// call their ATS failed, and none for backpressure (an open breaker, a
// full share, a rate limit), and returns them. The ATS counts a failed
// call when it answers and the worker records the attempt after that, so
// it waits (up to apptest.Eventually's deadline) for the records to catch
// up with the ATS's count.
func requireOnlyFailuresSpent(t *testing.T, s *apptest.Server, ids []string, ats *sim.ATS) []store.ApplicationRecord {
	t.Helper()
	var apps []store.ApplicationRecord
	require.EventuallyWithT(t, func(c *assert.CollectT) {
		apps = applications(t, s, ids)
		spent := 0
		for _, a := range apps {
			spent += a.Attempts
		}
		assert.Equal(c, ats.Faulted(), spent, "one attempt per failed call, none for backpressure")
	}, 10*time.Second, 20*time.Millisecond)
	for _, a := range apps {
		require.NotEqual(t, store.DeliveryDead, a.State, "application %s", a.ID)
	}
	return apps
}

// TestApplyHangingATSStallsOnlyItsTenant (issue 13, break 1): employer X's
// ATS takes the connection and never answers while employer Y's
// applications arrive. X holds at most its share of the apply slots, so
// Y's applications are delivered within 5 s of submission (p99); once X's
// ATS answers again every one of X's applications arrives, once, having
// spent attempts only on the calls that hung.
func TestApplyHangingATSStallsOnlyItsTenant(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		cfg.CircuitOpen = time.Second
		// Enough attempts that no X delivery dies of its hung calls.
		cfg.RetrySchedule = slices.Repeat([]time.Duration{200 * time.Millisecond}, 12)
		s := apptest.Start(t, cfg, app.Options{ApplyTimeout: 5 * time.Second})
		x, y := newTenantATS(t, s, "x"), newTenantATS(t, s, "y")
		x.ats.Fault(sim.ChannelFaultTimeout, 0)

		xIDs := submitMany(t, s, x, 40, "x")
		share := outbox.ShareOf(cfg.ApplyConcurrency)
		apptest.Eventually(t, func() bool { return x.ats.Faulted() >= share }, "X's ATS holds calls")
		yIDs := submitMany(t, s, y, 30, "y")
		lat := deliveryLatencies(waitDelivered(t, s, yIDs, time.Minute))
		p50, p99 := nearestRank(lat, 50), nearestRank(lat, 99)
		t.Logf("%s: Y's %d applications, submission to delivery while X's ATS hangs: p50 %s, p99 %s, max %s",
			m.Name, len(lat), p50.Round(time.Millisecond), p99.Round(time.Millisecond), lat[len(lat)-1].Round(time.Millisecond))
		require.Less(t, p99, 5*time.Second, "Y's p99 while X hangs")
		requireDeliveredOnce(t, y.ats, yIDs)

		x.ats.ClearFault()
		waitDelivered(t, s, xIDs, time.Minute)
		requireDeliveredOnce(t, x.ats, xIDs)
		requireOnlyFailuresSpent(t, s, xIDs, x.ats)
	})
}

// TestApplyFailingATSOpensOnlyItsBreaker (issue 13, break 1): employer X's
// ATS answers 503. X's breaker opens; Y's stays closed and Y's
// applications are delivered at once, not after X's breaker's 30 s.
func TestApplyFailingATSOpensOnlyItsBreaker(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		cfg.RetrySchedule = slices.Repeat([]time.Duration{50 * time.Millisecond}, 12)
		s := apptest.Start(t, cfg, app.Options{})
		x, y := newTenantATS(t, s, "x"), newTenantATS(t, s, "y")
		x.ats.SetDown(true)

		xIDs := submitMany(t, s, x, 6, "x")
		apptest.Eventually(t, func() bool {
			return strings.Contains(metricsBody(t, s), breakerLine(x.integration, 2))
		}, "X's breaker opens")
		yIDs := submitMany(t, s, y, 5, "y")
		apptest.Eventually(t, func() bool {
			return !slices.ContainsFunc(applications(t, s, yIDs), func(a store.ApplicationRecord) bool { return a.DeliveredAt == nil })
		}, "Y's applications are delivered at once")
		requireDeliveredOnce(t, y.ats, yIDs)
		body := metricsBody(t, s)
		require.Contains(t, body, breakerLine(y.integration, 0), "Y's breaker stays closed")
		require.Contains(t, body, breakerLine(x.integration, 2), "X's stays open")

		for _, a := range requireOnlyFailuresSpent(t, s, xIDs, x.ats) {
			require.Equal(t, store.DeliveryPending, a.State, "X's applications wait, not dead")
		}
		require.Empty(t, x.ats.Received(""))
	})
}

// breakerLine is the metrics line of an apply webhook integration's
// breaker in state.
func breakerLine(integration string, state int) string {
	return fmt.Sprintf(`jobgate_circuit_breaker_state{channel="webhook",destination=%q} %d`, integration, state)
}

// metricsBody is the body of GET /metrics.
func metricsBody(t *testing.T, s *apptest.Server) string {
	t.Helper()
	return string(s.Do(t, http.MethodGet, "/metrics", nil).Body)
}
