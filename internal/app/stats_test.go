package app_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/identity"
)

// visit gets the job page as a browser would, with a Referer and a
// User-Agent when given, and returns it.
func visit(t *testing.T, url, referer, userAgent string) page {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	if referer != "" {
		req.Header.Set("Referer", referer)
	}
	if userAgent != "" {
		req.Header.Set("User-Agent", userAgent)
	}
	return fetch(t, req)
}

const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"

// TestAdStatsBySource views a job from NAV (by its Referer), FINN (by
// utm_source), the board and other sites, starts and sends an application
// from the NAV view and one through the API from FINN, lets them be
// delivered, and reads the split from GET /v1/ads/{reference}/stats;
// a robot's flood of views and odd referrers change nothing they must
// not, and another integration's key sees no such ad.
func TestAdStatsBySource(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		ats, atsURL := atsServer(t)
		key := webhookTenant(t, s, ats, atsURL, "acme")
		jobID := putJob(t, s, key, "ref-1")
		jobPage(t, s, jobID) // one direct view (no Referer)
		jobURL := s.URL + "/jobs/" + jobID

		navView := visit(t, jobURL, "https://arbeidsplassen.nav.no/stillinger/stilling/4c1d", firefox)
		require.Equal(t, http.StatusOK, navView.status)
		action := formAction(t, navView)
		require.Contains(t, action, "&src=nav", "the form carries the view's source")
		require.Equal(t, http.StatusOK, visit(t, jobURL+"?utm_source=finn&utm_medium=jobgate", "", firefox).status)
		require.Equal(t, http.StatusOK, visit(t, jobURL, s.URL+"/", firefox).status)
		require.Equal(t, http.StatusOK, visit(t, jobURL, "https://www.LinkedIn.com/feed/", firefox).status)
		odd := "https://" + strings.Repeat("é<x>", 2000) + ".example/"
		require.Equal(t, http.StatusOK, visit(t, jobURL+"?utm_source="+strings.Repeat("%3Cscript%3E", 500), odd, firefox).status)
		for range 40 {
			require.Equal(t, http.StatusOK, visit(t, jobURL, "https://arbeidsplassen.nav.no/", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)").status)
		}

		start, err := http.NewRequest(http.MethodPost, s.URL+strings.Replace(action, "/apply?", "/start?", 1), nil)
		require.NoError(t, err)
		start.Header.Set("User-Agent", firefox)
		require.Equal(t, http.StatusNoContent, fetch(t, start).status, "the form's beacon")
		require.Equal(t, http.StatusSeeOther, submitForm(t, s, action, browserKari()).status)

		r := s.Do(t, http.MethodGet, "/v1/jobs/"+jobID+"/application-form?utm_source=finn", nil)
		require.Equal(t, http.StatusOK, r.Status)
		body, ctype := kari().body(t)
		r = s.Do(t, http.MethodPost, "/v1/jobs/"+jobID+"/applications?utm_source=finn", body, "Content-Type", ctype)
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))

		var st map[string]any
		apptest.Eventually(t, func() bool {
			r := s.Do(t, http.MethodGet, "/v1/ads/ref-1/stats", nil, apptest.Bearer(key)...)
			require.Equal(t, http.StatusOK, r.Status, string(r.Body))
			st = r.JSON
			return statsPart(st, "totals")["delivered"] == 2.0
		}, "both applications are delivered and counted")
		require.Equal(t, map[string]any{"views": 6.0, "apply_starts": 2.0, "applications": 2.0, "delivered": 2.0, "conversion": 0.3333}, statsPart(st, "totals"))
		require.Equal(t, map[string]any{"views": 1.0, "apply_starts": 1.0, "applications": 1.0, "delivered": 1.0, "conversion": 1.0}, bySource(st, "nav"), "the robot's 40 views are not counted")
		require.Equal(t, map[string]any{"views": 1.0, "apply_starts": 1.0, "applications": 1.0, "delivered": 1.0, "conversion": 1.0}, bySource(st, "finn"))
		require.Equal(t, map[string]any{"views": 1.0, "apply_starts": 0.0, "applications": 0.0, "delivered": 0.0, "conversion": 0.0}, bySource(st, "board"))
		require.Equal(t, 1.0, bySource(st, "direct")["views"])
		require.Equal(t, 2.0, bySource(st, "other")["views"], "LinkedIn, and the odd referrer (the utm value was dropped)")
		sites := st["other_sites"].([]any)
		require.Len(t, sites, 1, "the odd referrer has no site to name")
		require.Equal(t, "linkedin.com", sites[0].(map[string]any)["site"])
		require.Equal(t, "ref-1", st["reference"])

		_, otherKey := s.Tenant(t)
		r = s.Do(t, http.MethodGet, "/v1/ads/ref-1/stats", nil, apptest.Bearer(otherKey)...)
		require.Equal(t, http.StatusNotFound, r.Status)
		require.Equal(t, "not_found", r.JSON["error"].(map[string]any)["code"])
		r = s.Do(t, http.MethodGet, "/v1/ads/ref-1/stats?from=2026-13-01", nil, apptest.Bearer(key)...)
		require.Equal(t, http.StatusBadRequest, r.Status)

		metrics := string(s.Do(t, http.MethodGet, "/metrics", nil).Body)
		require.Contains(t, metrics, `jobgate_job_page_views_total{source="nav"} 1`)
		require.Contains(t, metrics, `jobgate_stats_skipped_total{reason="bot"} 40`)
		require.Contains(t, metrics, `jobgate_applications_delivered_total{source="finn"} 1`)
		require.NotContains(t, metrics, "linkedin", "a site is never a label")
	})
}

