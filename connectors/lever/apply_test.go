package lever

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/connectortest"
	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
)

// apiKey stands for a customer's Postings API key: no error may quote it.
const apiKey = "lvr-9c1f0e7a2b3d4c5e6f708192a3b4c5d6"

const posting = "3f6c1a52-9d1e-4b7a-8c2f-5e0a9b7d4c11"

const applyGolden = "../../testdata/lever/apply-request.golden.json"

// updating reports -update, the flag connectortest registers.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// part is one part of a multipart body as Lever reads it.
type part = connectortest.Part

// intake is a fake Lever apply endpoint: it keeps the last request and
// answers with answer.
type intake struct {
	mu     sync.Mutex
	path   string
	query  map[string][]string
	ctype  string
	length int64
	parts  []part
	answer func(w http.ResponseWriter)
}

func (in *intake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.path, in.query, in.ctype, in.length = r.URL.Path, r.URL.Query(), r.Header.Get("Content-Type"), r.ContentLength
	in.parts = nil
	if r.Method != http.MethodPost {
		http.Error(w, "method", http.StatusMethodNotAllowed)
		return
	}
	parts, err := connectortest.ReadParts(in.ctype, r.Body)
	if err != nil {
		http.Error(w, "multipart: "+err.Error(), http.StatusBadRequest)
		return
	}
	in.parts = parts
	if in.answer != nil {
		in.answer(w)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, `{"ok":true,"applicationId":"a1b2c3d4-0000-4000-8000-000000000001"}`)
}

func startIntake(t *testing.T, in *intake) string {
	srv := httptest.NewServer(in)
	t.Cleanup(srv.Close)
	return srv.URL
}

func applyIntegration(baseURL string) connectors.Integration {
	return connectors.Integration{ID: "i1", Vendor: Name,
		Settings: map[string]string{"site": "fjordpay", "base_url": baseURL, "employer_name": "Fjordpay AS"},
		Secrets:  map[string]string{"api_key": apiKey}}
}

// cvBytes is a stand-in PDF, with bytes that a text encoding would break.
var cvBytes = append([]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), bytes.Repeat([]byte{0, 1, 2, 0xff, '\r', '\n', '-', '-'}, 512)...)

// sample is an invented candidate's application, with a cover letter file
// and an attachment Lever has no field for.
func sample() apply.Application {
	return apply.Application{ID: "app-0001", JobID: "job-1", Source: "Jobgate Board",
		SubmittedAt: time.Date(2026, time.July, 1, 12, 0, 0, 0, time.UTC),
		Candidate: apply.Candidate{FirstName: "Kari", LastName: "Nordmann", Email: "kari.nordmann@example.no",
			Phone: "+47 912 34 567", CoverLetter: "Hei!\nJeg søker stillingen – «Backend-utvikler».\r\nMvh Kari"},
		Consents: []apply.ConsentGiven{{Type: apply.ConsentPrivacyPolicy, Accepted: true}, {Type: apply.ConsentFutureJobs, Accepted: false}},
		Documents: []apply.Document{
			{Kind: apply.KindCoverLetter, FileName: "søknad.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.7 letter")},
			{Kind: apply.KindCV, FileName: `Kari "KN" Nordmann CV.pdf`, ContentType: "application/pdf", Data: cvBytes},
			{Kind: apply.KindOther, FileName: "attest.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.7 other")},
		}}
}

func leverJob() connectors.Job {
	return connectors.Job{ID: "job-1", Reference: posting, URL: "https://board.example/jobs/job-1"}
}

// TestApplyRequest checks the exact request: path, key, multipart fields
// in order (testdata/lever/apply-request.golden.json) and the CV's bytes.
func TestApplyRequest(t *testing.T) {
	in := &intake{}
	base := startIntake(t, in)
	rec, err := New(outboundtest.Client).Apply(context.Background(), applyIntegration(base), leverJob(), sample())
	require.NoError(t, err)
	require.Equal(t, apply.Receipt{ATSID: "a1b2c3d4-0000-4000-8000-000000000001"}, rec)

	require.Equal(t, "/v0/postings/fjordpay/"+posting, in.path)
	require.Equal(t, map[string][]string{"key": {apiKey}}, in.query)
	mt, _, err := mime.ParseMediaType(in.ctype)
	require.NoError(t, err)
	require.Equal(t, "multipart/form-data", mt)
	require.Positive(t, in.length, "the body is sent with its length")

	var files []part
	for _, p := range in.parts {
		if p.FileName != "" {
			files = append(files, p)
		}
	}
	require.Len(t, files, 1, "only the CV: Lever has no field for other files")
	require.Equal(t, "resume", files[0].Name)
	require.Equal(t, cvBytes, files[0].Data, "the CV arrives byte for byte")

	got, err := json.MarshalIndent(in.parts, "", "  ")
	require.NoError(t, err)
	got = append(got, '\n')
	if updating() {
		require.NoError(t, os.WriteFile(applyGolden, got, 0o644))
	}
	want, err := os.ReadFile(applyGolden)
	require.NoError(t, err, "run with -update to write it")
	require.Equal(t, string(want), string(got))
}

