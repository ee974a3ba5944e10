package app_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// TestPollBreakerPerIntegration (issue 13, break 1): one employer's feed
// keeps failing until its breaker opens; another employer's feed of the
// same vendor keeps being polled, its breaker closed.
func TestPollBreakerPerIntegration(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		fs, base := feedServer(t)
		failing, healthy := fs.Jobylon("f3ed4a"), fs.Jobylon("b7c2d1")
		failing.Generate(3)
		healthy.Generate(4)
		x, _ := s.VendorTenant(t, "jobylon", map[string]string{"feed_url": sim.JobylonURL(base, "f3ed4a")})
		y, _ := s.VendorTenant(t, "jobylon", map[string]string{"feed_url": sim.JobylonURL(base, "b7c2d1")})
		failing.Fault(sim.Fault5xx, 0)

		// Ten failures in a row open a feed's breaker (poll's default).
		for range 10 {
			r := syncNow(t, s, x)
			require.Equal(t, "failed", r.JSON["outcome"])
			require.NotContains(t, r.JSON["error"], "circuit breaker", "X's own feed answered")
		}
		r := syncNow(t, s, x)
		require.Equal(t, "failed", r.JSON["outcome"])
		require.Contains(t, r.JSON["error"], "circuit breaker open", "X's breaker is open")

		r = syncNow(t, s, y)
		require.Equal(t, "ok", r.JSON["outcome"], "Y's feed of the same vendor is still polled: %s", r.Body)
		require.Equal(t, 4, liveAds(t, s, y))
		body := metricsBody(t, s)
		require.Contains(t, body, pollBreakerLine(x, 2))
		require.Contains(t, body, pollBreakerLine(y, 0))
		require.False(t, strings.Contains(body, `jobgate_poll_circuit_breaker_state{vendor="jobylon"}`), "no breaker per vendor")
	})
}

// pollBreakerLine is the metrics line of a Jobylon integration's poll
// breaker in state.
func pollBreakerLine(integration string, state int) string {
	return fmt.Sprintf(`jobgate_poll_circuit_breaker_state{integration=%q,vendor="jobylon"} %d`, integration, state)
}
