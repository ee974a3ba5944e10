package jobylon

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
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/connectortest"
	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
)

// appKey stands for the app key Jobylon issued: no error may quote it.
const appKey = "jbl-key-5b0e2d7c9a8f4e3d2c1b0a9f8e7d6c5b"

const (
	pushGolden   = "../../testdata/jobylon/jobylon-push-application.golden.json"
	sourceGolden = "../../testdata/jobylon/jobylon-push-application.source_json.golden.json"
	pushExample  = "../../testdata/jobylon/jobylon-push-application-request.txt"
	pushAnswer   = "../../testdata/jobylon/jobylon-push-application-response.txt"
)

// updating reports -update, the flag connectortest registers.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if updating() {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run with -update to write it")
	require.Equal(t, string(want), string(got))
}

// part is one part of a multipart body as Jobylon reads it.
type part = connectortest.Part

// intake is a fake Push API: it keeps the last request and answers with
// answer.
type intake struct {
	mu     sync.Mutex
	method string
	path   string
	header http.Header
	parts  []part
	answer func(w http.ResponseWriter)
}

func (in *intake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.method, in.path, in.header, in.parts = r.Method, r.URL.Path, r.Header.Clone(), nil
	parts, err := connectortest.ReadParts(r.Header.Get("Content-Type"), r.Body)
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
	w.WriteHeader(http.StatusCreated)
	_, _ = io.WriteString(w, `{"id": 123}`)
}

func (in *intake) value(name string) string {
	for _, p := range in.parts {
		if p.Name == name {
			return p.Value
		}
	}
	return ""
}

func startIntake(t *testing.T, in *intake) string {
	srv := httptest.NewServer(in)
	t.Cleanup(srv.Close)
	return srv.URL
}

func pushIntegration(pushURL string) connectors.Integration {
	return connectors.Integration{ID: "i1", Vendor: Name,
		Settings: map[string]string{"app_id": "jobgate-app-7", "push_url": pushURL},
		Secrets:  map[string]string{"app_key": appKey, "feed_url": "https://feed.example/feeds/" + hash + "/"}}
}

var cvBytes = append([]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), bytes.Repeat([]byte{0, 1, 2, 0xff, '\r', '\n', '-', '-'}, 512)...)

func pushJob() connectors.Job {
	return connectors.Job{ID: "job-1", Reference: "123456789", URL: "https://board.example/jobs/job-1"}
}

// sample is an invented candidate's application with an answer of every
// question type and every kind of document.
func sample() apply.Application {
	return apply.Application{ID: "app-0001", JobID: "job-1", Source: "jobgate-board",
		SubmittedAt: time.Date(2026, time.July, 1, 12, 0, 0, 0, time.UTC),
		Candidate: apply.Candidate{FirstName: "Kalle", LastName: "Kula", Email: "kalle@kula.example",
			Phone: "+4670-123456789", CoverLetter: "Hej!\nJag söker tjänsten."},
		Answers: []apply.Answer{
			{QuestionID: "q1", Question: "Why should we hire you?", Type: apply.TypeTextarea, Values: []string{"Because I am great!\nReally."}, Document: -1},
			{QuestionID: "q2", Question: "Rank your Go skills", Type: apply.TypeRange, Values: []string{"4"}, Document: -1},
			{QuestionID: "q3", Question: "Where can you work?", Type: apply.TypeMultiselect, Values: []string{"London", "Stockholm"}, Document: -1},
			{QuestionID: "q4", Question: "Do you have an EU work permit?", Type: apply.TypeSelect, Values: []string{"yes"}, Document: -1},
			{QuestionID: "q5", Question: "Years of experience", Type: apply.TypeNumber, Values: []string{"7"}, Document: -1},
			{QuestionID: "q6", Question: "Earliest start", Type: apply.TypeDate, Values: []string{"2026-09-01"}, Document: -1},
			{QuestionID: "q7", Question: "Your portfolio", Type: apply.TypeFile, Document: 3},
			{QuestionID: "q8", Question: "Your current title", Type: apply.TypeText, Values: []string{"Developer"}, Document: -1},
		},
		Consents: []apply.ConsentGiven{{Type: apply.ConsentPrivacyPolicy, Accepted: true}},
		Documents: []apply.Document{
			{Kind: apply.KindCoverLetter, FileName: "brev.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.7 letter")},
			{Kind: apply.KindCV, FileName: "Kalle Kula CV.pdf", ContentType: "application/pdf", Data: cvBytes},
			{Kind: apply.KindOther, FileName: "betyg.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.7 grades")},
			{Kind: apply.KindAnswer, FileName: "portfolio.png", ContentType: "image/png", Data: []byte("\x89PNG\r\n\x1a\nportfolio")},
		}}
}