func fieldValues(parts []part) map[string]string {
	m := map[string]string{}
	for _, p := range parts {
		if p.FileName == "" {
			m[p.Name] = p.Value
		}
	}
	return m
}

// TestApplyOptionalFields: empty fields and unasked consents are not
// sent, silent follows the setting, and an EU base URL is kept.
func TestApplyOptionalFields(t *testing.T) {
	in := &intake{}
	base := startIntake(t, in)
	integ := applyIntegration(base + "/eu/")
	integ.Settings["silent"] = "true"
	app := apply.Application{ID: "app-2", Candidate: apply.Candidate{FirstName: "Ola", LastName: "", Email: "ola@example.no"}}
	_, err := New(outboundtest.Client).Apply(context.Background(), integ, leverJob(), app)
	require.NoError(t, err)
	require.Equal(t, "/eu/v0/postings/fjordpay/"+posting, in.path)
	require.Equal(t, map[string]string{"name": "Ola", "email": "ola@example.no", "silent": "true"}, fieldValues(in.parts))
}

// TestApplyAnswers classifies Lever's answers; no error quotes the key.
func TestApplyAnswers(t *testing.T) {
	for _, c := range []struct {
		name       string
		ok         bool
		status     int
		header     map[string]string
		body       string
		class      connectors.Class
		closed     bool
		retryAfter time.Duration
		want       string // in the error; the ATS id when there is none
	}{
		{name: "200 ok", ok: true, status: 200, body: `{"ok":true,"applicationId":"app-77"}`, want: "app-77"},
		{name: "200 without an id", ok: true, status: 200, body: `{"ok":true}`, want: ""},
		{name: "200 not JSON", ok: true, status: 200, body: `thanks`, want: ""},
		{name: "200 ok false", status: 200, body: `{"ok":false,"error":"Missing name"}`, class: connectors.Permanent, want: "Missing name"},
		{name: "400", status: 400, body: `{"ok":false,"error":"Email is invalid"}`, class: connectors.Permanent, want: "status 400: Email is invalid"},
		{name: "401", status: 401, body: `{"ok":false,"error":"Invalid API key"}`, class: connectors.Unauthorised, want: "status 401"},
		{name: "401 quoting the key", status: 401, body: `{"ok":false,"error":"Invalid API key ` + apiKey + `"}`, class: connectors.Unauthorised, want: "Invalid API key ***"},
		{name: "403", status: 403, body: `{"ok":false,"error":"Forbidden"}`, class: connectors.Unauthorised, want: "status 403"},
		{name: "404 is closed", status: 404, body: `{"ok":false,"error":"Document not found"}`, class: connectors.Permanent, closed: true, want: "Document not found"},
		{name: "404 quoting the key stays closed", status: 404, body: `{"ok":false,"error":"no posting for ` + apiKey + `"}`, class: connectors.Permanent, closed: true, want: "***"},
		{name: "409", status: 409, body: `{"ok":false,"error":"closed"}`, class: connectors.Permanent, closed: true, want: "status 409"},
		{name: "410", status: 410, body: `{"ok":false,"error":"gone"}`, class: connectors.Permanent, closed: true, want: "status 410"},
		{name: "429 with Retry-After", status: 429, header: map[string]string{"Retry-After": "7"}, body: `{"ok":false,"error":"rate limit"}`, class: connectors.Backpressure, retryAfter: 7 * time.Second, want: "status 429"},
		{name: "429 without Retry-After", status: 429, body: `{"ok":false,"error":"rate limit"}`, class: connectors.Backpressure, retryAfter: time.Second, want: "rate limit"},
		{name: "500", status: 500, body: `oops`, class: connectors.Retryable, want: "status 500"},
		{name: "503 with Retry-After", status: 503, header: map[string]string{"Retry-After": "30"}, body: ``, class: connectors.Retryable, retryAfter: 30 * time.Second, want: "status 503"},
	} {
		t.Run(c.name, func(t *testing.T) {
			base := startIntake(t, &intake{answer: func(w http.ResponseWriter) {
				for k, v := range c.header {
					w.Header().Set(k, v)
				}
				w.WriteHeader(c.status)
				_, _ = io.WriteString(w, c.body)
			}})
			rec, err := New(outboundtest.Client).Apply(context.Background(), applyIntegration(base), leverJob(), sample())
			if c.ok {
				require.NoError(t, err)
				require.Equal(t, c.want, rec.ATSID)
				return
			}
			require.Error(t, err)
			require.NotContains(t, err.Error(), apiKey)
			require.NotContains(t, err.Error(), "kari.nordmann", "no candidate data in errors")
			require.Equal(t, c.class, connectors.ClassOf(err), err.Error())
			require.Equal(t, c.closed, errors.Is(err, connectors.ErrJobClosed), err.Error())
			require.Equal(t, c.retryAfter, connectors.RetryAfterOf(err))
			require.Contains(t, err.Error(), c.want)
			require.Contains(t, err.Error(), "lever: posting "+posting)
		})
	}
}

