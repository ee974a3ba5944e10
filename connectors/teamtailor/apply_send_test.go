package teamtailor

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
)

// TestAPISignature checks a vector computed by hand, with openssl:
//
//	printf '' | openssl dgst -sha256 -hmac tt-board-key-1 -hex  → hex
//	printf %s "$hex" | base64
func TestAPISignature(t *testing.T) {
	require.Equal(t, "MzkyNTgwMTNmOTgyYmNjN2I1ZDk4MDI5MmIzMmMwZTNkM2JmMTBlYmYxNjgxOGQ0NDllZWEzOGZkNTQ5ODRhNQ==",
		APISignature("tt-board-key-1", nil), "the /inquiry signature, over the empty body")
	require.Equal(t, "OTM5ZDU1ZWM1MGFhOGFjZjE1MDJjODRjZjBlMDAwZjhmMjBhODFkMTk0Y2Y2OTQ1OGZiZTM4MTdlOGY4MTJlMw==",
		APISignature("tt-board-key-1", []byte(`{"referer-id":"a1"}`)))
}

func TestCanApply(t *testing.T) {
	with := func(kv ...string) connectors.Integration {
		in := connectors.Integration{Settings: map[string]string{}}
		for i := 0; i+1 < len(kv); i += 2 {
			in.Settings[kv[i]] = kv[i+1]
		}
		return in
	}
	require.False(t, New(nil, "").CanApply(with(SettingJobBoardID, "jb")), "no key to sign with")
	require.False(t, New(nil, secret).CanApply(with()), "no job board id")
	require.True(t, New(nil, secret).CanApply(with(SettingJobBoardID, "jb")))
	require.True(t, New(nil, secret).WithApply("", "board-default", nil).CanApply(with()))
	require.False(t, New(nil, secret).CanApply(with(SettingJobBoardID, "  ")))
	require.True(t, New(nil, "").Capabilities().DirectApply)
}

func TestCheckSettings(t *testing.T) {
	c := New(nil, secret)
	require.NoError(t, c.CheckSettings(map[string]string{"mode": "unlimited"}))
	require.NoError(t, c.CheckSettings(map[string]string{SettingApplyBaseURL: "https://tt.example/production", SettingJobBoardID: "jb-1"}))
	for name, s := range map[string]map[string]string{
		"relative URL":  {SettingApplyBaseURL: "/production"},
		"ftp":           {SettingApplyBaseURL: "ftp://tt.example"},
		"empty board":   {SettingJobBoardID: " "},
		"board newline": {SettingJobBoardID: "jb\r\nX-Evil: 1"},
	} {
		require.Error(t, c.CheckSettings(s), name)
	}
}

// recorder keeps the requests as the client sent them (header names as
// set, before the server canonicalises them).
type recorder struct {
	mu   sync.Mutex
	reqs []*http.Request
	body [][]byte
	next http.RoundTripper
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var b []byte
	if req.Body != nil {
		b, _ = io.ReadAll(req.Body)
		req.Body = io.NopCloser(strings.NewReader(string(b)))
	}
	r.mu.Lock()
	r.reqs, r.body = append(r.reqs, req), append(r.body, b)
	r.mu.Unlock()
	return r.next.RoundTrip(req)
}

// asSent is the header of that exact name, as the client set it: Go's
// Header.Get would find the canonical form (Jobboardid) as well.
func asSent(h http.Header, name string) []string {
	for k, v := range h {
		if k == name {
			return v
		}
	}
	return nil
}

// answering serves status and body on every path, and a connector
// pointed at it.
func answering(t *testing.T, status int, body string) (*Connector, *recorder) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	rec := &recorder{}
	out := outbound.New(outbound.Config{Allow: outbound.MustParseAllow(outboundtest.Allow),
		Wrap: func(next http.RoundTripper) http.RoundTripper { rec.next = next; return rec }})
	return New(nil, secret).WithApply(srv.URL+"/production/", "jb-1", out), rec
}

var (
	ttIntegration = connectors.Integration{ID: "i1", Vendor: Name, Settings: map[string]string{}}
	ttJob         = connectors.Job{ID: "job_7", Reference: "teamtailor-23"}
)

func TestApplicationFormRequest(t *testing.T) {
	c, rec := answering(t, 200, string(readInquiry(t)))
	f, err := c.ApplicationForm(context.Background(), ttIntegration, ttJob)
	require.NoError(t, err)
	require.Equal(t, "job_7", f.JobID)
	require.Len(t, f.Questions, 9)
	req := rec.reqs[0]
	require.Equal(t, http.MethodGet, req.Method)
	require.Equal(t, "/production/inquiry", req.URL.Path)
	require.Equal(t, []string{"jb-1"}, asSent(req.Header, "JobBoardId"), "the header as the docs spell it")
	require.Equal(t, []string{"teamtailor-23"}, asSent(req.Header, "ReferenceNumber"))
	require.Equal(t, APISignature(secret, nil), req.Header.Get("X-Api-Signature"))
	require.Empty(t, rec.body[0])
}

