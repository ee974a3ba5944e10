package sim

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/lever"
	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
)

const leverKey = "lever-postings-key-1"

// formFile is a file part of a test's multipart body.
type formFile struct{ field, name, ctype, data string }

// multipartBody builds a multipart body of fields (name, value pairs, in
// order) and files.
func multipartBody(t *testing.T, fields [][2]string, files ...formFile) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, f := range fields {
		require.NoError(t, w.WriteField(f[0], f[1]))
	}
	for _, f := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", multipart.FileContentDisposition(f.field, f.name))
		h.Set("Content-Type", f.ctype)
		p, err := w.CreatePart(h)
		require.NoError(t, err)
		_, err = io.WriteString(p, f.data)
		require.NoError(t, err)
	}
	require.NoError(t, w.Close())
	return &buf, w.FormDataContentType()
}

// clock is a test's time for Lever's limiter.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var t0 = time.Date(2026, time.July, 1, 12, 0, 0, 0, time.UTC)

// leverATS serves an ATS with the site fjordpay's key set; its Lever
// limiter runs on the returned clock, which stands still unless moved.
func leverATS(t *testing.T) (*ATS, string, *clock) {
	t.Helper()
	a := NewATS()
	a.SetKey("fjordpay", leverKey)
	c := &clock{t: t0}
	a.leverIntake().now = c.now
	srv := newServer(t, a)
	return a, srv.URL, c
}

// leverPost POSTs a multipart application to path (with ?key= when key is
// set) and returns the status, headers and decoded answer.
func leverPost(t *testing.T, base, path, key string, fields [][2]string, files ...formFile) (int, http.Header, map[string]any) {
	t.Helper()
	body, ct := multipartBody(t, fields, files...)
	u := base + path
	if key != "" {
		u += "?key=" + url.QueryEscape(key)
	}
	return post(t, u, ct, body, nil)
}

func post(t *testing.T, u, ct string, body io.Reader, header map[string]string) (int, http.Header, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, u, body)
	require.NoError(t, err)
	req.Header.Set("Content-Type", ct)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var out map[string]any
	_ = json.Unmarshal(raw, &out)
	return resp.StatusCode, resp.Header, out
}

var kari = [][2]string{{"name", "Kari Nordmann"}, {"email", "kari@example.no"}, {"source", "jobgate"}, {"consent[store]", "true"}}

// TestLeverRateLimit: a third POST within a second is 429 with
// Retry-After: 1, and the window slides.
func TestLeverRateLimit(t *testing.T) {
	a, base, c := leverATS(t)
	path := "/v0/postings/fjordpay/p1"
	var statuses []int
	var want []time.Time
	for _, at := range []time.Duration{0, 100 * time.Millisecond, 200 * time.Millisecond, 999 * time.Millisecond,
		1000 * time.Millisecond, 1050 * time.Millisecond, 2100 * time.Millisecond} {
		c.set(t0.Add(at))
		want = append(want, t0.Add(at))
		st, h, ans := leverPost(t, base, path, leverKey, kari)
		statuses = append(statuses, st)
		if st == http.StatusTooManyRequests {
			require.Equal(t, "1", h.Get("Retry-After"))
			require.Equal(t, map[string]any{"ok": false, "error": "rate limit"}, ans)
		}
	}
	// 0 and 100 ms pass; 200 and 999 ms are a third in the second; at 1 s
	// the one at 0 has left the window, at 1.05 s the one at 100 ms has not.
	require.Equal(t, []int{200, 200, 429, 429, 200, 429, 200}, statuses)
	require.Equal(t, 3, a.LeverRejected("fjordpay"))
	require.Equal(t, want, a.LeverArrivals("fjordpay"))
	require.Len(t, a.Received("lever"), 4, "a 429 records nothing")

	// Another site is another account with its own limit.
	a.SetKey("other", "k2")
	st, _, _ := leverPost(t, base, "/v0/postings/other/p1", "k2", kari)
	require.Equal(t, http.StatusOK, st)
	require.Zero(t, a.LeverRejected("other"))
}

// TestLeverRateLimitRealClock: three POSTs straight after each other, the
// third is refused.
func TestLeverRateLimitRealClock(t *testing.T) {
	a := NewATS()
	a.SetKey("fjordpay", leverKey)
	srv := newServer(t, a)
	var statuses []int
	for range 3 {
		st, _, _ := leverPost(t, srv.URL, "/v0/postings/fjordpay/p1", leverKey, kari)
		statuses = append(statuses, st)
	}
	require.Equal(t, []int{200, 200, 429}, statuses)
	require.Equal(t, 1, a.LeverRejected("fjordpay"))
	require.Len(t, a.LeverArrivals("fjordpay"), 3)
}