// TestApplyNetworkError: an unreachable Lever is retryable, and the error
// names the host, not the URL with its key.
func TestApplyNetworkError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	base := srv.URL
	srv.Close()
	_, err := New(outboundtest.Client).Apply(context.Background(), applyIntegration(base), leverJob(), sample())
	require.Error(t, err)
	require.Equal(t, connectors.Retryable, connectors.ClassOf(err))
	require.NotContains(t, err.Error(), apiKey)
	require.NotContains(t, err.Error(), "key=")
}

// TestApplyTimeout: a Lever that takes the application and never answers
// fails with the context, without the key.
func TestApplyTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := New(outboundtest.Client).Apply(ctx, applyIntegration(srv.URL), leverJob(), sample())
	require.Error(t, err)
	require.NotContains(t, err.Error(), apiKey)
}

func TestApplyRefusesBeforeSending(t *testing.T) {
	in := &intake{}
	base := startIntake(t, in)
	noKey := applyIntegration(base)
	noKey.Secrets = map[string]string{"api_key": " "}
	_, err := New(outboundtest.Client).Apply(context.Background(), noKey, leverJob(), sample())
	require.Equal(t, connectors.Unauthorised, connectors.ClassOf(err))
	require.ErrorContains(t, err, "api_key")

	badSite := applyIntegration(base)
	badSite.Settings["site"] = "a/b"
	_, err = New(outboundtest.Client).Apply(context.Background(), badSite, leverJob(), sample())
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.ErrorContains(t, err, "setting site")

	_, err = New(outboundtest.Client).Apply(context.Background(), applyIntegration(base), connectors.Job{ID: "job-9"}, sample())
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.ErrorContains(t, err, "no Lever posting id")
	require.Empty(t, in.path, "nothing was sent")
}

func TestSilentSetting(t *testing.T) {
	require.NoError(t, New(outboundtest.Client).CheckSettings(map[string]string{"site": "x", "silent": "false"}))
	require.NoError(t, New(outboundtest.Client).CheckSettings(map[string]string{"site": "x", "silent": "true"}))
	require.ErrorContains(t, New(outboundtest.Client).CheckSettings(map[string]string{"site": "x", "silent": "sometimes"}), "setting silent")
	cfg, err := parseConfig(map[string]string{"site": "x"})
	require.NoError(t, err)
	require.False(t, cfg.silent, "Lever sends its confirmation by default")
}

func TestRateKey(t *testing.T) {
	c := New(outboundtest.Client)
	for _, tc := range []struct {
		settings map[string]string
		want     string
	}{
		{map[string]string{"site": "fjordpay"}, "api.lever.co/fjordpay"},
		{map[string]string{"site": "fjordpay", "base_url": "https://API.EU.lever.co/"}, "api.eu.lever.co/fjordpay"},
		{map[string]string{"site": "other", "base_url": "http://127.0.0.1:9999"}, "127.0.0.1:9999/other"},
	} {
		require.Equal(t, tc.want, c.RateKey(connectors.Integration{Settings: tc.settings}))
	}
	a := c.RateKey(connectors.Integration{ID: "i1", Settings: map[string]string{"site": "fjordpay"}})
	b := c.RateKey(connectors.Integration{ID: "i2", Settings: map[string]string{"site": "fjordpay", "employer_name": "Other"}})
	require.Equal(t, a, b, "two integrations of one Lever account share its limit")
}

func TestApplicationForm(t *testing.T) {
	f, err := New(outboundtest.Client).ApplicationForm(context.Background(), applyIntegration("https://api.lever.co"), leverJob())
	require.NoError(t, err)
	require.True(t, f.Open)
	require.Equal(t, apply.StandardFields(), f.Fields)
	require.Empty(t, f.Questions, "the Postings API exposes no custom questions")
	require.Len(t, f.Consents, 2)
	require.Equal(t, apply.ConsentPrivacyPolicy, f.Consents[0].Type)
	require.True(t, f.Consents[0].Required)
	require.Contains(t, f.Consents[0].Text, "Fjordpay AS stores my application")
	require.Equal(t, apply.ConsentFutureJobs, f.Consents[1].Type)
	require.False(t, f.Consents[1].Required)

	integ := applyIntegration("https://api.lever.co")
	integ.Settings["employer_name"] = "A & <B>"
	f, err = New(outboundtest.Client).ApplicationForm(context.Background(), integ, leverJob())
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(f.Consents[0].Text, "I agree that A &amp; &lt;B&gt; stores"), "the employer's name is escaped in the HTML text")

	_, err = New(outboundtest.Client).ApplicationForm(context.Background(), connectors.Integration{Settings: map[string]string{}}, leverJob())
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
}
