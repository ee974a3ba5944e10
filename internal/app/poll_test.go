package app_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/store"
)

// polledVendor is one way an employer connects a polled feed: the vendor,
// the simulated feed and the integration settings that point at it.
type polledVendor struct {
	name, vendor string
	xml          bool
	// confirms is true where a missing posting is withdrawn only when a
	// second snapshot misses it too (Lever's offset paging).
	confirms bool
	feed     func(fs *sim.Feeds, base string) (*sim.Feed, map[string]string)
}

var polledVendors = []polledVendor{
	{"lever", "lever", false, true, func(fs *sim.Feeds, base string) (*sim.Feed, map[string]string) {
		return fs.Lever("acme"), map[string]string{"site": "acme", "base_url": base, "employer_name": "Acme AS"}
	}},
	{"lever-eu", "lever", false, true, func(fs *sim.Feeds, base string) (*sim.Feed, map[string]string) {
		return fs.LeverEU("acme-eu"), map[string]string{"site": "acme-eu", "base_url": base + "/eu"}
	}},
	{"jobylon-json", "jobylon", false, false, func(fs *sim.Feeds, base string) (*sim.Feed, map[string]string) {
		return fs.Jobylon("f3ed4a"), map[string]string{"feed_url": sim.JobylonJSONURL(base, "f3ed4a")}
	}},
	{"jobylon-xml", "jobylon", true, false, func(fs *sim.Feeds, base string) (*sim.Feed, map[string]string) {
		return fs.Jobylon("a9c1e0"), map[string]string{"feed_url": sim.JobylonURL(base, "a9c1e0")}
	}},
	{"reachmee", "reachmee", true, false, func(fs *sim.Feeds, base string) (*sim.Feed, map[string]string) {
		f := fs.ReachMee("103", "I017", "acme")
		return f, map[string]string{"feed_url": f.URL(base)}
	}},
	{"workbuster", "workbuster", false, false, func(fs *sim.Feeds, base string) (*sim.Feed, map[string]string) {
		return fs.Workbuster("acme"), map[string]string{"customer": "acme", "base_url": base}
	}},
}

// feedServer serves simulated feeds until the test ends.
func feedServer(t *testing.T) (*sim.Feeds, string) {
	fs := sim.NewFeeds()
	srv := httptest.NewServer(fs)
	t.Cleanup(func() { fs.Close(); srv.Close() })
	return fs, srv.URL
}

// syncNow polls through POST /v1/integrations/{id}/sync as the operator.
func syncNow(t *testing.T, s *apptest.Server, integ string) apptest.Response {
	t.Helper()
	r := s.Do(t, "POST", "/v1/integrations/"+integ+"/sync", nil, apptest.Bearer(apptest.OperatorToken)...)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	return r
}

func counts(r apptest.Response) map[string]any { return r.JSON["counts"].(map[string]any) }

// liveAds counts the integration's live ads in the store.
func liveAds(t *testing.T, s *apptest.Server, integ string) int {
	t.Helper()
	states, err := s.Env.Store.ListAdStates(context.Background(), integ)
	require.NoError(t, err)
	n := 0
	for _, st := range states {
		if st.Status == store.AdLive {
			n++
		}
	}
	return n
}

// writes counts the deliveries the store holds: every ad change writes
// at least one.
func writes(t *testing.T, s *apptest.Server) int {
	t.Helper()
	ds, err := s.Env.Store.ListDeliveries(context.Background(), store.DeliveryFilter{Limit: 100000})
	require.NoError(t, err)
	return len(ds)
}

// boardCount is how many jobs the board lists.
func boardCount(t *testing.T, s *apptest.Server) int {
	t.Helper()
	n, cursor := 0, ""
	for {
		r := s.Do(t, "GET", "/v1/jobs?limit=100&cursor="+cursor, nil)
		require.Equal(t, http.StatusOK, r.Status)
		n += len(r.JSON["jobs"].([]any))
		next, _ := r.JSON["next_cursor"].(string)
		if next == "" {
			return n
		}
		cursor = next
	}
}

