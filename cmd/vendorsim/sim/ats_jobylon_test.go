package sim

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/jobylon"
	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
)

const (
	jobylonApp = "jobgate-app"
	jobylonKey = "jobylon-app-key-1"
)

var jobylonCreds = map[string]string{"X-App-Id": jobylonApp, "X-App-Key": jobylonKey}

func jobylonATS(t *testing.T) (*ATS, string) {
	t.Helper()
	a := NewATS()
	a.SetKey(jobylonApp, jobylonKey)
	return a, newServer(t, a).URL
}

var kalle = [][2]string{{"job_id", "123456789"}, {"first_name", "Kalle"}, {"last_name", "Kula"},
	{"email", "kalle@kula.example"}, {"source_type", "applied"}, {"source_json", `{"partner_name":"jobgate","questions":[]}`}}

func jobylonPost(t *testing.T, base, path string, header map[string]string, fields [][2]string, files ...formFile) (int, map[string]any) {
	t.Helper()
	body, ct := multipartBody(t, fields, files...)
	st, _, ans := post(t, base+path, ct, body, header)
	return st, ans
}

// without returns fields without the named one.
func without(fields [][2]string, name string) [][2]string {
	var out [][2]string
	for _, f := range fields {
		if f[0] != name {
			out = append(out, f)
		}
	}
	return out
}

// with returns fields with the named one set to v.
func with(fields [][2]string, name, v string) [][2]string {
	return append(without(fields, name), [2]string{name, v})
}

func TestJobylonCredentials(t *testing.T) {
	a, base := jobylonATS(t)
	for name, h := range map[string]map[string]string{
		"none":        nil,
		"no key":      {"X-App-Id": jobylonApp},
		"wrong key":   {"X-App-Id": jobylonApp, "X-App-Key": "nope"},
		"unknown app": {"X-App-Id": "other", "X-App-Key": jobylonKey},
	} {
		st, ans := jobylonPost(t, base, "/p1/applications/", h, kalle)
		require.Equal(t, http.StatusForbidden, st, name)
		require.Equal(t, "Invalid app credentials.", ans["detail"], name)
	}
	st, _ := jobylonPost(t, base, "/p1/applications", jobylonCreds, kalle)
	require.Equal(t, http.StatusNotFound, st, "the trailing slash is required")
	require.Empty(t, a.Received(""))
}

func TestJobylonRefuses(t *testing.T) {
	a, base := jobylonATS(t)
	a.CloseJob("jobylon", "999", true)
	for _, tc := range []struct {
		name   string
		fields [][2]string
		files  []formFile
		field  string // the key of the 400 answer
	}{
		{"no job_id", without(kalle, "job_id"), nil, "job_id"},
		{"job_id not a number", with(kalle, "job_id", "abc"), nil, "job_id"},
		{"no first_name", without(kalle, "first_name"), nil, "first_name"},
		{"no last_name", with(kalle, "last_name", " "), nil, "last_name"},
		{"no source_type", without(kalle, "source_type"), nil, "source_type"},
		{"unknown source_type", with(kalle, "source_type", "walked-in"), nil, "source_type"},
		{"no source_json", without(kalle, "source_json"), nil, "source_json"},
		{"source_json not an object", with(kalle, "source_json", `["x"]`), nil, "source_json"},
		{"source_json not JSON", with(kalle, "source_json", `{partner_name: x}`), nil, "source_json"},
		{"email without @", with(kalle, "email", "kalle"), nil, "email"},
		{"unknown file field", kalle, []formFile{{"other_6", "x.pdf", "application/pdf", "x"}}, "other_6"},
		{"closed job", with(kalle, "job_id", "999"), nil, "detail"},
	} {
		st, ans := jobylonPost(t, base, "/p1/applications/", jobylonCreds, tc.fields, tc.files...)
		require.Equal(t, http.StatusBadRequest, st, tc.name)
		require.Contains(t, ans, tc.field, tc.name)
	}
	require.Empty(t, a.Received(""))
}

func TestJobylonRecords(t *testing.T) {
	a, base := jobylonATS(t)
	cv := formFile{"cv", "Kalle CV.pdf", "application/pdf", "%PDF-1.7\x00\xff\r\n--"}
	other := formFile{"other_5", "betyg.pdf", "application/pdf", "%PDF grades"}
	st, ans := jobylonPost(t, base, "/p1/applications/", jobylonCreds, with(kalle, "message", "Hej"), cv, other)
	require.Equal(t, http.StatusCreated, st)
	id, ok := ans["id"].(float64)
	require.True(t, ok, "the id is a number: %v", ans)

	st, _, ans2 := post(t, base+"/p1/applications/", "application/json", strings.NewReader(
		`{"job_id": 123, "first_name": "Kalle", "last_name": "Kula", "cv_url": "https://files.example/cv.pdf",
		  "source_type": "applied-silent", "source_json": {"partner_name": "jobgate", "questions": [{"order": 1, "answer": 4}]}}`), jobylonCreds)
	require.Equal(t, http.StatusCreated, st)

	got := a.Received("jobylon")
	require.Len(t, got, 2)
	r := got[0]
	require.Equal(t, "jobylon-"+strconv.Itoa(int(id)), r.ID)
	require.Equal(t, jobylonApp, r.Account)
	require.Equal(t, "123456789", r.Job)
	require.Empty(t, r.IdempotencyKey)
	require.Equal(t, []string{"Hej"}, r.Fields["message"])
	require.Equal(t, []string{"applied"}, r.Fields["source_type"])
	require.Equal(t, []ReceivedFile{
		{Field: "cv", FileName: "Kalle CV.pdf", ContentType: "application/pdf", Data: []byte(cv.data)},
		{Field: "other_5", FileName: "betyg.pdf", ContentType: "application/pdf", Data: []byte(other.data)},
	}, r.Files)

	j := got[1]
	require.Equal(t, "123", j.Job, "a JSON number id")
	require.Equal(t, []string{`{"partner_name":"jobgate","questions":[{"order":1,"answer":4}]}`}, j.Fields["source_json"])
	require.Equal(t, []string{"https://files.example/cv.pdf"}, j.Fields["cv_url"])
	require.NotEmpty(t, j.Body)
	require.NotEqual(t, ans2["id"], ans["id"])
}