// TestApplyRequest checks the exact request: path with its slash,
// headers, multipart fields in order, source_json
// (testdata/jobylon/jobylon-push-application*.golden.json) and the files'
// bytes.
func TestApplyRequest(t *testing.T) {
	in := &intake{}
	base := startIntake(t, in)
	app := sample()
	rec, err := New(outboundtest.Client).Apply(context.Background(), pushIntegration(base), pushJob(), app)
	require.NoError(t, err)
	require.Equal(t, apply.Receipt{ATSID: "123"}, rec)

	require.Equal(t, http.MethodPost, in.method)
	require.Equal(t, "/p1/applications/", in.path)
	require.Equal(t, "jobgate-app-7", in.header.Get("X-App-Id"))
	require.Equal(t, appKey, in.header.Get("X-App-Key"))
	mt, _, err := mime.ParseMediaType(in.header.Get("Content-Type"))
	require.NoError(t, err)
	require.Equal(t, "multipart/form-data", mt)

	files := map[string][]byte{}
	for _, p := range in.parts {
		if p.FileName != "" {
			files[p.Name] = p.Data
		}
	}
	require.Equal(t, map[string][]byte{"cover_letter": app.Documents[0].Data, "cv": cvBytes,
		"other_1": app.Documents[2].Data, "other_2": app.Documents[3].Data}, files, "every file byte for byte, in its field")

	got, err := json.MarshalIndent(in.parts, "", "  ")
	require.NoError(t, err)
	compareGolden(t, pushGolden, append(got, '\n'))

	var src map[string]any
	require.NoError(t, json.Unmarshal([]byte(in.value("source_json")), &src), "source_json is a JSON object")
	var pretty bytes.Buffer
	require.NoError(t, json.Indent(&pretty, []byte(in.value("source_json")), "", "  "))
	compareGolden(t, sourceGolden, append(pretty.Bytes(), '\n'))
}

// TestSourceJSONNamesAsJobylonsExample: every key of our source_json is a
// key of Jobylon's request example (which is not valid JSON, so it is
// searched as text).
func TestSourceJSONNamesAsJobylonsExample(t *testing.T) {
	example, err := os.ReadFile(pushExample)
	require.NoError(t, err)
	files, err := fileFields(sample().Documents)
	require.NoError(t, err)
	raw, err := json.Marshal(source(sample(), files))
	require.NoError(t, err)
	keys := regexp.MustCompile(`"([a-z_]+)":`).FindAllStringSubmatch(string(raw), -1)
	require.NotEmpty(t, keys)
	for _, k := range keys {
		require.Contains(t, string(example), `"`+k[1]+`":`, "source_json key %s", k[1])
	}
	for _, typ := range []string{qText, qRange, qSelectOne, qSelectMultiple} {
		require.Contains(t, string(example), `"question_type": "`+typ+`"`)
	}
	// Answers typed as in the example: a range is a number, a multiselect a list.
	var src struct {
		Questions []struct {
			Order        int             `json:"order"`
			QuestionType string          `json:"question_type"`
			Answer       json.RawMessage `json:"answer"`
		} `json:"questions"`
	}
	require.NoError(t, json.Unmarshal(raw, &src))
	require.Len(t, src.Questions, 8)
	want := []struct{ typ, answer string }{
		{qText, `"Because I am great!\nReally."`}, {qRange, `4`}, {qSelectMultiple, `["London","Stockholm"]`},
		{qSelectOne, `"yes"`}, {qText, `"7"`}, {qText, `"2026-09-01"`}, {qText, `"other_2: portfolio.png"`}, {qText, `"Developer"`},
	}
	for i, w := range want {
		require.Equal(t, i+1, src.Questions[i].Order)
		require.Equal(t, w.typ, src.Questions[i].QuestionType, "question %d", i+1)
		require.JSONEq(t, w.answer, string(src.Questions[i].Answer), "question %d", i+1)
	}
}

