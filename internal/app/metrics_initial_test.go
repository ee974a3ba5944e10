package app_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/metrics"
)

// TestMetricsCountersStartAtZero (issue 16, item 2): a fresh jobgate
// exports, at 0, every counter series the alert rules read whose labels
// are known at start, so the first dead delivery, refusal, failed poll or
// lockout is an increase Prometheus can see.
func TestMetricsCountersStartAtZero(t *testing.T) {
	apptest.Each(t, func(t *testing.T, mode apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, mode), app.Options{})
		status, body := scrape(t, s.URL+"/metrics", "")
		require.Equal(t, http.StatusOK, status)
		var want []string
		for _, ch := range []string{"board", "lever", "webhook"} {
			for _, o := range metrics.AttemptOutcomes {
				want = append(want, fmt.Sprintf(`jobgate_outbox_attempts_total{channel=%q,outcome=%q} 0`, ch, o))
			}
		}
		want = append(want, `jobgate_apply_unauthorised_total{applier="webhook"} 0`,
			`jobgate_auth_failures_total{reason="locked_out"} 0`)
		for _, o := range metrics.PollOutcomes {
			want = append(want, fmt.Sprintf(`jobgate_polls_total{outcome=%q,vendor="reachmee"} 0`, o))
		}
		for _, line := range want {
			require.Contains(t, body, line+"\n", "series missing at start")
		}
	})
}
