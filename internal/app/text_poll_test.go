package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/store"
)

// notes are the sync view's skipped or warnings list, by reference.
func notes(t *testing.T, r apptest.Response, list string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	items, ok := r.JSON[list].([]any)
	require.True(t, ok, "the sync view has a %s list: %s", list, r.Body)
	for _, it := range items {
		n := it.(map[string]any)
		var reasons []string
		for _, reason := range n["reasons"].([]any) {
			reasons = append(reasons, reason.(string))
		}
		out[n["reference"].(string)] = reasons
	}
	return out
}

// TestFeedSkipsBadPosting: one posting with a NUL byte among good ones in
// a polled feed (Lever's JSON, Jobylon's XML) is skipped with its reason in
// the sync view, the others are created, and the poll succeeds, on both
// stores; a live ad whose posting later turns bad is kept as it was, not
// withdrawn, over several polls (issue 13, break 5).
func TestFeedSkipsBadPosting(t *testing.T) {
	for _, v := range []polledVendor{polledVendors[0], polledVendors[3]} {
		t.Run(v.name, func(t *testing.T) {
			apptest.Each(t, func(t *testing.T, m apptest.Mode) {
				s := apptest.Start(t, apptest.Config(t, m), app.Options{})
				fs, base := feedServer(t)
				feed, settings := v.feed(fs, base)
				feed.Generate(4)
				ps := feed.Postings()
				bad := ps[3]
				feed.Remove(bad.ID)
				bad.Title = "Lager\x00medarbeider"
				feed.Put(bad)
				integ, _ := s.VendorTenant(t, v.vendor, settings)

				r := syncNow(t, s, integ)
				require.Equal(t, "ok", r.JSON["outcome"], string(r.Body))
				require.Equal(t, float64(3), counts(r)["created"], string(r.Body))
				require.Equal(t, float64(1), counts(r)["invalid"])
				skipped := notes(t, r, "skipped")
				require.Contains(t, skipped, bad.ID, string(r.Body))
				require.NotEmpty(t, skipped[bad.ID][0], "the reason is given")
				require.NotContains(t, string(r.Body), "Lager", "the sync view never shows the posting's text")
				require.Equal(t, 3, liveAds(t, s, integ))
				_, err := s.Env.Store.GetAd(context.Background(), integ, bad.ID)
				require.ErrorIs(t, err, store.ErrNotFound, "the bad posting is not stored")

				// A live ad whose posting turns bad is left as it was.
				turned := ps[0]
				before, err := s.Env.Store.GetAd(context.Background(), integ, turned.ID)
				require.NoError(t, err)
				turned.Title = "Kokk\x00"
				feed.Put(turned)
				for poll := range 3 {
					r = syncNow(t, s, integ)
					require.Contains(t, []any{"ok", "not_modified"}, r.JSON["outcome"], "poll %d: %s", poll, r.Body)
					require.Equal(t, float64(0), counts(r)["withdrawn"], "poll %d", poll)
					require.Equal(t, float64(0), counts(r)["held"], "poll %d: a skipped posting is not missing", poll)
					require.Equal(t, float64(2), counts(r)["invalid"], "poll %d: %s", poll, r.Body)
					require.Contains(t, notes(t, r, "skipped"), turned.ID)
					after, err := s.Env.Store.GetAd(context.Background(), integ, turned.ID)
					require.NoError(t, err)
					require.Equal(t, store.AdLive, after.Status, "poll %d: not withdrawn", poll)
					require.Equal(t, before.Revision, after.Revision, "poll %d: not changed", poll)
				}
				require.Equal(t, 3, liveAds(t, s, integ))

				view := s.Do(t, "GET", "/v1/integrations/"+integ+"/sync", nil, apptest.Bearer(apptest.OperatorToken)...)
				require.Equal(t, http.StatusOK, view.Status)
				require.Contains(t, notes(t, view, "skipped"), turned.ID, "GET shows the reasons too")

				turned.Title = "Kokk"
				feed.Put(turned)
				r = syncNow(t, s, integ)
				require.Equal(t, float64(1), counts(r)["updated"], "fixed, the posting is read again: %s", r.Body)
				require.NotContains(t, notes(t, r, "skipped"), turned.ID)
			})
		})
	}
}