func TestSourceJSONEdges(t *testing.T) {
	s := source(apply.Application{Source: "b"}, nil)
	raw, err := json.Marshal(s)
	require.NoError(t, err)
	require.JSONEq(t, `{"partner_name":"b","questions":[]}`, string(raw), "no answers is an empty list")

	s = source(apply.Application{Answers: []apply.Answer{
		{Question: "r", Type: apply.TypeRange, Values: []string{"2.50"}},
		{Question: "r", Type: apply.TypeRange, Values: []string{"NaN"}},
		{Question: "r", Type: apply.TypeRange, Values: []string{"lots"}},
		{Question: "m", Type: apply.TypeMultiselect},
		{Question: "f", Type: apply.TypeFile, Document: 5},
		{Question: "x", Type: "color", Values: []string{"red"}},
	}}, nil)
	raw, err = json.Marshal(s)
	require.NoError(t, err)
	require.JSONEq(t, `{"partner_name":"","questions":[
		{"order":1,"question":"r","question_type":"range","answer":2.5},
		{"order":2,"question":"r","question_type":"range","answer":"NaN"},
		{"order":3,"question":"r","question_type":"range","answer":"lots"},
		{"order":4,"question":"m","question_type":"select-multiple","answer":[]},
		{"order":5,"question":"f","question_type":"text","answer":""},
		{"order":6,"question":"x","question_type":"text","answer":"red"}]}`, string(raw))
}

func TestFileFields(t *testing.T) {
	doc := func(kind string) apply.Document { return apply.Document{Kind: kind} }
	f, err := fileFields([]apply.Document{doc(apply.KindCV), doc(apply.KindCV), doc(apply.KindCoverLetter), doc(apply.KindCoverLetter), doc(apply.KindAnswer)})
	require.NoError(t, err)
	require.Equal(t, []string{"cv", "other_1", "cover_letter", "other_2", "other_3"}, f, "a second CV or letter is another file")

	var six []apply.Document
	for range 6 {
		six = append(six, doc(apply.KindOther))
	}
	_, err = fileFields(six)
	require.ErrorContains(t, err, "at most 5")

	in := &intake{}
	base := startIntake(t, in)
	app := sample()
	app.Documents = append(app.Documents, six...)
	_, err = New(outboundtest.Client).Apply(context.Background(), pushIntegration(base), pushJob(), app)
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.ErrorContains(t, err, "the application has 8")
	require.Empty(t, in.path, "nothing was sent")
}

// TestApplyOptionalFields: empty fields are not sent and source_type
// follows the setting.
func TestApplyOptionalFields(t *testing.T) {
	in := &intake{}
	base := startIntake(t, in)
	integ := pushIntegration(base + "/")
	integ.Settings["source_type"] = "applied-silent"
	app := apply.Application{ID: "a2", Candidate: apply.Candidate{FirstName: "Ola", LastName: "Nordmann", Email: "ola@example.no"}}
	_, err := New(outboundtest.Client).Apply(context.Background(), integ, pushJob(), app)
	require.NoError(t, err)
	require.Equal(t, "/p1/applications/", in.path)
	var names []string
	for _, p := range in.parts {
		names = append(names, p.Name)
	}
	require.Equal(t, []string{"job_id", "first_name", "last_name", "email", "source_type", "source_json"}, names)
	require.Equal(t, "applied-silent", in.value("source_type"))
	require.JSONEq(t, `{"partner_name":"","questions":[]}`, in.value("source_json"))
}

