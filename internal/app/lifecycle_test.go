package app_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// TestDeadlineWithdrawsAfterRestart lets an ad's deadline pass while
// jobgate is stopped: the ad is withdrawn everywhere when it starts again,
// and an ad whose deadline has not passed stays.
func TestDeadlineWithdrawsAfterRestart(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		s := apptest.Start(t, cfg, app.Options{})
		_, key := s.Tenant(t)
		tomorrow := time.Now().In(ad.Oslo).AddDate(0, 0, 1).Format(time.DateOnly)
		later := time.Now().In(ad.Oslo).AddDate(0, 0, 30).Format(time.DateOnly)
		for ref, deadline := range map[string]string{"closing": tomorrow, "open": later} {
			a := apptest.Ad("Stilling " + ref)
			a["deadline"] = deadline
			r := s.Do(t, "PUT", "/v1/ads/"+ref, a, apptest.Bearer(key)...)
			require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
		}
		apptest.Eventually(t, func() bool { return boardCount(t, s) == 2 }, "both ads are listed")
		s.Stop(t)

		in3days := func() time.Time { return time.Now().AddDate(0, 0, 3) }
		s = apptest.Start(t, cfg, app.Options{Now: in3days})
		apptest.Eventually(t, func() bool {
			r := s.Do(t, "GET", "/v1/ads/closing", nil, apptest.Bearer(key)...)
			return r.JSON["status"] == "withdrawn"
		}, "the ad past its deadline is withdrawn after start")
		apptest.Eventually(t, func() bool { return boardCount(t, s) == 1 }, "and leaves the board")
		r := s.Do(t, "GET", "/v1/ads/open", nil, apptest.Bearer(key)...)
		require.Equal(t, "live", r.JSON["status"])
		apptest.Eventually(t, func() bool {
			metrics := string(s.Do(t, "GET", "/metrics", nil).Body)
			return strings.Contains(metrics, `jobgate_channel_publications{channel="board",state="live"} 1`) &&
				strings.Contains(metrics, `jobgate_channel_publications{channel="board",state="withdrawn"} 1`)
		}, "the metric counts one live and one withdrawn publication on the board")
	})
}
