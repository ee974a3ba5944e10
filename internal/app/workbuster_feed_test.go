package app_test

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/connectors/workbuster"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/poll"
	"github.com/jobgate/jobgate/internal/store"
)

// TestWorkbusterFeed polls a Workbuster customer's simulated feed, the
// integration naming the customer (the documented feed URL built on
// base_url) or the whole feed_url: the jobs reach the board, and a
// candidate is sent to the job's apply_url from the feed (issue 15,
// Workbuster feed).
func TestWorkbusterFeed(t *testing.T) {
	for name, settings := range map[string]func(base string) map[string]string{
		"customer": func(base string) map[string]string { return map[string]string{"customer": "acme", "base_url": base} },
		"feed_url": func(base string) map[string]string {
			return map[string]string{"feed_url": sim.WorkbusterURL(base, "acme")}
		},
	} {
		t.Run(name, func(t *testing.T) {
			apptest.Each(t, func(t *testing.T, m apptest.Mode) {
				s := apptest.Start(t, apptest.Config(t, m), app.Options{})
				fs, base := feedServer(t)
				feed := fs.Workbuster("acme")
				feed.Generate(6)
				integ, _ := s.VendorTenant(t, "workbuster", settings(base))

				r := syncNow(t, s, integ)
				require.Equal(t, "ok", r.JSON["outcome"], string(r.Body))
				require.Equal(t, "workbuster", r.JSON["vendor"])
				require.Equal(t, float64(6), counts(r)["created"], string(r.Body))
				apptest.Eventually(t, func() bool { return boardCount(t, s) == 6 }, "the 6 jobs reach the board")

				ref := feed.GeneratedID(2)
				p, _ := feed.Posting(ref)
				rec, err := s.Env.Store.GetAd(context.Background(), integ, ref)
				require.NoError(t, err)
				require.Equal(t, "redirect", rec.ApplyMode, "Workbuster has no apply API")
				require.Equal(t, feedApplyURL(t, feed.URL(base), ref), rec.ApplyURL, "the job's apply_url in the feed")
				job := s.Do(t, "GET", "/v1/jobs/"+rec.ID, nil)
				require.Equal(t, http.StatusOK, job.Status)
				require.Equal(t, rec.ApplyURL, job.JSON["apply_url"])
				require.Equal(t, "redirect", job.JSON["apply_mode"])
				require.Equal(t, p.Title, job.JSON["title"])
				require.Regexp(t, `^https://acme\.workbuster\.com/jobs/`+ref+`-[a-z0-9-]+$`, job.JSON["apply_url"], "the job's page at Workbuster")
				page := s.Do(t, "GET", "/jobs/"+rec.ID, nil)
				require.Equal(t, http.StatusOK, page.Status)
				require.Contains(t, string(page.Body), rec.ApplyURL, "the board's page sends the candidate to Workbuster")
			})
		})
	}
}

// feedApplyURL is the apply_url the feed at url gives the job ref.
func feedApplyURL(t *testing.T, url, ref string) string {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	jobs, err := workbuster.ParseFeed(body)
	require.NoError(t, err)
	for _, j := range jobs {
		if j.Reference() == ref {
			require.NotEmpty(t, j.ApplyURL)
			return j.ApplyURL
		}
	}
	t.Fatalf("job %s is not in the feed", ref)
	return ""
}

