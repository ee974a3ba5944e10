package app_test

import (
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// startMovedClock starts jobgate on a clock the test moves ahead (by the
// returned duration, in nanoseconds), with a fast release pass.
func startMovedClock(t *testing.T, m apptest.Mode) (*apptest.Server, *atomic.Int64) {
	ahead := &atomic.Int64{}
	cfg := apptest.Config(t, m)
	cfg.PublishInterval = 50 * time.Millisecond
	s := apptest.Start(t, cfg, app.Options{Now: func() time.Time { return time.Now().Add(time.Duration(ahead.Load())) }})
	return s, ahead
}

// TestGenericPublishAt schedules an ad through the generic API's
// publish_at: scheduled, on no channel, until the time passes, then live
// by itself; a malformed publish_at is refused naming the field; a live
// ad moved into the future leaves the board until then.
func TestGenericPublishAt(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s, ahead := startMovedClock(t, m)
		clock := func() time.Time { return time.Now().Add(time.Duration(ahead.Load())) }
		_, key := s.Tenant(t)
		auth := apptest.Bearer(key)

		bad := apptest.Ad("Feil tid")
		bad["publish_at"] = "2027-01-31"
		r := s.Do(t, "PUT", "/v1/ads/bad", bad, auth...)
		require.Equal(t, http.StatusUnprocessableEntity, r.Status, string(r.Body))
		require.Contains(t, string(r.Body), `"field":"publish_at"`)

		a := apptest.Ad("Planlagt lager")
		a["publish_at"] = time.Now().Add(time.Hour).Format(time.RFC3339)
		r = s.Do(t, "PUT", "/v1/ads/later", a, auth...)
		require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
		require.Equal(t, "scheduled", r.JSON["status"])
		live := apptest.Ad("Lager nå")
		r = s.Do(t, "PUT", "/v1/ads/now", live, auth...)
		require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
		apptest.Eventually(t, func() bool { return listed(t, s, "Lager nå") }, "the ad without publish_at is listed")
		require.False(t, listed(t, s, "Planlagt lager"), "the scheduled ad is not listed before its time")

		ahead.Store(int64(2 * time.Hour))
		apptest.Eventually(t, func() bool { return listed(t, s, "Planlagt lager") }, "listed once its time has passed")
		require.Equal(t, "live", s.Do(t, "GET", "/v1/ads/later", nil, auth...).JSON["status"])

		live["publish_at"] = clock().Add(time.Hour).Format(time.RFC3339)
		r = s.Do(t, "PUT", "/v1/ads/now", live, auth...)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		require.Equal(t, "scheduled", r.JSON["status"])
		require.False(t, listed(t, s, "Lager nå"), "a live ad moved into the future leaves the board at once")
		ahead.Store(int64(4 * time.Hour))
		apptest.Eventually(t, func() bool { return listed(t, s, "Lager nå") }, "and is back when its new time passes")
	})
}