// TestFeedDropsBadCodes: a polled posting with a country, a currency and
// an amount out of their ranges is stored without them, with a warning in
// the sync view; the generic API would refuse it (issue 13, break 8).
func TestFeedDropsBadCodes(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		fs, base := feedServer(t)
		feed, settings := polledVendors[0].feed(fs, base)
		feed.Generate(2)
		p := feed.Postings()[0]
		p.Country, p.SalaryCurrency, p.SalaryMin, p.SalaryMax = "XX", "ABC", 400000, 2_000_000_000
		feed.Put(p)
		integ, _ := s.VendorTenant(t, "lever", settings)

		r := syncNow(t, s, integ)
		require.Equal(t, "ok", r.JSON["outcome"], string(r.Body))
		require.Equal(t, float64(2), counts(r)["created"], string(r.Body))
		require.Equal(t, float64(1), counts(r)["warned"])
		warned := notes(t, r, "warnings")
		require.Contains(t, warned, p.ID, string(r.Body))
		require.Subset(t, warned[p.ID], []string{"salary.max:out_of_range", "salary.currency:invalid_code"}, fmt.Sprint(warned))
		rec, err := s.Env.Store.GetAd(context.Background(), integ, p.ID)
		require.NoError(t, err)
		var stored map[string]any
		require.NoError(t, json.Unmarshal(rec.Content, &stored))
		require.Equal(t, map[string]any{"min": float64(400000), "period": "year"}, stored["salary"], "only the bad parts are dropped")
		for _, l := range stored["locations"].([]any) {
			require.Nil(t, l.(map[string]any)["country"])
		}
	})
}

// TestUnreadableReferenceHoldsWithdrawals: a posting whose id cannot be
// read (a NUL in it) may be any ad the feed no longer lists under its old
// id, so while the feed has one no missing posting is withdrawn; once the
// feed is clean again, the missing one is (issue 13, break 5).
func TestUnreadableReferenceHoldsWithdrawals(t *testing.T) {
	for _, v := range []polledVendor{polledVendors[2], polledVendors[3]} {
		t.Run(v.name, func(t *testing.T) {
			apptest.Each(t, func(t *testing.T, m apptest.Mode) {
				s := apptest.Start(t, apptest.Config(t, m), app.Options{})
				fs, base := feedServer(t)
				feed, settings := v.feed(fs, base)
				feed.Generate(4)
				integ, _ := s.VendorTenant(t, v.vendor, settings)
				r := syncNow(t, s, integ)
				require.Equal(t, float64(4), counts(r)["created"], string(r.Body))

				gone := feed.Postings()[0]
				require.True(t, feed.Remove(gone.ID))
				renamed := gone
				renamed.ID = gone.ID + "\x00"
				feed.Put(renamed)
				for poll := range 2 {
					r = syncNow(t, s, integ)
					require.Equal(t, "ok", r.JSON["outcome"], string(r.Body))
					require.Equal(t, float64(1), counts(r)["invalid"], "poll %d: %s", poll, r.Body)
					require.Equal(t, float64(0), counts(r)["withdrawn"], "poll %d: nothing is withdrawn while an id cannot be read", poll)
					require.Equal(t, float64(1), counts(r)["held"], "poll %d", poll)
					require.Equal(t, 4, liveAds(t, s, integ), "poll %d", poll)
				}
				require.True(t, feed.Remove(renamed.ID))
				r = syncNow(t, s, integ)
				require.Equal(t, float64(1), counts(r)["withdrawn"], "a clean feed withdraws the missing posting: %s", r.Body)
				require.Equal(t, 3, liveAds(t, s, integ))
			})
		})
	}
}