// TestApplyAnswers classifies Jobylon's answers; no error quotes the key.
func TestApplyAnswers(t *testing.T) {
	example, err := os.ReadFile(pushAnswer)
	require.NoError(t, err)
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
		{name: "201", ok: true, status: 201, body: `{"id": 123}`, want: "123"},
		{name: "201 string id", ok: true, status: 201, body: `{"id": "a-9"}`, want: "a-9"},
		{name: "201 as the docs' example", ok: true, status: 201, body: string(example), want: "123"},
		{name: "200 without an id", ok: true, status: 200, body: `{}`, want: ""},
		{name: "201 not JSON", ok: true, status: 201, body: `created`, want: ""},
		{name: "400", status: 400, body: `{"detail":"Job does not exist or is not accessible."}`, class: connectors.Permanent, want: "status 400: Job does not exist"},
		{name: "400 field errors", status: 400, body: `{"first_name":["This field is required."]}`, class: connectors.Permanent, want: "This field is required."},
		{name: "401", status: 401, body: `{"detail":"no"}`, class: connectors.Unauthorised, want: "status 401"},
		{name: "403", status: 403, body: `{"detail":"Invalid app key"}`, class: connectors.Unauthorised, want: "Invalid app key"},
		{name: "403 quoting the key", status: 403, body: `{"detail":"Invalid app key ` + appKey + `"}`, class: connectors.Unauthorised, want: "Invalid app key ***"},
		{name: "405", status: 405, body: `{"detail":"Method \"GET\" not allowed."}`, class: connectors.Permanent, want: "status 405"},
		{name: "409", status: 409, body: `{"detail":"closed"}`, class: connectors.Permanent, closed: true, want: "status 409"},
		{name: "410 quoting the key", status: 410, body: `{"detail":"gone ` + appKey + `"}`, class: connectors.Permanent, closed: true, want: "***"},
		{name: "429 with Retry-After", status: 429, header: map[string]string{"Retry-After": "12"}, body: `{"detail":"slow down"}`, class: connectors.Backpressure, retryAfter: 12 * time.Second, want: "status 429"},
		{name: "429 without Retry-After", status: 429, body: ``, class: connectors.Backpressure, retryAfter: time.Second, want: "status 429"},
		{name: "500", status: 500, body: `<html>Server Error</html>`, class: connectors.Retryable, want: "status 500"},
	} {
		t.Run(c.name, func(t *testing.T) {
			base := startIntake(t, &intake{answer: func(w http.ResponseWriter) {
				for k, v := range c.header {
					w.Header().Set(k, v)
				}
				w.WriteHeader(c.status)
				_, _ = io.WriteString(w, c.body)
			}})
			rec, err := New(outboundtest.Client).Apply(context.Background(), pushIntegration(base), pushJob(), sample())
			if c.ok {
				require.NoError(t, err)
				require.Equal(t, c.want, rec.ATSID)
				return
			}
			require.Error(t, err)
			require.NotContains(t, err.Error(), appKey)
			require.NotContains(t, err.Error(), "kalle@", "no candidate data in errors")
			require.Equal(t, c.class, connectors.ClassOf(err), err.Error())
			require.Equal(t, c.closed, errors.Is(err, connectors.ErrJobClosed), err.Error())
			require.Equal(t, c.retryAfter, connectors.RetryAfterOf(err))
			require.Contains(t, err.Error(), c.want)
			require.Contains(t, err.Error(), "jobylon: job 123456789")
		})
	}
}

func TestApplyNetworkError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	base := srv.URL
	srv.Close()
	_, err := New(outboundtest.Client).Apply(context.Background(), pushIntegration(base), pushJob(), sample())
	require.Error(t, err)
	require.Equal(t, connectors.Retryable, connectors.ClassOf(err))
	require.NotContains(t, err.Error(), appKey)
}

