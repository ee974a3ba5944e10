package applywebhook

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
)

func sample() (connectors.Job, apply.Application) {
	job := connectors.Job{ID: "job_1", Reference: "REF-9", URL: "https://board.example/jobs/job_1"}
	job.Ad.Title = "Lagermedarbeider"
	app := apply.Application{ID: "app_1", JobID: "job_1", SubmittedAt: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC),
		Candidate: apply.Candidate{FirstName: "Kari", LastName: "Nordmann", Email: "kari@example.no", Phone: "+4790000000"},
		Answers: []apply.Answer{{QuestionID: "4", Question: "Truck licence?", Type: apply.TypeSelect, Values: []string{"yes"}, Document: -1},
			{QuestionID: "8", Question: "Diploma", Type: apply.TypeFile, Document: 1}},
		Consents:  []apply.ConsentGiven{{Type: apply.ConsentPrivacyPolicy, Accepted: true}},
		Documents: []apply.Document{{Kind: apply.KindCV, FileName: "cv.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1")}, {Kind: apply.KindAnswer, FileName: "d.pdf", ContentType: "application/pdf", Data: []byte("%PDF-2")}}}
	return job, app
}

func TestSign(t *testing.T) {
	at := time.Unix(1764583200, 0)
	mac := hmac.New(sha256.New, []byte("jg_key_abc.secret"))
	mac.Write([]byte("1764583200.{}"))
	require.Equal(t, "t=1764583200,v1="+hex.EncodeToString(mac.Sum(nil)), Sign("jg_key_abc.secret", at, []byte("{}")))
}

func TestApplySendsTheDocumentedBody(t *testing.T) {
	var got map[string]any
	var header http.Header
	var raw []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ = io.ReadAll(r.Body)
		header = r.Header
		_ = json.Unmarshal(raw, &got)
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(`{"id": 42}`))
	}))
	defer srv.Close()
	c := New(outboundtest.Client)
	c.now = func() time.Time { return time.Unix(1764583200, 0) }
	in := connectors.Integration{Settings: map[string]string{connectors.SettingApplyURL: srv.URL + "/hook"}, APIKey: "jg_key_abc.secret"}
	job, app := sample()
	rec, err := c.Apply(context.Background(), in, job, app)
	require.NoError(t, err)
	require.Equal(t, "42", rec.ATSID, "a numeric id is kept as text")
	require.Equal(t, "app_1", header.Get("Idempotency-Key"))
	require.Equal(t, Sign("jg_key_abc.secret", time.Unix(1764583200, 0), raw), header.Get(SignatureHeader))
	require.Equal(t, "REF-9", got["job"].(map[string]any)["reference"])
	require.Equal(t, "kari@example.no", got["candidate"].(map[string]any)["email"])
	docs := got["documents"].([]any)
	require.Equal(t, "JVBERi0x", docs[0].(map[string]any)["data"], "files in standard base64")
	answers := got["answers"].([]any)
	require.Equal(t, float64(1), answers[1].(map[string]any)["document"])
	require.NotContains(t, answers[0].(map[string]any), "document", "only file answers name a document")
}

func TestApplyClassifies(t *testing.T) {
	cases := []struct {
		status int
		class  connectors.Class
		closed bool
	}{
		{http.StatusBadRequest, connectors.Permanent, false},
		{http.StatusUnprocessableEntity, connectors.Permanent, false},
		{http.StatusConflict, connectors.Permanent, true},
		{http.StatusGone, connectors.Permanent, true},
		{http.StatusUnauthorized, connectors.Unauthorised, false},
		{http.StatusForbidden, connectors.Unauthorised, false},
		{http.StatusTooManyRequests, connectors.Backpressure, false},
		{http.StatusServiceUnavailable, connectors.Retryable, false},
	}
	for _, tc := range cases {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(`{"error":"nope"}`))
			}))
			defer srv.Close()
			in := connectors.Integration{Settings: map[string]string{connectors.SettingApplyURL: srv.URL}, APIKey: "k"}
			job, app := sample()
			_, err := New(outboundtest.Client).Apply(context.Background(), in, job, app)
			require.Error(t, err)
			require.Equal(t, tc.class, connectors.ClassOf(err))
			require.Equal(t, tc.closed, errors.Is(err, connectors.ErrJobClosed))
			require.Contains(t, err.Error(), "nope", "the ATS's message is kept")
		})
	}
}

func TestApplyWithoutKeyOrURL(t *testing.T) {
	job, app := sample()
	_, err := New(outboundtest.Client).Apply(context.Background(), connectors.Integration{Settings: map[string]string{connectors.SettingApplyURL: "http://x"}}, job, app)
	require.Equal(t, connectors.Unauthorised, connectors.ClassOf(err))
	require.ErrorContains(t, New(outboundtest.Client).CheckSettings(map[string]string{connectors.SettingApplyURL: "ftp://x"}), "apply_url")
	require.NoError(t, New(outboundtest.Client).CheckSettings(map[string]string{}))
}