func TestJobylonFaultsAndHang(t *testing.T) {
	a, base := jobylonATS(t)
	a.Fault(ChannelFault429, 1)
	st, _ := jobylonPost(t, base, "/p1/applications/", jobylonCreds, kalle)
	require.Equal(t, http.StatusTooManyRequests, st)
	require.Empty(t, a.Received(""))
	require.Equal(t, 1, a.Faulted(), "the fault's answer is counted")

	a.HangAfterAccept(1)
	body, ct := multipartBody(t, kalle)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/p1/applications/", body)
	require.NoError(t, err)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("X-App-Id", jobylonApp)
	req.Header.Set("X-App-Key", jobylonKey)
	_, err = http.DefaultClient.Do(req)
	require.Error(t, err, "no answer")
	require.Len(t, a.Received("jobylon"), 1, "but Jobylon holds the application")
	require.Equal(t, 1, a.Faulted(), "a hang after accepting is the intake's, not a fault")
}

// TestJobylonConnectorRoundTrip sends jobgate's Jobylon applier's request
// to the simulator: it is accepted as sent, and the simulator's refusals
// are classified.
func TestJobylonConnectorRoundTrip(t *testing.T) {
	a, base := jobylonATS(t)
	integ := connectors.Integration{ID: "i1", Vendor: jobylon.Name,
		Settings: map[string]string{"app_id": jobylonApp, "push_url": base, "source_type": "applied-silent"},
		Secrets:  map[string]string{"app_key": jobylonKey}}
	cv := []byte("%PDF-1.7\n\x00\x01\xff binary")
	app := apply.Application{ID: "app-1", Source: "Jobgate",
		Candidate: apply.Candidate{FirstName: "Kalle", LastName: "Kula", Email: "kalle@kula.example", CoverLetter: "Hej"},
		Answers: []apply.Answer{{QuestionID: "q1", Question: "Stars?", Type: apply.TypeRange, Values: []string{"4"}, Document: -1},
			{QuestionID: "q2", Question: "Portfolio", Type: apply.TypeFile, Document: 1}},
		Documents: []apply.Document{{Kind: apply.KindCV, FileName: "cv.pdf", ContentType: "application/pdf", Data: cv},
			{Kind: apply.KindAnswer, FileName: "p.png", ContentType: "image/png", Data: []byte("\x89PNG")}}}
	job := connectors.Job{ID: "job-1", Reference: "4242"}
	c := jobylon.New(outboundtest.Client)
	rec, err := c.Apply(context.Background(), integ, job, app)
	require.NoError(t, err)
	got := a.Received("jobylon")
	require.Len(t, got, 1)
	require.Equal(t, "jobylon-"+rec.ATSID, got[0].ID)
	require.Equal(t, "4242", got[0].Job)
	require.Equal(t, []string{"applied-silent"}, got[0].Fields["source_type"])
	require.Equal(t, []string{"Hej"}, got[0].Fields["message"])
	var src struct {
		PartnerName string `json:"partner_name"`
		Questions   []struct {
			Order        int    `json:"order"`
			Question     string `json:"question"`
			QuestionType string `json:"question_type"`
			Answer       any    `json:"answer"`
		} `json:"questions"`
	}
	require.NoError(t, json.Unmarshal([]byte(got[0].Fields["source_json"][0]), &src))
	require.Equal(t, "Jobgate", src.PartnerName)
	require.Len(t, src.Questions, 2)
	require.InDelta(t, 4.0, src.Questions[0].Answer, 0)
	require.Equal(t, "other_1: p.png", src.Questions[1].Answer)
	require.Equal(t, []ReceivedFile{{Field: "cv", FileName: "cv.pdf", ContentType: "application/pdf", Data: cv},
		{Field: "other_1", FileName: "p.png", ContentType: "image/png", Data: []byte("\x89PNG")}}, got[0].Files)

	a.CloseJob("jobylon", "4242", true)
	_, err = c.Apply(context.Background(), integ, job, app)
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err), "a job the app cannot access is a refusal")
	require.ErrorContains(t, err, "not accessible")

	integ.Secrets = map[string]string{"app_key": "wrong-key"}
	_, err = c.Apply(context.Background(), integ, job, app)
	require.Equal(t, connectors.Unauthorised, connectors.ClassOf(err))
	require.NotContains(t, err.Error(), "wrong-key")
}