// TestWorkbusterFeedFailuresWithdrawNothing: a failed, cut, malformed or
// HTML answer fails the poll and changes nothing; an empty or shrunken
// (partial) feed withdraws nothing until the next poll confirms it; a job
// removed from a good feed is withdrawn at that poll (issue 15, Workbuster
// feed: the same safe diffing as Lever, Jobylon and ReachMee).
func TestWorkbusterFeedFailuresWithdrawNothing(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		fs, base := feedServer(t)
		feed := fs.Workbuster("acme")
		feed.Generate(10)
		integ, _ := s.VendorTenant(t, "workbuster", map[string]string{"customer": "acme", "base_url": base, "poll_timeout": "2s"})
		require.Equal(t, "ok", syncNow(t, s, integ).JSON["outcome"])
		require.Equal(t, 10, liveAds(t, s, integ))
		before := writes(t, s)

		for _, f := range []sim.FeedFault{sim.Fault5xx, sim.FaultTruncated, sim.FaultMalformed, sim.FaultHTML, sim.FaultWrongContentType} {
			feed.Fault(f, 1)
			r := syncNow(t, s, integ)
			require.Equal(t, "failed", r.JSON["outcome"], "%s: %s", f, r.Body)
			require.Equal(t, 10, liveAds(t, s, integ), f)
		}
		require.Equal(t, before, writes(t, s), "no failed answer wrote anything")

		feed.Fault(sim.FaultEmpty, 1)
		r := syncNow(t, s, integ)
		require.Equal(t, "held", r.JSON["outcome"], string(r.Body))
		require.Equal(t, 10, liveAds(t, s, integ), "an empty feed withdraws nothing at once")
		r = syncNow(t, s, integ)
		require.Equal(t, "ok", r.JSON["outcome"], string(r.Body))
		require.Equal(t, float64(0), counts(r)["held"], "the full feed is back: nothing is held")

		// A partial feed: 7 of the 10 jobs gone in one answer.
		var removed []sim.Posting
		for i := 1; i <= 7; i++ {
			p, _ := feed.Posting(feed.GeneratedID(i))
			removed = append(removed, p)
			require.True(t, feed.Remove(p.ID))
		}
		r = syncNow(t, s, integ)
		require.Equal(t, "held", r.JSON["outcome"], string(r.Body))
		require.Equal(t, float64(7), counts(r)["held"])
		require.Equal(t, 10, liveAds(t, s, integ), "a feed that lost most of its jobs withdraws nothing at once")
		for _, p := range removed[:6] {
			feed.Put(p)
		}
		r = syncNow(t, s, integ)
		require.Equal(t, "ok", r.JSON["outcome"], string(r.Body))
		require.Equal(t, float64(1), counts(r)["withdrawn"], "one job missing from a good feed is withdrawn: %s", r.Body)
		require.Equal(t, 9, liveAds(t, s, integ))
		rec, err := s.Env.Store.GetAd(context.Background(), integ, removed[6].ID)
		require.NoError(t, err)
		require.Equal(t, store.AdWithdrawn, rec.Status)
	})
}

// TestWorkbusterPushStillWorks: an integration naming no feed pushes
// through the generic ad API as before, has no feed to sync, and is never
// due for a poll, so it never crowds the scheduler's batch.
func TestWorkbusterPushStillWorks(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		pushed, key := s.VendorTenant(t, "workbuster", nil)
		wb := sim.Workbuster{Jobgate: s.URL, Key: key}
		a := apptest.Ad("Pushad tjänst")
		a["apply_url"] = "https://acme.workbuster.com/jobs/1-pushad"
		sent, err := wb.Put(context.Background(), "wb-1", a, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusCreated, sent.Status, string(sent.Body))
		apptest.Eventually(t, func() bool { return listed(t, s, "Pushad tjänst") }, "the pushed ad reaches the board")

		r := s.Do(t, "POST", "/v1/integrations/"+pushed+"/sync", nil, apptest.Bearer(apptest.OperatorToken)...)
		require.Equal(t, http.StatusNotFound, r.Status, string(r.Body))
		require.Equal(t, "not_polled", r.JSON["error"].(map[string]any)["code"], string(r.Body))

		ctx := context.Background()
		far := time.Now().Add(24 * time.Hour)
		dueIDs := func() []string {
			due, err := s.Env.Store.DuePolls(ctx, []string{"workbuster"}, far, 100)
			require.NoError(t, err)
			var ids []string
			for _, d := range due {
				ids = append(ids, d.IntegrationID)
			}
			return ids
		}
		require.Contains(t, dueIDs(), pushed, "never looked at, it is listed by vendor")
		_, err = s.Env.SyncNow(ctx, pushed, time.Second)
		require.ErrorIs(t, err, poll.ErrNotPolled, "what a scheduled poll of it finds")
		require.NotContains(t, dueIDs(), pushed, "then it is never due again")
		require.True(t, listed(t, s, "Pushad tjänst"), "the pushed ad stays")
	})
}