// TestLeverRefuses checks the key, the form and closed postings, with
// the limiter's clock moved a second each time.
func TestLeverRefuses(t *testing.T) {
	a, base, c := leverATS(t)
	resume := formFile{"resume", "cv.pdf", "application/pdf", "%PDF-1.7"}
	a.CloseJob("lever", "closed-1", true)
	for _, tc := range []struct {
		name, path, key string
		fields          [][2]string
		files           []formFile
		status          int
		err             string
	}{
		{"no key", "/v0/postings/fjordpay/p1", "", kari, nil, 401, "invalid API key"},
		{"wrong key", "/v0/postings/fjordpay/p1", "nope", kari, nil, 401, "invalid API key"},
		{"a site without a key", "/v0/postings/unknown/p1", leverKey, kari, nil, 401, "invalid API key"},
		{"no name", "/v0/postings/fjordpay/p1", leverKey, [][2]string{{"email", "kari@example.no"}}, nil, 400, "name is required"},
		{"blank name", "/v0/postings/fjordpay/p1", leverKey, [][2]string{{"name", " "}, {"email", "kari@example.no"}}, nil, 400, "name is required"},
		{"no email", "/v0/postings/fjordpay/p1", leverKey, [][2]string{{"name", "Kari"}}, nil, 400, "email"},
		{"email without @", "/v0/postings/fjordpay/p1", leverKey, [][2]string{{"name", "Kari"}, {"email", "kari.example.no"}}, nil, 400, "must contain @"},
		{"another file field", "/v0/postings/fjordpay/p1", leverKey, kari, []formFile{resume, {"cover_letter", "l.pdf", "application/pdf", "x"}}, 400, "unknown file field cover_letter"},
		{"closed posting", "/v0/postings/fjordpay/closed-1", leverKey, kari, []formFile{resume}, 404, "posting not found"},
		{"closed posting on the EU instance", "/eu/v0/postings/fjordpay/closed-1", leverKey, kari, nil, 404, "posting not found"},
	} {
		c.add(time.Second)
		st, _, ans := leverPost(t, base, tc.path, tc.key, tc.fields, tc.files...)
		require.Equal(t, tc.status, st, tc.name)
		require.Equal(t, false, ans["ok"], tc.name)
		require.Contains(t, ans["error"], tc.err, tc.name)
	}
	require.Empty(t, a.Received(""), "nothing refused is recorded")
	require.Zero(t, a.LeverRejected("fjordpay"))

	c.add(time.Second)
	req, err := http.NewRequest(http.MethodPost, base+"/v0/postings/fjordpay/p1?key="+leverKey, strings.NewReader("name=Kari"))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "text/plain")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusBadRequest, resp.StatusCode, "an unsupported body")
}

