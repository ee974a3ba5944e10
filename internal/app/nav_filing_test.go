package app_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// TestNAVStopBeforeFiling unlists an ad right after its upload, while NAV
// (the simulator, filing two seconds after an upload as NAV's 30 s job does)
// has not filed it and answers the stop 404: jobgate asks again until NAV
// has the ad, and NAV ends with it stopped, not published after a stop
// jobgate took as done (issue 15, NAV filing).
func TestNAVStopBeforeFiling(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		nav, s, key := startOnNAV(t, m, sim.NAVConfig{FilingDelay: 2 * time.Second})
		id := putOnNAV(t, s, key, "early-stop", navAd("Kokk"))

		r := s.Do(t, "DELETE", "/v1/ads/early-stop", nil, apptest.Bearer(key)...)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		apptest.Eventually(t, func() bool {
			st, ok := nav.Status(id)
			return ok && st.Status == "STOPPED"
		}, "NAV files the ad, then the stop jobgate asked again for")
		apptest.Eventually(t, stateIs(t, s, key, "early-stop", "nav", "withdrawn"), "withdrawn once NAV stopped it")
		st, _ := nav.Status(id)
		require.Equal(t, "STOPPED", st.PublishStatus, "not published on arbeidsplassen")
		require.GreaterOrEqual(t, nav.Stats().DeleteRequests, 2, "the stop NAV answered 404, not filed yet, was asked again")
	})
}

// TestNAVUnknownStatus has NAV answer UNKNOWN for an ad: after
// nav.DefaultUnknownAfter status checks it shows as unknown with what NAV
// answered, where it stayed pending for ever (issue 15, NAV UNKNOWN).
func TestNAVUnknownStatus(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		nav, s, key := startOnNAV(t, m, sim.NAVConfig{FilingDelay: sim.NAVFilesAtOnce})
		id := putOnNAV(t, s, key, "unknown-1", navAd("Baker"))
		nav.Unknown(id)
		require.Equal(t, 1, nav.Moderate(id))
		apptest.Eventually(t, stateIs(t, s, key, "unknown-1", "nav", "unknown"), "UNKNOWN at every check turns into unknown")
		reason, _ := channelState(t, s, key, "unknown-1", "nav")["reason"].(string)
		require.Contains(t, reason, "NAV answered UNKNOWN at 6 status checks in a row (publishStatus UNKNOWN, status DONE)")
		require.GreaterOrEqual(t, nav.Stats().StatusRequests, 6)
	})
}

// TestNAVDeadlineDay publishes an ad whose deadline is a date: NAV, after
// its own §1.8 rule on expires and applicationdue (the simulator applies
// it), keeps the ad until the end of that day in Oslo, and the candidate
// sees the deadline date (issue 15, NAV expires).
func TestNAVDeadlineDay(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		nav, s, key := startOnNAV(t, m, sim.NAVConfig{FilingDelay: sim.NAVFilesAtOnce})
		a := navAd("Snekker")
		deadline := time.Now().AddDate(0, 0, 20).Format(time.DateOnly)
		a["deadline"] = deadline
		id := putOnNAV(t, s, key, "deadline-1", a)
		apptest.Eventually(t, func() bool { _, ok := nav.Status(id); return ok }, "NAV filed the ad")
		st, _ := nav.Status(id)
		require.Equal(t, deadline+"T23:59:59", st.Expires, "NAV keeps the ad through the deadline day")
		due := nav.Ad(id)["properties"].(map[string]any)["applicationdue"].(string)
		require.Equal(t, deadline, due, "the deadline date arbeidsplassen shows")
		require.False(t, strings.Contains(due, "T"))
	})
}

// startOnNAV runs jobgate in mode m publishing to the NAV simulator
// configured by simCfg, with a tenant whose ads go to NAV; it answers the
// simulator, the server and the tenant's key.
func startOnNAV(t *testing.T, m apptest.Mode, simCfg sim.NAVConfig) (*sim.NAV, *apptest.Server, string) {
	cfg := apptest.Config(t, m)
	nav := navServerWith(t, &cfg, simCfg)
	s := apptest.Start(t, cfg, app.Options{})
	_, key := s.VendorTenant(t, "generic", map[string]string{"channels": "nav"})
	return nav, s, key
}

// putOnNAV PUTs a new ad under ref and answers its id once NAV's receipt
// of the upload is recorded.
func putOnNAV(t *testing.T, s *apptest.Server, key, ref string, a map[string]any) string {
	r := s.Do(t, "PUT", "/v1/ads/"+ref, a, apptest.Bearer(key)...)
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	id := r.JSON["id"].(string)
	apptest.Eventually(t, func() bool { return channelState(t, s, key, ref, "nav")["reference"] == id }, "NAV received the upload")
	return id
}
