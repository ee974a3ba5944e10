package app_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/identity"
)

// traffic sends the requests TestOpenAPIRecordedTraffic validates: each
// method a part of the API, in an order where the later parts use what
// the earlier made (the jobs, the application).
type traffic struct {
	t    *testing.T
	s    *apptest.Server
	rec  *recorder
	do   func(method, path string, body any, headers ...string) apptest.Response
	fs   *sim.Feeds
	ats  *sim.ATS
	base string
	// auth is the redirect tenant's key header; direct the direct-apply
	// tenant's key.
	auth, direct                    []string
	genericID                       string
	redirectJob, goneJob, directJob string
	statusURL, appID                string
	missing                         candidate
}

// driveTraffic sends every part's requests.
func driveTraffic(t *testing.T, s *apptest.Server, rec *recorder, do func(method, path string, body any, headers ...string) apptest.Response) {
	tr := &traffic{t: t, s: s, rec: rec, do: do}
	tr.fs, tr.ats, tr.base = vendorHost(t)
	tr.direct = apptest.Bearer(webhookTenant(t, s, tr.ats, tr.base, "traffic"))
	var key string
	tr.genericID, key = s.Tenant(t)
	tr.auth = apptest.Bearer(key)
	for _, p := range []string{"/healthz", "/readyz", "/metrics", "/openapi.json"} {
		require.Equal(t, http.StatusOK, do(http.MethodGet, p, nil).Status, p)
	}
	tr.ads()
	tr.board()
	tr.applyAPI()
	tr.applyPage()
	tr.sync()
	tr.portal()
}

// ads sends the ad API: pushes, reads and deletes, good and bad.
func (tr *traffic) ads() {
	t, s, do, rec := tr.t, tr.s, tr.do, tr.rec
	r := do(http.MethodPut, "/v1/ads/ref-1", apptest.Ad("Lager"), tr.auth...)
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	tr.redirectJob = r.JSON["id"].(string)
	require.Equal(t, http.StatusOK, do(http.MethodPut, "/v1/ads/ref-1", apptest.Ad("Lager"), tr.auth...).Status)
	require.Equal(t, http.StatusOK, do(http.MethodGet, "/v1/ads/ref-1", nil, tr.auth...).Status)
	require.Equal(t, http.StatusNotFound, do(http.MethodGet, "/v1/ads/missing", nil, tr.auth...).Status)
	require.Equal(t, http.StatusNotFound, do(http.MethodDelete, "/v1/ads/missing", nil, tr.auth...).Status)
	require.Equal(t, http.StatusUnauthorized, do(http.MethodGet, "/v1/ads/ref-1", nil).Status)
	require.Equal(t, http.StatusUnauthorized, do(http.MethodPut, "/v1/ads/ref-1", apptest.Ad("Lager"), apptest.Bearer("jg_key_nope_nope")...).Status)
	unknown := apptest.Ad("Lager")
	unknown["salary_text"] = "good"
	rec.bad(func() {
		require.Equal(t, http.StatusBadRequest, do(http.MethodPut, "/v1/ads/ref-2", []byte(`{"title":`), append(tr.auth, "Content-Type", "application/json")...).Status)
		require.Equal(t, http.StatusBadRequest, do(http.MethodPut, "/v1/ads/ref-2", unknown, tr.auth...).Status)
		require.Equal(t, http.StatusUnprocessableEntity, do(http.MethodPut, "/v1/ads/ref-2", map[string]any{"title": "", "description": "x", "employer": map[string]any{"name": "E"}}, tr.auth...).Status)
		require.Equal(t, http.StatusUnsupportedMediaType, do(http.MethodPut, "/v1/ads/ref-2", []byte(`title=x`), append(tr.auth, "Content-Type", "text/plain")...).Status)
		require.Equal(t, http.StatusBadRequest, do(http.MethodGet, "/v1/ads/"+strings.Repeat("r", 201), nil, tr.auth...).Status)
	})
	r = do(http.MethodPut, "/v1/ads/gone-1", apptest.Ad("Borte"), tr.auth...)
	tr.goneJob = r.JSON["id"].(string)
	r = do(http.MethodPut, "/v1/ads/direct-1", apptest.Ad("Direkte"), tr.direct...)
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	tr.directJob = r.JSON["id"].(string)
	apptest.Eventually(t, func() bool { return len(boardTitles(t, s, "")) == 3 }, "the board lists the ads")
	require.Equal(t, http.StatusOK, do(http.MethodDelete, "/v1/ads/gone-1", nil, tr.auth...).Status)
	require.Equal(t, http.StatusOK, do(http.MethodGet, "/v1/ads/ref-1/stats", nil, tr.auth...).Status)
	require.Equal(t, http.StatusOK, do(http.MethodGet, "/v1/ads/ref-1/stats?from=2026-01-01&to=2026-12-31", nil, tr.auth...).Status)
	require.Equal(t, http.StatusNotFound, do(http.MethodGet, "/v1/ads/direct-1/stats", nil, tr.auth...).Status, "another integration's ad")
	require.Equal(t, http.StatusNotFound, do(http.MethodGet, "/v1/ads/missing/stats", nil, tr.auth...).Status)
}

