package app_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/identity"
)

// navFigures is channels.nav of the ad's stats, nil while absent.
func navFigures(t *testing.T, s *apptest.Server, key, ref string) map[string]any {
	r := s.Do(t, http.MethodGet, "/v1/ads/"+ref+"/stats", nil, apptest.Bearer(key)...)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	chs, _ := r.JSON["channels"].(map[string]any)
	nav, _ := chs["nav"].(map[string]any)
	return nav
}

// TestNAVStatsBesideOurs publishes an ad to NAV (vendorsim), lets NAV count
// page views and apply-link clicks, and reads them back from GET
// /v1/ads/{reference}/stats labelled as NAV's, through the worker's
// periodic fetch of NAV's statistics endpoint; a later total replaces the
// earlier one (re-fetched windows never add up); the portal and the
// console show them.
func TestNAVStatsBesideOurs(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		nav := navServer(t, &cfg)
		s := apptest.Start(t, cfg, app.Options{ChannelStatsInterval: 100 * time.Millisecond})
		integrationID, key := s.VendorTenant(t, "generic", map[string]string{"channels": "nav"})

		r := s.Do(t, "PUT", "/v1/ads/nav-stats-1", navAd("Lagermedarbeider"), apptest.Bearer(key)...)
		require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
		id := r.JSON["id"].(string)
		apptest.Eventually(t, func() bool { return channelState(t, s, key, "nav-stats-1", "nav")["reference"] == id }, "NAV's receipt is recorded")
		require.Nil(t, navFigures(t, s, key, "nav-stats-1"), "no channels before NAV reported anything")

		// NAV's reference for the ad is jobgate's ad id (nav.Reference).
		nav.SetPuls(id, "pageviews", 44, time.Now())
		nav.SetPuls(id, "applicationurlclicks", 3, time.Now())
		nav.SetPuls("someone-elses", "pageviews", 9, time.Now())
		apptest.Eventually(t, func() bool { f := navFigures(t, s, key, "nav-stats-1"); return f != nil && f["pageviews"] == 44.0 },
			"NAV's page views are fetched and shown")
		f := navFigures(t, s, key, "nav-stats-1")
		require.Equal(t, "NAV arbeidsplassen (reported by NAV)", f["label"])
		require.Equal(t, 3.0, f["applicationurlclicks"])
		require.NotEmpty(t, f["fetched_at"])

		nav.SetPuls(id, "pageviews", 50, time.Now().Add(time.Second))
		apptest.Eventually(t, func() bool { return navFigures(t, s, key, "nav-stats-1")["pageviews"] == 50.0 },
			"a newer total replaces the stored one")
		// Many fetches of the same window later, the totals are NAV's, not sums.
		time.Sleep(300 * time.Millisecond)
		f = navFigures(t, s, key, "nav-stats-1")
		require.Equal(t, 50.0, f["pageviews"])
		require.Equal(t, 3.0, f["applicationurlclicks"])

		// The answer with NAV's figures is what openapi.json says it is.
		rec := &recorder{base: &http.Transport{}}
		client := &http.Client{Transport: rec}
		t.Cleanup(client.CloseIdleConnections)
		require.Equal(t, http.StatusOK, s.DoWith(t, client, http.MethodGet, "/v1/ads/nav-stats-1/stats", nil, apptest.Bearer(key)...).Status)
		_, router := trafficDoc(t, s.URL)
		require.Len(t, rec.log, 1)
		reqErr, respErr := validate(router, rec.log[0])
		require.NoError(t, reqErr)
		require.NoError(t, respErr, "%s", rec.log[0].body)
		bad := rec.log[0]
		bad.body = []byte(strings.Replace(string(bad.body), `"pageviews":50`, `"pageviews":"50"`, 1))
		_, respErr = validate(router, bad)
		require.Error(t, respErr, "the schema has teeth: a count must be a number")

		in, err := s.Env.Store.GetIntegration(context.Background(), integrationID)
		require.NoError(t, err)
		createUser(t, s, in.AccountID, "admin@eksempel.no", identity.RoleAdmin)
		admin := newPerson(t, s).mustLogin(t, "admin@eksempel.no", portalPassword)
		p := admin.do(t, http.MethodGet, "/portal/ads/"+id, nil, "Accept-Language", "en")
		require.Equal(t, http.StatusOK, p.Status, p.text())
		require.Contains(t, p.text(), `<th scope="row">From NAV (arbeidsplassen, NAV&#39;s figures)</th><td>50</td><td>3</td>`)
		o := newOperator(t, s, "ops@jobgate.example").do(t, http.MethodGet, "/ops/ads/"+id, nil)
		require.Equal(t, http.StatusOK, o.Status, o.text())
		require.Contains(t, o.text(), `<th scope="row">NAV arbeidsplassen (reported by NAV)</th><td class="num">50</td><td class="num">3</td>`)
	})
}