func TestApplyRequest(t *testing.T) {
	c, rec := answering(t, 201, `{"id": 9001}`)
	in := connectors.Integration{Settings: map[string]string{SettingJobBoardID: "jb-own"}}
	r, err := c.Apply(context.Background(), in, ttJob, sampleApplication())
	require.NoError(t, err)
	require.Equal(t, "9001", r.ATSID)
	req, body := rec.reqs[0], rec.body[0]
	require.Equal(t, http.MethodPost, req.Method)
	require.Equal(t, "/production/apply", req.URL.Path)
	require.Equal(t, []string{"jb-own"}, asSent(req.Header, "JobBoardId"), "the integration's setting over the board's default")
	require.Equal(t, "application/json", req.Header.Get("Content-Type"))
	require.Equal(t, APISignature(secret, body), req.Header.Get("X-Api-Signature"), "signed over the exact bytes sent")
	want, err := encodeApply(sampleApplication())
	require.NoError(t, err)
	require.Equal(t, string(want), string(body))
}

func TestApplyBaseURLSetting(t *testing.T) {
	c, rec := answering(t, 200, ``)
	other, _ := answering(t, 201, ``)
	in := connectors.Integration{Settings: map[string]string{SettingApplyBaseURL: other.applyBase}}
	_, err := c.Apply(context.Background(), in, ttJob, sampleApplication())
	require.NoError(t, err)
	require.Equal(t, strings.TrimRight(other.applyBase, "/")+"/apply", rec.reqs[0].URL.String(),
		"the integration's apply_base_url, not the connector's")

	in.Settings[SettingApplyBaseURL] = "not a url"
	_, err = c.Apply(context.Background(), in, ttJob, sampleApplication())
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.ErrorContains(t, err, SettingApplyBaseURL)
}

func TestApplyAnswersAreClassified(t *testing.T) {
	for _, c := range []struct {
		status int
		body   string
		class  connectors.Class
		closed bool
	}{
		{410, `{"error":"expired"}`, connectors.Permanent, true},
		{409, ``, connectors.Permanent, true},
		{422, `{"errors":["email is invalid"]}`, connectors.Permanent, false},
		{401, `{"message":"Unauthorized"}`, connectors.Unauthorised, false},
		{403, ``, connectors.Unauthorised, false},
		{429, ``, connectors.Backpressure, false},
		{503, ``, connectors.Retryable, false},
	} {
		conn, _ := answering(t, c.status, c.body)
		_, err := conn.Apply(context.Background(), ttIntegration, ttJob, sampleApplication())
		require.Error(t, err, c.status)
		require.Equal(t, c.class, connectors.ClassOf(err), "%d: %v", c.status, err)
		require.Equal(t, c.closed, errors.Is(err, connectors.ErrJobClosed), c.status)
		require.NotContains(t, err.Error(), "kari@example.no")
	}
	conn, _ := answering(t, 200, `not json`)
	r, err := conn.Apply(context.Background(), ttIntegration, ttJob, sampleApplication())
	require.NoError(t, err, "any 2xx is delivered: the answer is not documented")
	require.Empty(t, r.ATSID)
}

func TestApplicationFormAnswersAreClassified(t *testing.T) {
	for _, c := range []struct {
		status int
		body   string
		class  connectors.Class
	}{
		{404, `{"message":"Not Found"}`, connectors.Permanent},
		{401, ``, connectors.Unauthorised},
		{502, `<html>bad gateway</html>`, connectors.Retryable},
		{200, `<html>not the inquiry</html>`, connectors.Retryable},
		{200, `{"questions":[` + strings.Repeat(`{"id":1},`, maxInquiry/8) + `{"id":2}]}`, connectors.Permanent},
	} {
		conn, _ := answering(t, c.status, c.body)
		_, err := conn.ApplicationForm(context.Background(), ttIntegration, ttJob)
		require.Error(t, err, c.status)
		require.Equal(t, c.class, connectors.ClassOf(err), "%d: %v", c.status, err)
	}
}

func TestNotReady(t *testing.T) {
	ctx := context.Background()
	_, err := New(nil, "").WithApply("https://tt.example", "jb", nil).Apply(ctx, ttIntegration, ttJob, sampleApplication())
	require.Equal(t, connectors.Unauthorised, connectors.ClassOf(err), "no key to sign with")
	_, err = New(nil, secret).ApplicationForm(ctx, ttIntegration, ttJob)
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.ErrorContains(t, err, SettingJobBoardID)
	_, err = New(nil, secret).WithApply("", "jb", nil).ApplicationForm(ctx, ttIntegration, connectors.Job{ID: "j"})
	require.ErrorContains(t, err, "no Teamtailor reference")
}

func TestDefaultApplyBaseURL(t *testing.T) {
	u, err := New(nil, secret).endpoint(ttIntegration, "/inquiry")
	require.NoError(t, err)
	require.Equal(t, "https://5qbn6o9x4h.execute-api.eu-west-1.amazonaws.com/production/inquiry", u)
}
