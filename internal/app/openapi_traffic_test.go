package app_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/httpapi"
	"github.com/jobgate/jobgate/internal/identity"
)

// The job page, its errors and the feed are text: kin-openapi reads them
// as strings (the document's schema for them).
func init() {
	openapi3filter.RegisterBodyDecoder("text/html", openapi3filter.FileBodyDecoder)
	openapi3filter.RegisterBodyDecoder("application/rss+xml", openapi3filter.FileBodyDecoder)
}

// exchange is one recorded request and its answer.
type exchange struct {
	method, url string
	reqHeader   http.Header
	reqBody     []byte
	status      int
	header      http.Header
	body        []byte
	// invalid marks a request the document itself calls invalid (a value
	// outside an enum, a missing required part): its request validation
	// must fail, its answer validate all the same.
	invalid bool
}

// recorder is a RoundTripper that records every exchange.
type recorder struct {
	base    http.RoundTripper
	mu      sync.Mutex
	log     []exchange
	invalid bool
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		var err error
		if body, err = io.ReadAll(req.Body); err != nil {
			return nil, err
		}
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	resp, err := r.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(out))
	r.mu.Lock()
	defer r.mu.Unlock()
	r.log = append(r.log, exchange{method: req.Method, url: req.URL.String(), reqHeader: req.Header.Clone(), reqBody: body,
		status: resp.StatusCode, header: resp.Header.Clone(), body: out, invalid: r.invalid})
	return resp, nil
}

// bad records the requests fn sends as ones the document calls invalid.
func (r *recorder) bad(fn func()) {
	r.mu.Lock()
	r.invalid = true
	r.mu.Unlock()
	fn()
	r.mu.Lock()
	r.invalid = false
	r.mu.Unlock()
}

// trafficDoc is the served OpenAPI document, with the test server as its
// server.
func trafficDoc(t *testing.T, base string) (*openapi3.T, routers.Router) {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(httpapi.OpenAPI)
	require.NoError(t, err)
	doc.Servers = openapi3.Servers{{URL: base}}
	router, err := legacy.NewRouter(doc)
	require.NoError(t, err)
	return doc, router
}

// validate checks one exchange against the document: the request (valid,
// or invalid as marked) and the answer's status, content type, headers
// and body.
func validate(router routers.Router, ex exchange) (reqErr, respErr error) {
	req, err := http.NewRequest(ex.method, ex.url, bytes.NewReader(ex.reqBody))
	if err != nil {
		return err, err
	}
	req.Header = ex.reqHeader.Clone()
	route, params, err := router.FindRoute(req)
	if err != nil {
		return err, err
	}
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true, MultiError: true}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	reqErr = openapi3filter.ValidateRequest(context.Background(), in)
	// The request's body was read by the request's validation.
	req.Body = io.NopCloser(bytes.NewReader(ex.reqBody))
	respErr = openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{RequestValidationInput: in,
		Status: ex.status, Header: ex.header, Body: io.NopCloser(bytes.NewReader(ex.body)), Options: opts})
	return reqErr, respErr
}