func TestApplyRefusesBeforeSending(t *testing.T) {
	in := &intake{}
	base := startIntake(t, in)
	for name, mutate := range map[string]func(*connectors.Integration){
		"no app id":  func(i *connectors.Integration) { delete(i.Settings, "app_id") },
		"no app key": func(i *connectors.Integration) { i.Secrets["app_key"] = " " },
	} {
		integ := pushIntegration(base)
		mutate(&integ)
		_, err := New(outboundtest.Client).Apply(context.Background(), integ, pushJob(), sample())
		require.Equal(t, connectors.Unauthorised, connectors.ClassOf(err), name)
		require.ErrorContains(t, err, "app_key", name)
	}
	bad := pushIntegration("ftp://jobylon.example")
	_, err := New(outboundtest.Client).Apply(context.Background(), bad, pushJob(), sample())
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.ErrorContains(t, err, "setting push_url")

	_, err = New(outboundtest.Client).Apply(context.Background(), pushIntegration(base), connectors.Job{ID: "job-9"}, sample())
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.ErrorContains(t, err, "no Jobylon job id")
	require.Empty(t, in.path, "nothing was sent")
}

func TestPushSettings(t *testing.T) {
	feed := "https://feed.jobylon.com/feeds/" + hash + "/"
	for _, c := range []struct {
		name, pushURL, sourceType string
		endpoint, source          string // empty endpoint: refused, naming the setting in source
	}{
		{"defaults", "", "", "https://www.jobylon.com/p1/applications/", "applied"},
		{"staging", StagingPushURL, "applied-silent", "https://staging.jobylon.com/p1/applications/", "applied-silent"},
		{"trailing slash", "https://staging.jobylon.com/", "", "https://staging.jobylon.com/p1/applications/", "applied"},
		{"the whole endpoint", "https://staging.jobylon.com/p1/applications/", "", "https://staging.jobylon.com/p1/applications/", "applied"},
		{"the endpoint without its slash", "https://staging.jobylon.com/p1/applications", "", "https://staging.jobylon.com/p1/applications/", "applied"},
		{"a path prefix", "http://127.0.0.1:8080/jobylon", "", "http://127.0.0.1:8080/jobylon/p1/applications/", "applied"},
		{"relative", "www.jobylon.com", "", "", "push_url"},
		{"ftp", "ftp://www.jobylon.com", "", "", "push_url"},
		{"query", "https://www.jobylon.com/?x=1", "", "", "push_url"},
		{"recommended", "", "recommended", "", "source_type"},
		{"unknown source type", "", "Applied", "", "source_type"},
	} {
		settings := map[string]string{"feed_url": feed, "push_url": c.pushURL, "source_type": c.sourceType}
		cfg, err := parsePush(settings)
		cerr := New(outboundtest.Client).CheckSettings(settings)
		if c.endpoint == "" {
			require.ErrorContains(t, err, "setting "+c.source, c.name)
			require.ErrorContains(t, cerr, "setting "+c.source, c.name)
			continue
		}
		require.NoError(t, err, c.name)
		require.NoError(t, cerr, c.name)
		require.Equal(t, c.endpoint, cfg.endpoint, c.name)
		require.Equal(t, c.source, cfg.sourceType, c.name)
	}
}

func TestApplicationForm(t *testing.T) {
	f, err := New(outboundtest.Client).ApplicationForm(context.Background(), pushIntegration(""), pushJob())
	require.NoError(t, err)
	require.True(t, f.Open)
	require.Equal(t, apply.StandardFields(), f.Fields)
	require.Equal(t, apply.Required, f.Requirement(apply.FieldFirstName))
	require.Equal(t, apply.Required, f.Requirement(apply.FieldLastName))
	require.Len(t, f.Consents, 1)
	require.Equal(t, apply.ConsentPrivacyPolicy, f.Consents[0].Type)
	require.True(t, f.Consents[0].Required)
}
