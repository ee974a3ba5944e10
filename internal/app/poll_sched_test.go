package app_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/poll"
)

// TestScheduledPolls leaves polling to the scheduler: postings added to
// and removed from the feed reach the board without anyone pressing
// anything, and the sync view says when the next poll is.
func TestScheduledPolls(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		cfg.PollTick = 50 * time.Millisecond
		s := apptest.Start(t, cfg, app.Options{})
		fs, base := feedServer(t)
		feed := fs.Jobylon("sched")
		feed.Generate(5)
		integ, key := s.VendorTenant(t, "jobylon", map[string]string{"feed_url": sim.JobylonJSONURL(base, "sched"), "poll_interval": "1s"})
		apptest.Eventually(t, func() bool { return boardCount(t, s) == 5 }, "the first scheduled poll publishes the feed")

		p := feed.Postings()[0]
		p.ID, p.Title = "990001", "Nyopprettet stilling"
		feed.Put(p)
		apptest.Eventually(t, func() bool { return listed(t, s, "Nyopprettet stilling") }, "a new posting appears by itself")
		require.True(t, feed.Remove("990001"))
		apptest.Eventually(t, func() bool { return !listed(t, s, "Nyopprettet stilling") }, "a removed posting is withdrawn by itself")

		view := s.Do(t, "GET", "/v1/integrations/"+integ+"/sync", nil, apptest.Bearer(key)...)
		require.Equal(t, http.StatusOK, view.Status, string(view.Body))
		require.Equal(t, "1s", view.JSON["poll_interval"])
		require.NotNil(t, view.JSON["last_poll_at"])
		next, err := time.Parse(time.RFC3339Nano, view.JSON["next_poll_at"].(string))
		require.NoError(t, err)
		require.WithinDuration(t, time.Now(), next, 2*time.Second)
	})
}

// TestOnePollAtATime starts a second poll while a slow one runs: it is
// refused, and the first completes.
func TestOnePollAtATime(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		fs, base := feedServer(t)
		feed := fs.Lever("slowco")
		feed.Generate(3)
		integ, _ := s.VendorTenant(t, "lever", map[string]string{"site": "slowco", "base_url": base})
		// Long enough for the second poll to start while the first waits,
		// even on a loaded machine.
		feed.SetSlowDelay(3 * time.Second)
		feed.Fault(sim.FaultSlow, 1)
		var wg sync.WaitGroup
		var first apptest.Response
		wg.Go(func() {
			first = s.Do(t, "POST", "/v1/integrations/"+integ+"/sync", nil, apptest.Bearer(apptest.OperatorToken)...)
		})
		apptest.Eventually(t, func() bool { return feed.Requests() == 1 }, "the first poll is fetching")
		second := s.Do(t, "POST", "/v1/integrations/"+integ+"/sync", nil, apptest.Bearer(apptest.OperatorToken)...)
		require.Equal(t, http.StatusConflict, second.Status, string(second.Body))
		require.Equal(t, "poll_running", second.JSON["error"].(map[string]any)["code"])
		_, err := s.Env.SyncNow(t.Context(), integ, 0)
		require.Error(t, err, "the CLI's poll is refused too")
		wg.Wait()
		require.Equal(t, http.StatusOK, first.Status, string(first.Body))
		require.Equal(t, float64(3), counts(first)["created"])
		require.Equal(t, 1, feed.Requests(), "the feed was fetched once")
	})
}