// TestOpenAPIRecordedTraffic drives success and error answers of every
// documented path through a whole jobgate, records each exchange and
// validates it against openapi.json with kin-openapi: an answer whose
// status, content type or body the document does not describe fails.
func TestOpenAPIRecordedTraffic(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		rec := &recorder{base: &http.Transport{}}
		client := &http.Client{Transport: rec, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		t.Cleanup(client.CloseIdleConnections)
		do := func(method, path string, body any, headers ...string) apptest.Response {
			return s.DoWith(t, client, method, path, body, headers...)
		}
		driveTraffic(t, s, rec, do)

		_, router := trafficDoc(t, s.URL)
		seen := map[string]bool{}
		for _, ex := range rec.log {
			if strings.Contains(ex.url, "/portal/login") {
				continue // the portal's HTML sign-in, not public API
			}
			reqErr, respErr := validate(router, ex)
			what := ex.method + " " + ex.url + " → " + http.StatusText(ex.status) + " " + ex.header.Get("Content-Type")
			if ex.invalid {
				require.Error(t, reqErr, "the document calls %s invalid", what)
			} else {
				require.NoError(t, reqErr, "request %s", what)
			}
			require.NoError(t, respErr, "answer of %s:\n%.600s", what, ex.body)
			u, _ := url.Parse(ex.url)
			route, _, _ := router.FindRoute(&http.Request{Method: ex.method, URL: u})
			seen[ex.method+" "+route.Path] = true
		}
		// Every documented operation but the portal's (tested below in
		// part) was driven.
		doc, _ := trafficDoc(t, s.URL)
		for path, item := range doc.Paths.Map() {
			for method := range item.Operations() {
				if strings.HasPrefix(path, "/v1/portal/") && !seen[method+" "+path] {
					continue
				}
				require.True(t, seen[method+" "+path], "the traffic covers %s %s", method, path)
			}
		}
		t.Logf("%d exchanges validated", len(rec.log))

		// The check has teeth: an answer unlike the document fails.
		var page exchange
		for _, ex := range rec.log {
			if ex.status == http.StatusGone && strings.Contains(ex.url, "/jobs/job_") && !strings.Contains(ex.url, "/v1/") {
				page = ex
			}
		}
		require.NotZero(t, page.status, "a 410 job page was recorded")
		for name, mutate := range map[string]func(ex *exchange){
			"JSON instead of HTML": func(ex *exchange) {
				ex.header = ex.header.Clone()
				ex.header.Set("Content-Type", "application/json")
				ex.body = []byte(`{"error":{"code":"job_closed","message":"closed"}}`)
			},
			"an undocumented status": func(ex *exchange) { ex.status = http.StatusTeapot },
		} {
			bad := page
			mutate(&bad)
			_, err := validate(router, bad)
			require.Error(t, err, "validation catches %s", name)
		}
		var list exchange
		for _, ex := range rec.log {
			if ex.status == http.StatusOK && strings.HasSuffix(ex.url, "/v1/jobs") {
				list = ex
			}
		}
		list.body = []byte(`{"jobs":[{"id":1}],"next_cursor":""}`)
		_, err := validate(router, list)
		require.Error(t, err, "validation catches a body unlike its schema")
	})
}