// TestLeverRecords: what is recorded, in the three documented encodings,
// on both instances.
func TestLeverRecords(t *testing.T) {
	a, base, c := leverATS(t)
	resume := formFile{"resume", `Kari "K" CV.pdf`, "application/pdf", "%PDF-1.7\x00\xff\r\n--x"}
	st, _, ans := leverPost(t, base, "/v0/postings/fjordpay/p1", leverKey,
		append(kari, [2]string{"comments", "Hei\nhei"}), resume)
	require.Equal(t, http.StatusOK, st)
	require.Equal(t, true, ans["ok"])

	c.add(time.Second)
	st, _, ans2 := post(t, base+"/eu/v0/postings/fjordpay/p2?key="+leverKey, "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"name": {"Ola"}, "email": {"ola@example.no"}}.Encode()), nil)
	require.Equal(t, http.StatusOK, st)

	c.add(time.Second)
	st, _, ans3 := post(t, base+"/v0/postings/fjordpay/p3?key="+leverKey, "application/json",
		strings.NewReader(`{"name":"Per","email":"per@example.no","silent":true,"consent":{"store":true,"marketing":false},"urls":{"GitHub":"https://github.com/per"}}`), nil)
	require.Equal(t, http.StatusOK, st)

	got := a.Received("lever")
	require.Len(t, got, 3)
	r := got[0]
	require.Equal(t, ans["applicationId"], r.ID)
	require.Equal(t, "fjordpay", r.Account)
	require.Equal(t, "p1", r.Job)
	require.Empty(t, r.IdempotencyKey, "Lever takes none")
	require.Equal(t, map[string][]string{"name": {"Kari Nordmann"}, "email": {"kari@example.no"}, "source": {"jobgate"},
		"consent[store]": {"true"}, "comments": {"Hei\nhei"}}, r.Fields, "the key is not a field")
	require.Equal(t, []ReceivedFile{{Field: "resume", FileName: `Kari "K" CV.pdf`, ContentType: "application/pdf", Data: []byte(resume.data)}}, r.Files)

	require.Equal(t, ans2["applicationId"], got[1].ID)
	require.Equal(t, "p2", got[1].Job)
	require.Equal(t, map[string][]string{"name": {"Ola"}, "email": {"ola@example.no"}}, got[1].Fields)

	require.Equal(t, ans3["applicationId"], got[2].ID)
	require.Equal(t, map[string][]string{"name": {"Per"}, "email": {"per@example.no"}, "silent": {"true"},
		"consent[store]": {"true"}, "consent[marketing]": {"false"}, "urls[GitHub]": {"https://github.com/per"}}, got[2].Fields)
	require.NotEmpty(t, got[2].Body)

	// A repeat is a second application: no idempotency key.
	c.add(time.Second)
	st, _, _ = leverPost(t, base, "/v0/postings/fjordpay/p1", leverKey, kari, resume)
	require.Equal(t, http.StatusOK, st)
	require.Len(t, a.Received("lever"), 4)
}

// TestLeverFaultsAndHang: the gate answers before Lever counts a POST,
// and HangAfterAccept records and never answers.
func TestLeverFaultsAndHang(t *testing.T) {
	a, base, c := leverATS(t)
	a.Fault(ChannelFault5xx, 1)
	st, _, _ := leverPost(t, base, "/v0/postings/fjordpay/p1", leverKey, kari)
	require.Equal(t, http.StatusInternalServerError, st)
	require.Empty(t, a.LeverArrivals("fjordpay"), "a faulted request never reached Lever")

	a.HangAfterAccept(1)
	body, ct := multipartBody(t, kari)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/v0/postings/fjordpay/p1?key="+leverKey, body)
	require.NoError(t, err)
	req.Header.Set("Content-Type", ct)
	_, err = http.DefaultClient.Do(req)
	require.Error(t, err, "no answer")
	require.Len(t, a.Received("lever"), 1, "but Lever holds the application")

	c.add(time.Second)
	st, _, _ = leverPost(t, base, "/v0/postings/fjordpay/p1", leverKey, kari)
	require.Equal(t, http.StatusOK, st, "one hang only")
}

// TestLeverConnectorRoundTrip sends jobgate's Lever applier's request to
// the simulator: it is accepted as sent, and the simulator's 429 and 404
// are classified as backpressure and a closed job.
func TestLeverConnectorRoundTrip(t *testing.T) {
	a, base, c := leverATS(t)
	integ := connectors.Integration{ID: "i1", Vendor: lever.Name,
		Settings: map[string]string{"site": "fjordpay", "base_url": base + "/eu"}, Secrets: map[string]string{"api_key": leverKey}}
	cv := []byte("%PDF-1.7\n\x00\x01\xff binary")
	app := apply.Application{ID: "app-1", Source: "Jobgate",
		Candidate: apply.Candidate{FirstName: "Kari", LastName: "Nordmann", Email: "kari@example.no", Phone: "+47 1", CoverLetter: "Hei"},
		Consents:  []apply.ConsentGiven{{Type: apply.ConsentPrivacyPolicy, Accepted: true}, {Type: apply.ConsentFutureJobs, Accepted: true}},
		Documents: []apply.Document{{Kind: apply.KindCV, FileName: "cv.pdf", ContentType: "application/pdf", Data: cv}}}
	job := connectors.Job{ID: "job-1", Reference: "p-42"}
	lv := lever.New(outboundtest.Client)
	rec, err := lv.Apply(context.Background(), integ, job, app)
	require.NoError(t, err)
	got := a.Received("lever")
	require.Len(t, got, 1)
	require.Equal(t, got[0].ID, rec.ATSID)
	require.Equal(t, "p-42", got[0].Job)
	require.Equal(t, map[string][]string{"name": {"Kari Nordmann"}, "email": {"kari@example.no"}, "phone": {"+47 1"},
		"comments": {"Hei"}, "source": {"Jobgate"}, "silent": {"false"}, "consent[store]": {"true"}, "consent[marketing]": {"true"}}, got[0].Fields)
	require.Equal(t, []ReceivedFile{{Field: "resume", FileName: "cv.pdf", ContentType: "application/pdf", Data: cv}}, got[0].Files)

	_, err = lv.Apply(context.Background(), integ, job, app)
	require.NoError(t, err, "a second within the second")
	_, err = lv.Apply(context.Background(), integ, job, app)
	require.Equal(t, connectors.Backpressure, connectors.ClassOf(err), "the third is Lever's 429")
	require.Equal(t, time.Second, connectors.RetryAfterOf(err))
	require.NotContains(t, err.Error(), leverKey)

	c.add(time.Second)
	a.CloseJob("lever", "p-42", true)
	_, err = lv.Apply(context.Background(), integ, job, app)
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.True(t, errors.Is(err, connectors.ErrJobClosed), err.Error())

	c.add(time.Second)
	integ.Secrets = map[string]string{"api_key": "wrong-key"}
	_, err = lv.Apply(context.Background(), integ, job, app)
	require.Equal(t, connectors.Unauthorised, connectors.ClassOf(err))
	require.NotContains(t, err.Error(), "wrong-key")
}
