package app_test

import (
	"html/template"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// TestConsoleBreakers: an ATS that keeps failing opens its integration's
// breaker; the breakers page shows it open, by destination and applier,
// with since when, and says whose breakers it shows.
func TestConsoleBreakers(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		ats, atsURL := atsServer(t)
		cfg := apptest.Config(t, m)
		cfg.RetrySchedule = []time.Duration{0, 10 * time.Millisecond, 10 * time.Millisecond, 10 * time.Millisecond, 10 * time.Millisecond,
			10 * time.Millisecond, 10 * time.Millisecond, 10 * time.Millisecond}
		cfg.CircuitOpen = time.Hour
		s := apptest.Start(t, cfg, app.Options{})
		op := newOperator(t, s, "ops@board.example")
		empty := op.do(t, http.MethodGet, "/ops/breakers", nil).text()
		require.Contains(t, empty, "These are this process's breakers")

		integration, key := s.VendorTenant(t, "generic", map[string]string{"apply_url": atsURL + "/webhook/acme"})
		ats.SetKey("acme", key)
		job := putJob(t, s, key, "ref-1")
		ats.Fault(sim.ChannelFault5xx, 1000)
		r := apply(t, s, job, kari())
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		row := `<a href="/ops/integrations/` + integration + `">` + integration + `</a></td><td>integration</td><td>webhook</td>
<td><span class="bad">open</span></td>`
		apptest.Eventually(t, func() bool { return strings.Contains(op.do(t, http.MethodGet, "/ops/breakers", nil).text(), row) },
			"the integration's breaker shows open")
		page := op.do(t, http.MethodGet, "/ops/breakers", nil).text()
		require.Contains(t, page, "1 open.")
		require.Regexp(t, regexp.QuoteMeta(row)+`<td>20\d\d-\d\d-\d\d \d\d:\d\d:\d\d UTC</td>`, page, "an open breaker says since when")
	})
}

// TestConsoleAdsChannelReasons: an ad NAV would refuse shows on the ads
// page as rejected on nav with NAV's reason, and the nav/rejected filter
// keeps it alone.
func TestConsoleAdsChannelReasons(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		navServer(t, &cfg)
		s := apptest.Start(t, cfg, app.Options{})
		_, key := s.VendorTenant(t, "generic", map[string]string{"channels": "nav"})
		bad := navAd("Ukjent sted")
		bad["locations"] = []any{map[string]any{"city": "Atlantis", "country": "NO"}}
		require.Equal(t, http.StatusCreated, s.Do(t, "PUT", "/v1/ads/bad", bad, apptest.Bearer(key)...).Status)
		require.Equal(t, http.StatusCreated, s.Do(t, "PUT", "/v1/ads/good", navAd("Kjent sted"), apptest.Bearer(key)...).Status)
		apptest.Eventually(t, stateIs(t, s, key, "bad", "nav", "rejected"), "the bad ad is rejected")
		reason := channelState(t, s, key, "bad", "nav")["reason"].(string)
		require.NotEmpty(t, reason)

		op := newOperator(t, s, "ops@board.example")
		r := op.do(t, http.MethodGet, "/ops/ads?channel=nav&state=rejected", nil)
		require.Equal(t, http.StatusOK, r.Status, r.text())
		require.Contains(t, r.text(), `<strong>nav</strong>: <span class="bad">rejected</span> – `+template.HTMLEscapeString(reason))
		require.Contains(t, r.text(), "Ukjent sted")
		require.NotContains(t, r.text(), "Kjent sted</td>", "the filter keeps the rejected ad alone")
	})
}
