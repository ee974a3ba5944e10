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

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/httpapi"
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

		checkHasTeeth(t, router, rec.log)
	})
}

// checkHasTeeth shows the validation fails an answer unlike the
// document: a JSON 410 job page, an undocumented status, a listing whose
// body is not its schema.
func checkHasTeeth(t *testing.T, router routers.Router, log []exchange) {
	var page exchange
	for _, ex := range log {
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
	for _, ex := range log {
		if ex.status == http.StatusOK && strings.HasSuffix(ex.url, "/v1/jobs") {
			list = ex
		}
	}
	list.body = []byte(`{"jobs":[{"id":1}],"next_cursor":""}`)
	_, err := validate(router, list)
	require.Error(t, err, "validation catches a body unlike its schema")
}
