package finn

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
)

// upload is one request the fake FINN received.
type upload struct {
	path, filename, contentType string
	user, password              string
	doc                         []byte
}

// fakeFINN records uploads and answers with answer (nil: a success).
type fakeFINN struct {
	mu      sync.Mutex
	uploads []upload
	answer  func(w http.ResponseWriter, r *http.Request)
}

func (f *fakeFINN) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	u := upload{path: r.URL.Path}
	u.user, u.password, _ = r.BasicAuth()
	if r.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	file, header, err := r.FormFile("fil")
	if err != nil {
		http.Error(w, "no fil part: "+err.Error(), http.StatusBadRequest)
		return
	}
	u.filename, u.contentType = header.Filename, header.Header.Get("Content-Type")
	u.doc, _ = io.ReadAll(file)
	f.mu.Lock()
	f.uploads = append(f.uploads, u)
	f.mu.Unlock()
	if f.answer != nil {
		f.answer(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/xml")
	_, _ = io.WriteString(w, `<?xml version="1.0"?><RESULT><STATUS>OK</STATUS><FINNKODE>123456789</FINNKODE></RESULT>`)
}

func (f *fakeFINN) received() []upload {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]upload(nil), f.uploads...)
}

// answer writes status, optional headers (name, value, ...) and body.
func answer(status int, body string, hdr ...string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(hdr); i += 2 {
			w.Header().Set(hdr[i], hdr[i+1])
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

// newTestChannel is a channel at testNow against f.
func newTestChannel(t *testing.T, f *fakeFINN, cfg Config) *Channel {
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	cfg.BaseURL = srv.URL
	cfg.Outbound = outboundtest.Client
	if cfg.PartnerID == "" {
		cfg.PartnerID = testConfig.PartnerID
	}
	c, err := New(cfg)
	require.NoError(t, err)
	c.now = func() time.Time { return testNow }
	return c
}

func TestPublishSends(t *testing.T) {
	f := &fakeFINN{}
	c := newTestChannel(t, f, Config{Username: "tester", Password: "s3cret"})
	a := fullAd(t)
	pub, err := c.Publish(context.Background(), a, nil)
	require.NoError(t, err)
	_, want := goldenDocument(t, a)
	got := f.received()
	require.Len(t, got, 1)
	require.Equal(t, DefaultImportPath, got[0].path)
	require.Equal(t, "file.xml", got[0].filename)
	require.Equal(t, "application/xml; charset=UTF-8", got[0].contentType)
	require.Equal(t, string(want), string(got[0].doc), "the exact golden document")
	require.Equal(t, []string{"tester", "s3cret"}, []string{got[0].user, got[0].password})
	require.Equal(t, connectors.Publication{Channel: Name, State: connectors.PublicationLive,
		Reference: "job-01jnb7x2k4m6p8r0t2v4w6y8z0-1-20260301", URL: "https://www.finn.no/job/ad/123456789",
		Revision: a.Revision, UpdatedAt: testNow}, pub)

	// An update reuses the ORDERNO and keeps the URL when FINN names no
	// finnkode this time.
	f.answer = answer(200, "OK")
	again, err := c.Publish(context.Background(), a, &pub)
	require.NoError(t, err)
	require.Equal(t, pub.Reference, again.Reference)
	require.Equal(t, pub.URL, again.URL)
	require.Len(t, f.received(), 2)
}

// TestPublishClassifies answers the upload in every way §2.2 and §2.7
// allow; the error carries FINN's message and its answer, bounded.
func TestPublishClassifies(t *testing.T) {
	contract := "Kontrakten er utgått eller feil i forhold til oversendte annonsetype"
	for _, c := range []struct {
		name       string
		answer     func(http.ResponseWriter, *http.Request)
		class      connectors.Class
		retryAfter time.Duration
		known      error
		want       string
	}{
		{"contract (§2.7)", answer(200, `<RESULT><ERROR>`+contract+`</ERROR></RESULT>`), connectors.Permanent, 0, ErrContract, contract},
		{"contract in ISO-8859-1", answer(200, "Feil: Kontrakten er utg\xe5tt"), connectors.Permanent, 0, ErrContract, "Kontrakten er utgått"},
		{"dates (§2.7)", answer(200, "Feil: Tildato må være etter fradato\n"), connectors.Permanent, 0, ErrDateOrder, "Tildato"},
		{"dates as 400", answer(400, `<ERRORS><ERROR>Tildato m&#229; v&#230;re etter fradato</ERROR></ERRORS>`), connectors.Permanent, 0, ErrDateOrder, "answered 400"},
		{"other error", answer(200, `<RESULT STATUS="ERROR"><MESSAGE>ORDERNO mangler</MESSAGE></RESULT>`), connectors.Permanent, 0, nil, "ORDERNO mangler"},
		{"401", answer(401, "Unauthorized"), connectors.Unauthorised, 0, nil, "answered 401"},
		{"403", answer(403, ""), connectors.Unauthorised, 0, nil, "Forbidden"},
		{"404", answer(404, "<html><body>Not found</body></html>"), connectors.Permanent, 0, nil, "answered 404"},
		{"500", answer(500, "oops"), connectors.Retryable, 0, nil, "answered 500"},
		{"503 with Retry-After", answer(503, "", "Retry-After", "30"), connectors.Retryable, 30 * time.Second, nil, "answered 503"},
		{"429", answer(429, "slow down"), connectors.Retryable, 0, nil, "answered 429"},
		{"empty 200", answer(200, ""), connectors.Retryable, 0, nil, "empty"},
		{"HTML 200", answer(200, "<!DOCTYPE html><html><body>Vedlikehold</body></html>"), connectors.Retryable, 0, nil, "HTML page"},
		{"cut XML", answer(200, "<RESULT><STATUS>O"), connectors.Retryable, 0, nil, "not readable XML"},
		{"over 1 MiB", answer(200, "<R>"+strings.Repeat("x", int(outbound.Channel.MaxBytes))+"</R>"), connectors.Retryable, 0, nil, "over 1048576 bytes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ch := newTestChannel(t, &fakeFINN{answer: c.answer}, Config{})
			pub, err := ch.Publish(context.Background(), fullAd(t), nil)
			require.Error(t, err)
			require.Empty(t, pub)
			require.Equal(t, c.class, connectors.ClassOf(err), "%v", err)
			require.Equal(t, c.retryAfter, connectors.RetryAfterOf(err))
			require.ErrorContains(t, err, c.want)
			require.ErrorContains(t, err, "finn: ad job_01jnb7x2k4m6p8r0t2v4w6y8z0: upload job-01jnb7x2k4m6p8r0t2v4w6y8z0-1-20260301")
			if c.known != nil {
				require.ErrorIs(t, err, c.known)
			}
			require.Less(t, len(err.Error()), MaxRawAnswer+1000, "the answer is bounded")
		})
	}
}