func statsPart(st map[string]any, key string) map[string]any { return st[key].(map[string]any) }

func bySource(st map[string]any, class string) map[string]any {
	return statsPart(st, "sources")[class].(map[string]any)
}

// TestAdStatsInPortalAndConsole shows an ad's split by source on its
// employer portal page and its console page, with the conversion.
func TestAdStatsInPortalAndConsole(t *testing.T) {
	s := apptest.Start(t, apptest.Config(t, apptest.Modes()[0]), app.Options{})
	integrationID, key := s.Tenant(t)
	jobID := putJob(t, s, key, "ref-1")
	jobPage(t, s, jobID)
	require.Equal(t, http.StatusOK, visit(t, s.URL+"/jobs/"+jobID, "https://arbeidsplassen.nav.no/stillinger", firefox).status)
	require.Equal(t, http.StatusOK, visit(t, s.URL+"/jobs/"+jobID+"?utm_source=finn", "", firefox).status)
	require.Equal(t, http.StatusNotFound, s.Do(t, http.MethodPost, "/jobs/job_missing/start?src=nav", nil).Status, "no start for no job")
	require.Equal(t, http.StatusOK, s.Do(t, http.MethodGet, "/v1/ads/ref-1/stats", nil, apptest.Bearer(key)...).Status, "written")

	in, err := s.Env.Store.GetIntegration(context.Background(), integrationID)
	require.NoError(t, err)
	createUser(t, s, in.AccountID, "admin@eksempel.no", identity.RoleAdmin)
	admin := newPerson(t, s).mustLogin(t, "admin@eksempel.no", portalPassword)
	p := admin.do(t, http.MethodGet, "/portal/ads/"+jobID, nil, "Accept-Language", "en")
	require.Equal(t, http.StatusOK, p.Status, p.text())
	for _, want := range []string{"Where applicants come from", `<th scope="row">NAV (arbeidsplassen.nav.no)</th><td>1</td><td>0</td><td>0</td><td>0</td><td>0.0 %</td>`,
		`<th scope="row">FINN</th><td>1</td>`, `<th scope="row">Other sites</th><td>0</td><td>0</td><td>0</td><td>0</td><td>–</td>`,
		`<th scope="row">Total</th><td>3</td>`} {
		require.Contains(t, p.text(), want)
	}

	op := newOperator(t, s, "ops@jobgate.example")
	o := op.do(t, http.MethodGet, "/ops/ads/"+jobID, nil)
	require.Equal(t, http.StatusOK, o.Status, o.text())
	require.Contains(t, o.text(), `<th scope="row">nav</th><td class="num">1</td>`)
	require.Contains(t, o.text(), `<th scope="row">direct</th><td class="num">1</td>`)
}