// board sends the listing, the feed, the job and its page.
func (tr *traffic) board() {
	t, do, rec := tr.t, tr.do, tr.rec
	for _, q := range []string{"", "?q=lager&place=oslo&category=x&employment_type=permanent&extent=full_time&remote=none&sort=deadline&limit=5", "?limit=1"} {
		require.Equal(t, http.StatusOK, do(http.MethodGet, "/v1/jobs"+q, nil).Status)
		require.Equal(t, http.StatusOK, do(http.MethodGet, "/feed.rss"+q, nil).Status)
	}
	require.Equal(t, http.StatusOK, do(http.MethodGet, "/feed.xml", nil).Status)
	rec.bad(func() {
		for _, q := range []string{"?sort=oldest", "?remote=sometimes&extent=full", "?limit=0", "?place=" + strings.Repeat("x", 201)} {
			require.Equal(t, http.StatusBadRequest, do(http.MethodGet, "/v1/jobs"+q, nil).Status)
			require.Equal(t, http.StatusBadRequest, do(http.MethodGet, "/feed.rss"+q, nil).Status)
		}
	})
	require.Equal(t, http.StatusBadRequest, do(http.MethodGet, "/v1/jobs?cursor=nonsense", nil).Status)
	require.Equal(t, http.StatusOK, do(http.MethodGet, "/v1/jobs/"+tr.redirectJob, nil).Status)
	require.Equal(t, http.StatusNotFound, do(http.MethodGet, "/v1/jobs/job_missing", nil).Status)
	require.Equal(t, http.StatusOK, do(http.MethodGet, "/jobs/"+tr.directJob, nil).Status)
	require.Equal(t, http.StatusOK, do(http.MethodGet, "/jobs/"+tr.redirectJob, nil).Status)
	require.Equal(t, http.StatusNotFound, do(http.MethodGet, "/jobs/job_missing", nil).Status)
	require.Equal(t, http.StatusGone, do(http.MethodGet, "/jobs/"+tr.goneJob, nil).Status)
	require.Equal(t, http.StatusNoContent, do(http.MethodPost, "/jobs/"+tr.directJob+"/start?src=nav", nil).Status)
	require.Equal(t, http.StatusNotFound, do(http.MethodPost, "/jobs/job_missing/start", nil).Status)
}

// applyAPI sends the application form and submissions through the API.
func (tr *traffic) applyAPI() {
	t, s, do, rec := tr.t, tr.s, tr.do, tr.rec
	var r apptest.Response
	require.Equal(t, http.StatusOK, do(http.MethodGet, "/v1/jobs/"+tr.directJob+"/application-form", nil).Status)
	do(http.MethodGet, "/v1/jobs/"+tr.redirectJob+"/application-form", nil)
	require.Equal(t, http.StatusNotFound, do(http.MethodGet, "/v1/jobs/job_missing/application-form", nil).Status)
	do(http.MethodGet, "/v1/jobs/"+tr.goneJob+"/application-form", nil)
	body, ctype := kari().body(t)
	r = do(http.MethodPost, "/v1/jobs/"+tr.directJob+"/applications", body, "Content-Type", ctype, "Idempotency-Key", "traffic-1")
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
	tr.statusURL, tr.appID = r.JSON["status_url"].(string), r.JSON["id"].(string)
	require.Equal(t, http.StatusAccepted, do(http.MethodPost, "/v1/jobs/"+tr.directJob+"/applications", body, "Content-Type", ctype, "Idempotency-Key", "traffic-1").Status)
	require.Equal(t, http.StatusOK, do(http.MethodPost, "/v1/jobs/"+tr.directJob+"/applications", body, "Content-Type", ctype).Status, "a duplicate")
	require.Equal(t, http.StatusConflict, do(http.MethodPost, "/v1/jobs/"+tr.redirectJob+"/applications", body, "Content-Type", ctype).Status)
	require.Equal(t, http.StatusNotFound, do(http.MethodPost, "/v1/jobs/job_missing/applications", body, "Content-Type", ctype).Status)
	// Which fields a job requires is its form's business, not the
	// document's: this request is valid by the document.
	tr.missing = kari()
	delete(tr.missing.fields, "email")
	mb, mct := tr.missing.body(t)
	require.Equal(t, http.StatusUnprocessableEntity, do(http.MethodPost, "/v1/jobs/"+tr.directJob+"/applications", mb, "Content-Type", mct).Status)
	rec.bad(func() {
		require.Equal(t, http.StatusUnsupportedMediaType, do(http.MethodPost, "/v1/jobs/"+tr.directJob+"/applications", []byte(`{}`), "Content-Type", "application/json").Status)
	})
	require.Equal(t, http.StatusOK, do(http.MethodGet, tr.statusURL[len(s.URL):], nil).Status)
	require.Equal(t, http.StatusNotFound, do(http.MethodGet, "/v1/applications/"+tr.appID+"?token=wrong", nil).Status)
	require.Equal(t, http.StatusNotFound, do(http.MethodDelete, "/v1/applications/"+tr.appID+"?token=wrong", nil).Status)
}