// TestSyncViewAccess checks who may see an integration's sync state.
func TestSyncViewAccess(t *testing.T) {
	s := apptest.Start(t, apptest.Config(t, apptest.Mode{Name: "embedded"}), app.Options{})
	_, base := feedServer(t)
	integ, key := s.VendorTenant(t, "lever", map[string]string{"site": "acme", "base_url": base})
	_, otherKey := s.Tenant(t)
	pushed, pushedKey := s.Tenant(t)
	path := "/v1/integrations/" + integ + "/sync"
	for _, c := range []struct {
		name   string
		path   string
		header []string
		status int
	}{
		{"the integration's key", path, apptest.Bearer(key), http.StatusOK},
		{"the operator", path, apptest.Bearer(apptest.OperatorToken), http.StatusOK},
		{"no key", path, nil, http.StatusUnauthorized},
		{"a wrong operator token", path, apptest.Bearer("operator-token-for-tests-not"), http.StatusUnauthorized},
		{"another account's key", path, apptest.Bearer(otherKey), http.StatusNotFound},
		{"an unknown integration", "/v1/integrations/int_missing/sync", apptest.Bearer(apptest.OperatorToken), http.StatusNotFound},
		{"a pushed source", "/v1/integrations/" + pushed + "/sync", apptest.Bearer(pushedKey), http.StatusNotFound},
	} {
		r := s.Do(t, "GET", c.path, nil, c.header...)
		require.Equal(t, c.status, r.Status, "%s: %s", c.name, r.Body)
	}
	r := s.Do(t, "GET", path, nil, apptest.Bearer(key)...)
	require.Equal(t, "never", r.JSON["outcome"])
	require.NotContains(t, string(r.Body), base, "the view shows no feed URL")
}

// TestPolledApplyMode checks how candidates apply to polled ads: direct
// where the integration holds the vendor's apply credentials (Lever's
// Postings API key, Jobylon's app id and key), else redirected to the
// vendor's apply page; ReachMee always redirects.
func TestPolledApplyMode(t *testing.T) {
	s := apptest.Start(t, apptest.Config(t, apptest.Mode{Name: "embedded"}), app.Options{})
	fs, base := feedServer(t)
	for _, c := range []struct {
		name, vendor string
		feed         *sim.Feed
		settings     map[string]string
		direct       bool
	}{
		{"lever with a key", "lever", fs.Lever("keyed"), map[string]string{"site": "keyed", "base_url": base, "api_key": "lever-postings-key"}, true},
		{"lever without", "lever", fs.Lever("plain"), map[string]string{"site": "plain", "base_url": base}, false},
		{"jobylon with app id and key", "jobylon", fs.Jobylon("keyed"), map[string]string{"feed_url": sim.JobylonJSONURL(base, "keyed"), "app_id": "board", "app_key": "secret"}, true},
		{"jobylon without", "jobylon", fs.Jobylon("plain"), map[string]string{"feed_url": sim.JobylonJSONURL(base, "plain")}, false},
		{"reachmee", "reachmee", fs.ReachMee("1", "I001", "acme"), nil, false},
	} {
		if c.settings == nil {
			c.settings = map[string]string{"feed_url": c.feed.URL(base), "employer_name": "Acme AB"}
		}
		c.feed.Generate(1)
		integ, key := s.VendorTenant(t, c.vendor, c.settings)
		require.Equal(t, float64(1), counts(syncNow(t, s, integ))["created"], c.name)
		ref := c.feed.Postings()[0].ID
		r := s.Do(t, "GET", "/v1/ads/"+ref, nil, apptest.Bearer(key)...)
		require.Equal(t, http.StatusOK, r.Status, "%s: %s", c.name, r.Body)
		if c.direct {
			require.Equal(t, "direct", r.JSON["apply_mode"], c.name)
			continue
		}
		require.Equal(t, "redirect", r.JSON["apply_mode"], c.name)
		require.Contains(t, r.JSON["apply_url"], "http", c.name)
	}
}

// TestInterruptedPollIsNoFailure stops a poll midway, as a shutdown does:
// nothing is recorded against the feed, and the lease is free at once.
func TestInterruptedPollIsNoFailure(t *testing.T) {
	var polls *poll.Service
	s := apptest.Start(t, apptest.Config(t, apptest.Mode{Name: "embedded"}), app.Options{PollService: func(p *poll.Service) { polls = p }})
	fs, base := feedServer(t)
	feed := fs.Lever("stopping")
	feed.Generate(2)
	integ, _ := s.VendorTenant(t, "lever", map[string]string{"site": "stopping", "base_url": base})
	feed.SetSlowDelay(5 * time.Second)
	feed.Fault(sim.FaultSlow, 1)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := polls.Poll(ctx, integ)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	st, err := s.Env.Store.GetPollState(context.Background(), integ)
	require.NoError(t, err)
	require.Empty(t, st.Outcome, "an interrupted poll is not a failed one")
	require.Zero(t, st.Failures)
	require.True(t, st.LeaseUntil.IsZero(), "the lease is freed")
	require.Equal(t, float64(2), counts(syncNow(t, s, integ))["created"])
}