// driveTraffic sends the requests the test validates.
func driveTraffic(t *testing.T, s *apptest.Server, rec *recorder, do func(method, path string, body any, headers ...string) apptest.Response) {
	fs, ats, base := vendorHost(t)
	direct := webhookTenant(t, s, ats, base, "traffic")
	genericID, redirect := s.Tenant(t)
	auth := apptest.Bearer(redirect)

	for _, p := range []string{"/healthz", "/readyz", "/metrics", "/openapi.json"} {
		require.Equal(t, http.StatusOK, do(http.MethodGet, p, nil).Status, p)
	}

	// The ad API.
	r := do(http.MethodPut, "/v1/ads/ref-1", apptest.Ad("Lager"), auth...)
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	redirectJob := r.JSON["id"].(string)
	require.Equal(t, http.StatusOK, do(http.MethodPut, "/v1/ads/ref-1", apptest.Ad("Lager"), auth...).Status)
	require.Equal(t, http.StatusOK, do(http.MethodGet, "/v1/ads/ref-1", nil, auth...).Status)
	require.Equal(t, http.StatusNotFound, do(http.MethodGet, "/v1/ads/missing", nil, auth...).Status)
	require.Equal(t, http.StatusNotFound, do(http.MethodDelete, "/v1/ads/missing", nil, auth...).Status)
	require.Equal(t, http.StatusUnauthorized, do(http.MethodGet, "/v1/ads/ref-1", nil).Status)
	require.Equal(t, http.StatusUnauthorized, do(http.MethodPut, "/v1/ads/ref-1", apptest.Ad("Lager"), apptest.Bearer("jg_key_nope_nope")...).Status)
	unknown := apptest.Ad("Lager")
	unknown["salary_text"] = "good"
	rec.bad(func() {
		require.Equal(t, http.StatusBadRequest, do(http.MethodPut, "/v1/ads/ref-2", []byte(`{"title":`), append(auth, "Content-Type", "application/json")...).Status)
		require.Equal(t, http.StatusBadRequest, do(http.MethodPut, "/v1/ads/ref-2", unknown, auth...).Status)
		require.Equal(t, http.StatusUnprocessableEntity, do(http.MethodPut, "/v1/ads/ref-2", map[string]any{"title": "", "description": "x", "employer": map[string]any{"name": "E"}}, auth...).Status)
		require.Equal(t, http.StatusUnsupportedMediaType, do(http.MethodPut, "/v1/ads/ref-2", []byte(`title=x`), append(auth, "Content-Type", "text/plain")...).Status)
		require.Equal(t, http.StatusBadRequest, do(http.MethodGet, "/v1/ads/"+strings.Repeat("r", 201), nil, auth...).Status)
	})
	r = do(http.MethodPut, "/v1/ads/gone-1", apptest.Ad("Borte"), auth...)
	goneJob := r.JSON["id"].(string)
	r = do(http.MethodPut, "/v1/ads/direct-1", apptest.Ad("Direkte"), apptest.Bearer(direct)...)
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	directJob := r.JSON["id"].(string)
	apptest.Eventually(t, func() bool { return len(boardTitles(t, s, "")) == 3 }, "the board lists the ads")
	require.Equal(t, http.StatusOK, do(http.MethodDelete, "/v1/ads/gone-1", nil, auth...).Status)

	// The board.
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
	require.Equal(t, http.StatusOK, do(http.MethodGet, "/v1/jobs/"+redirectJob, nil).Status)
	require.Equal(t, http.StatusNotFound, do(http.MethodGet, "/v1/jobs/job_missing", nil).Status)
	require.Equal(t, http.StatusOK, do(http.MethodGet, "/jobs/"+directJob, nil).Status)
	require.Equal(t, http.StatusOK, do(http.MethodGet, "/jobs/"+redirectJob, nil).Status)
	require.Equal(t, http.StatusNotFound, do(http.MethodGet, "/jobs/job_missing", nil).Status)
	require.Equal(t, http.StatusGone, do(http.MethodGet, "/jobs/"+goneJob, nil).Status)

	// Applying through the API.
	require.Equal(t, http.StatusOK, do(http.MethodGet, "/v1/jobs/"+directJob+"/application-form", nil).Status)
	do(http.MethodGet, "/v1/jobs/"+redirectJob+"/application-form", nil)
	require.Equal(t, http.StatusNotFound, do(http.MethodGet, "/v1/jobs/job_missing/application-form", nil).Status)
	do(http.MethodGet, "/v1/jobs/"+goneJob+"/application-form", nil)
	body, ctype := kari().body(t)
	r = do(http.MethodPost, "/v1/jobs/"+directJob+"/applications", body, "Content-Type", ctype, "Idempotency-Key", "traffic-1")
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
	statusURL, appID := r.JSON["status_url"].(string), r.JSON["id"].(string)
	require.Equal(t, http.StatusAccepted, do(http.MethodPost, "/v1/jobs/"+directJob+"/applications", body, "Content-Type", ctype, "Idempotency-Key", "traffic-1").Status)
	require.Equal(t, http.StatusOK, do(http.MethodPost, "/v1/jobs/"+directJob+"/applications", body, "Content-Type", ctype).Status, "a duplicate")
	require.Equal(t, http.StatusConflict, do(http.MethodPost, "/v1/jobs/"+redirectJob+"/applications", body, "Content-Type", ctype).Status)
	require.Equal(t, http.StatusNotFound, do(http.MethodPost, "/v1/jobs/job_missing/applications", body, "Content-Type", ctype).Status)
	// Which fields a job requires is its form's business, not the
	// document's: this request is valid by the document.
	missing := kari()
	delete(missing.fields, "email")
	mb, mct := missing.body(t)
	require.Equal(t, http.StatusUnprocessableEntity, do(http.MethodPost, "/v1/jobs/"+directJob+"/applications", mb, "Content-Type", mct).Status)
	rec.bad(func() {
		require.Equal(t, http.StatusUnsupportedMediaType, do(http.MethodPost, "/v1/jobs/"+directJob+"/applications", []byte(`{}`), "Content-Type", "application/json").Status)
	})
	require.Equal(t, http.StatusOK, do(http.MethodGet, statusURL[len(s.URL):], nil).Status)
	require.Equal(t, http.StatusNotFound, do(http.MethodGet, "/v1/applications/"+appID+"?token=wrong", nil).Status)
	require.Equal(t, http.StatusNotFound, do(http.MethodDelete, "/v1/applications/"+appID+"?token=wrong", nil).Status)

	// Applying through the page.
	form := url.Values{"first_name": {"Ola"}, "last_name": {"Nordmann"}, "email": {"ola@example.no"}, "consents[privacy_policy]": {"true"}}
	rec.bad(func() {
		r = do(http.MethodPost, "/jobs/"+directJob+"/apply?k=k0123456789abcdefgh", []byte(form.Encode()), "Content-Type", "application/x-www-form-urlencoded")
		require.Equal(t, http.StatusUnsupportedMediaType, r.Status, string(r.Body))
	})
	missingPage, mpt := missing.body(t)
	r = do(http.MethodPost, "/jobs/"+directJob+"/apply?k=k0123456789abcdefgy", missingPage, "Content-Type", mpt)
	require.Equal(t, http.StatusUnprocessableEntity, r.Status, string(r.Body))
	pb, pct := kari().body(t)
	r = do(http.MethodPost, "/jobs/"+directJob+"/apply?k=k0123456789abcdefgz", pb, "Content-Type", pct)
	require.Equal(t, http.StatusSeeOther, r.Status, string(r.Body))
	applied := r.Header.Get("Location")
	require.Equal(t, http.StatusOK, do(http.MethodGet, applied, nil).Status)
	require.Equal(t, http.StatusNotFound, do(http.MethodGet, "/jobs/"+directJob+"/applied/app_missing?token=x", nil).Status)
	formHeader := []string{"Content-Type", "application/x-www-form-urlencoded"}
	require.Equal(t, http.StatusNotFound, do(http.MethodPost, "/jobs/"+directJob+"/applied/app_missing/erase", []byte("token=x"), formHeader...).Status)
	loc, err := url.Parse(applied)
	require.NoError(t, err)
	erase := loc.Path + "/erase"
	token := url.Values{"token": {loc.Query().Get("token")}}
	require.Equal(t, http.StatusOK, do(http.MethodPost, erase, []byte(token.Encode()), formHeader...).Status, "asks to confirm")
	token.Set("confirm", "yes")
	require.Equal(t, http.StatusOK, do(http.MethodPost, erase, []byte(token.Encode()), formHeader...).Status, "erased")
	require.Contains(t, []int{http.StatusOK, http.StatusServiceUnavailable}, do(http.MethodDelete, statusURL[len(s.URL):], nil).Status)

	// Syncing a feed.
	fs.Jobylon("tr4ff1c").Generate(1)
	polled, _ := s.VendorTenant(t, "jobylon", map[string]string{"feed_url": sim.JobylonJSONURL(base, "tr4ff1c"),
		"app_id": "board-app", "app_key": "jobylon-app-key", "push_url": base})
	op := apptest.Bearer(apptest.OperatorToken)
	require.Equal(t, http.StatusOK, do(http.MethodPost, "/v1/integrations/"+polled+"/sync", nil, op...).Status)
	require.Equal(t, http.StatusOK, do(http.MethodGet, "/v1/integrations/"+polled+"/sync", nil, op...).Status)
	require.Equal(t, http.StatusNotFound, do(http.MethodGet, "/v1/integrations/"+genericID+"/sync", nil, auth...).Status, "not_polled")
	require.Equal(t, http.StatusNotFound, do(http.MethodPost, "/v1/integrations/int_missing/sync", nil, op...).Status)
	require.Equal(t, http.StatusUnauthorized, do(http.MethodGet, "/v1/integrations/"+polled+"/sync", nil).Status)

	// The portal's JSON, signed out and in.
	require.Equal(t, http.StatusUnauthorized, do(http.MethodGet, "/v1/portal/session", nil).Status)
	require.Equal(t, http.StatusUnauthorized, do(http.MethodGet, "/v1/portal/ads", nil).Status)
	in, err := s.Env.Store.GetIntegration(context.Background(), genericID)
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