// applyPage sends applying and erasing through the job page.
func (tr *traffic) applyPage() {
	t, s, do, rec := tr.t, tr.s, tr.do, tr.rec
	var r apptest.Response
	form := url.Values{"first_name": {"Ola"}, "last_name": {"Nordmann"}, "email": {"ola@example.no"}, "consents[privacy_policy]": {"true"}}
	rec.bad(func() {
		r = do(http.MethodPost, "/jobs/"+tr.directJob+"/apply?k=k0123456789abcdefgh", []byte(form.Encode()), "Content-Type", "application/x-www-form-urlencoded")
		require.Equal(t, http.StatusUnsupportedMediaType, r.Status, string(r.Body))
	})
	missingPage, mpt := tr.missing.body(t)
	r = do(http.MethodPost, "/jobs/"+tr.directJob+"/apply?k=k0123456789abcdefgy", missingPage, "Content-Type", mpt)
	require.Equal(t, http.StatusUnprocessableEntity, r.Status, string(r.Body))
	pb, pct := kari().body(t)
	r = do(http.MethodPost, "/jobs/"+tr.directJob+"/apply?k=k0123456789abcdefgz", pb, "Content-Type", pct)
	require.Equal(t, http.StatusSeeOther, r.Status, string(r.Body))
	applied := r.Header.Get("Location")
	require.Equal(t, http.StatusOK, do(http.MethodGet, applied, nil).Status)
	require.Equal(t, http.StatusNotFound, do(http.MethodGet, "/jobs/"+tr.directJob+"/applied/app_missing?token=x", nil).Status)
	formHeader := []string{"Content-Type", "application/x-www-form-urlencoded"}
	require.Equal(t, http.StatusNotFound, do(http.MethodPost, "/jobs/"+tr.directJob+"/applied/app_missing/erase", []byte("token=x"), formHeader...).Status)
	loc, err := url.Parse(applied)
	require.NoError(t, err)
	erase := loc.Path + "/erase"
	token := url.Values{"token": {loc.Query().Get("token")}}
	require.Equal(t, http.StatusOK, do(http.MethodPost, erase, []byte(token.Encode()), formHeader...).Status, "asks to confirm")
	token.Set("confirm", "yes")
	require.Equal(t, http.StatusOK, do(http.MethodPost, erase, []byte(token.Encode()), formHeader...).Status, "erased")
	require.Contains(t, []int{http.StatusOK, http.StatusServiceUnavailable}, do(http.MethodDelete, tr.statusURL[len(s.URL):], nil).Status)
}

// sync sends a polled feed's sync view.
func (tr *traffic) sync() {
	t, s, do := tr.t, tr.s, tr.do
	tr.fs.Jobylon("tr4ff1c").Generate(1)
	polled, _ := s.VendorTenant(t, "jobylon", map[string]string{"feed_url": sim.JobylonJSONURL(tr.base, "tr4ff1c"),
		"app_id": "board-app", "app_key": "jobylon-app-key", "push_url": tr.base})
	op := apptest.Bearer(apptest.OperatorToken)
	require.Equal(t, http.StatusOK, do(http.MethodPost, "/v1/integrations/"+polled+"/sync", nil, op...).Status)
	require.Equal(t, http.StatusOK, do(http.MethodGet, "/v1/integrations/"+polled+"/sync", nil, op...).Status)
	require.Equal(t, http.StatusNotFound, do(http.MethodGet, "/v1/integrations/"+tr.genericID+"/sync", nil, tr.auth...).Status, "not_polled")
	require.Equal(t, http.StatusNotFound, do(http.MethodPost, "/v1/integrations/int_missing/sync", nil, op...).Status)
	require.Equal(t, http.StatusUnauthorized, do(http.MethodGet, "/v1/integrations/"+polled+"/sync", nil).Status)
}

// portal sends the portal's JSON, signed out and in.
func (tr *traffic) portal() {
	t, s, do, rec := tr.t, tr.s, tr.do, tr.rec
	require.Equal(t, http.StatusUnauthorized, do(http.MethodGet, "/v1/portal/session", nil).Status)
	require.Equal(t, http.StatusUnauthorized, do(http.MethodGet, "/v1/portal/ads", nil).Status)
	in, err := s.Env.Store.GetIntegration(context.Background(), tr.genericID)
	require.NoError(t, err)
	createUser(t, s, in.AccountID, "admin@traffic.example", identity.RoleAdmin)
	p := newPerson(t, s)
	p.c.Transport = rec
	p.mustLogin(t, "admin@traffic.example", portalPassword)
	for _, path := range []string{"/v1/portal/session", "/v1/portal/ads", "/v1/portal/applications", "/v1/portal/account", "/v1/portal/users", "/v1/portal/integrations"} {
		require.Equal(t, http.StatusOK, p.do(t, http.MethodGet, path, nil).Status, path)
	}
	require.Equal(t, http.StatusNotFound, p.do(t, http.MethodGet, "/v1/portal/applications/app_missing", nil).Status)
}