// TestPolledFeedsStayInStep polls every polled vendor's simulated feed
// over HTTP: new postings are created, an edit makes one new revision, an
// unchanged feed writes nothing, a removed posting is withdrawn, and an
// empty feed withdraws nothing until a second poll sees it empty too.
func TestPolledFeedsStayInStep(t *testing.T) {
	for _, v := range polledVendors {
		t.Run(v.name, func(t *testing.T) {
			apptest.Each(t, func(t *testing.T, m apptest.Mode) {
				s := apptest.Start(t, apptest.Config(t, m), app.Options{})
				fs, base := feedServer(t)
				feed, settings := v.feed(fs, base)
				feed.Generate(40)
				integ, _ := s.VendorTenant(t, v.vendor, settings)

				r := syncNow(t, s, integ)
				require.Equal(t, "ok", r.JSON["outcome"], string(r.Body))
				require.Equal(t, float64(40), counts(r)["created"])
				apptest.Eventually(t, func() bool { return boardCount(t, s) == 40 }, "all 40 postings reach the board")

				before := writes(t, s)
				r = syncNow(t, s, integ)
				require.Contains(t, []any{"ok", "not_modified"}, r.JSON["outcome"])
				require.Equal(t, float64(40), counts(r)["unchanged"])
				require.Equal(t, before, writes(t, s), "an unchanged feed writes nothing")

				feed.Fault(sim.FaultEmpty, 1)
				r = syncNow(t, s, integ)
				require.Equal(t, "held", r.JSON["outcome"], string(r.Body))
				require.Equal(t, float64(40), counts(r)["held"])
				require.Equal(t, 40, liveAds(t, s, integ), "one empty answer withdraws nothing")
				r = syncNow(t, s, integ)
				require.Equal(t, "ok", r.JSON["outcome"], string(r.Body))
				require.Equal(t, float64(0), counts(r)["withdrawn"])
				require.Equal(t, float64(0), counts(r)["held"], "a full feed cancels the held drop")

				feed.Fault(sim.FaultEmpty, 2)
				r = syncNow(t, s, integ)
				require.Equal(t, "held", r.JSON["outcome"])
				r = syncNow(t, s, integ)
				require.Equal(t, float64(40), counts(r)["withdrawn"], "empty twice: every ad is withdrawn")
				require.Equal(t, 0, liveAds(t, s, integ))
				apptest.Eventually(t, func() bool { return boardCount(t, s) == 0 }, "the board shows none")

				r = syncNow(t, s, integ)
				require.Equal(t, float64(40), counts(r)["updated"], "the feed is back: every ad is live again")
				require.Equal(t, 40, liveAds(t, s, integ))

				ids := feed.Change(0.1)
				require.Len(t, ids, 4)
				r = syncNow(t, s, integ)
				require.Equal(t, float64(4), counts(r)["updated"], string(r.Body))
				rec, err := s.Env.Store.GetAd(context.Background(), integ, ids[0])
				require.NoError(t, err)
				require.Equal(t, 3, rec.Revision, "withdrawn, republished, edited")

				require.True(t, feed.Remove(ids[1]))
				r = syncNow(t, s, integ)
				if v.confirms {
					require.Equal(t, "ok", r.JSON["outcome"], string(r.Body))
					require.Equal(t, float64(1), counts(r)["held"], "one miss is not yet a withdrawal")
					require.Equal(t, 40, liveAds(t, s, integ))
					r = syncNow(t, s, integ)
				}
				require.Equal(t, float64(1), counts(r)["withdrawn"], string(r.Body))
				require.Equal(t, 39, liveAds(t, s, integ))
			})
		})
	}
}

// TestPollFaultsChangeNothing answers every kind of broken feed once: the
// poll fails, the board keeps its ads, and the sync view and the metrics
// show the failure.
func TestPollFaultsChangeNothing(t *testing.T) {
	for _, v := range polledVendors {
		t.Run(v.name, func(t *testing.T) {
			s := apptest.Start(t, apptest.Config(t, apptest.Mode{Name: "embedded"}), app.Options{})
			fs, base := feedServer(t)
			feed, settings := v.feed(fs, base)
			settings["poll_timeout"] = "1s"
			feed.Generate(10)
			feed.SetSlowDelay(5 * time.Second)
			integ, key := s.VendorTenant(t, v.vendor, settings)
			require.Equal(t, "ok", syncNow(t, s, integ).JSON["outcome"])
			before := writes(t, s)
			faults := []sim.FeedFault{sim.Fault5xx, sim.FaultTimeout, sim.FaultSlow, sim.FaultTruncated, sim.FaultMalformed,
				sim.Fault429, sim.FaultHTML, sim.FaultWrongContentType, sim.FaultHuge}
			if v.xml {
				faults = append(faults, sim.FaultXMLEntities, sim.FaultXMLExternalEntity)
			}
			for _, f := range faults {
				feed.Fault(f, 1)
				r := syncNow(t, s, integ)
				require.Equal(t, "failed", r.JSON["outcome"], "%s: %s", f, r.Body)
				require.NotEmpty(t, r.JSON["error"], f)
				require.NotContains(t, r.JSON["error"], base, "%s: the error names no feed URL", f)
				require.Equal(t, 10, liveAds(t, s, integ), f)
				require.Equal(t, before, writes(t, s), "%s changed nothing", f)
				view := s.Do(t, "GET", "/v1/integrations/"+integ+"/sync", nil, apptest.Bearer(key)...)
				require.Equal(t, "failed", view.JSON["outcome"], f)
			}
			metrics := s.Do(t, "GET", "/metrics", nil)
			require.Contains(t, string(metrics.Body), `jobgate_polls_total{outcome="failed",vendor="`+v.vendor+`"} `+strconv.Itoa(len(faults)))
			r := syncNow(t, s, integ)
			require.Contains(t, []any{"ok", "not_modified"}, r.JSON["outcome"], "the feed recovers")
			require.Equal(t, float64(0), r.JSON["consecutive_failures"])
		})
	}
}
