package lever_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/lever"
	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
)

const (
	simPostingsKey = "lever-postings-key-0001"
	simAPIKey      = "lever-api-key-0002"
	simPosting     = "5ac21346-8e0c-4494-8e7a-3eb92ff77902"
	simCard        = "3ec8d5c0-1a2b-4c3d-8e9f-0a1b2c3d4e5f"
)

// requiredForm is an account that requires a custom question, a LinkedIn
// URL, an EEO answer and the phone, and asks an optional EEO question too.
var requiredForm = sim.LeverForm{
	Personal: []sim.LeverField{{Name: "phone", Text: "Phone", Required: true}},
	Cards: []sim.LeverCard{{ID: simCard, Text: "Questions", Fields: []sim.LeverField{
		{Type: "multiple-choice", Text: "Do you hold a work permit for Norway?", Required: true, Options: []string{"Yes", "No"}},
		{Type: "textarea", Text: "Anything else?"},
	}}},
	URLs: []sim.LeverField{{Name: "LinkedIn", Required: true}, {Name: "GitHub"}},
	EEO: map[string]sim.LeverField{
		"gender":  {Type: "dropdown", Text: "Gender", Required: true, Options: []string{"Female", "Male", "Decline to self-identify"}},
		"veteran": {Type: "dropdown", Text: "Veteran status", Options: []string{"Yes", "No"}},
	},
}

// simLever is the simulated Lever account acme with requiredForm, and the
// connector logging to the returned buffer.
func simLever(t *testing.T) (*sim.ATS, *httptest.Server, *lever.Connector, *bytes.Buffer) {
	a := sim.NewATS()
	a.SetKey("acme", simPostingsKey)
	a.SetLeverAPIKey("acme", simAPIKey)
	a.SetLeverForm("acme", requiredForm)
	srv := httptest.NewServer(a)
	t.Cleanup(func() { a.Close(); srv.Close() })
	var logs bytes.Buffer
	return a, srv, lever.New(outboundtest.Client).WithLogger(slog.New(slog.NewTextHandler(&logs, nil))), &logs
}

func simIntegration(base string, withAPIKey bool) connectors.Integration {
	in := connectors.Integration{ID: "int_1", Vendor: lever.Name, Settings: map[string]string{"site": "acme", "base_url": base},
		Secrets: map[string]string{"api_key": simPostingsKey}}
	if withAPIKey {
		in.Secrets["data_api_key"] = simAPIKey
	}
	return in
}

var simJob = connectors.Job{ID: "job_1", Reference: simPosting}

func simApplication(answers ...apply.Answer) apply.Application {
	return apply.Application{ID: "app_1", JobID: "job_1", Source: "Jobgate",
		Candidate: apply.Candidate{FirstName: "Kari", LastName: "Nordmann", Email: "kari.nordmann@example.no", Phone: "+47 912 34 567"},
		Consents:  []apply.ConsentGiven{{Type: apply.ConsentPrivacyPolicy, Accepted: true}},
		Answers:   answers,
	}
}

// TestFormAsksPostingQuestions: with the account's Lever API key the form
// asks what the account requires (the custom question with its options,
// the URLs, the required EEO question but not the optional one) and makes
// the phone required; without the key it is the standard form (issue 15,
// Lever: the form shows the required question when credentials are
// present).
func TestFormAsksPostingQuestions(t *testing.T) {
	a, srv, c, _ := simLever(t)
	f, err := c.ApplicationForm(context.Background(), simIntegration(srv.URL, true), simJob)
	require.NoError(t, err)
	require.Equal(t, 1, a.LeverQuestionReads("acme"))
	require.Equal(t, apply.Required, f.Requirement(apply.FieldPhone), "Lever's personal information makes the phone required")
	q, ok := f.Question("card." + simCard + ".0")
	require.True(t, ok, "%+v", f.Questions)
	require.Equal(t, apply.TypeSelect, q.Type)
	require.True(t, q.Required)
	require.Equal(t, "Do you hold a work permit for Norway?", q.Text)
	require.Equal(t, []apply.Option{{Value: "Yes", Label: "Yes"}, {Value: "No", Label: "No"}}, q.Options)
	q, ok = f.Question("card." + simCard + ".1")
	require.True(t, ok)
	require.False(t, q.Required)
	require.Equal(t, apply.TypeTextarea, q.Type)
	q, ok = f.Question("url.LinkedIn")
	require.True(t, ok)
	require.True(t, q.Required)
	q, ok = f.Question("url.GitHub")
	require.True(t, ok)
	require.False(t, q.Required)
	q, ok = f.Question("eeo.gender")
	require.True(t, ok)
	require.True(t, q.Required)
	_, ok = f.Question("eeo.veteran")
	require.False(t, ok, "an optional EEO question (special-category data) is not asked")

	f, err = c.ApplicationForm(context.Background(), simIntegration(srv.URL, false), simJob)
	require.NoError(t, err)
	require.Empty(t, f.Questions, "without a Lever API key the account's form cannot be read")
	require.Equal(t, apply.StandardFields(), f.Fields)
}

// TestFormFallsBack: a Lever that refuses the key or is down does not
// close the form: the posting's last questions stand in, or the standard
// form when there are none, and a log line says so without the key.
func TestFormFallsBack(t *testing.T) {
	a, srv, c, logs := simLever(t)
	in := simIntegration(srv.URL, true)
	in.Secrets["data_api_key"] = "not-the-key-0003"
	f, err := c.ApplicationForm(context.Background(), in, simJob)
	require.NoError(t, err)
	require.Empty(t, f.Questions)
	require.Equal(t, apply.StandardFields(), f.Fields)
	require.Contains(t, logs.String(), "fallback=\"standard form\"")
	require.Contains(t, logs.String(), "class=unauthorised")
	require.NotContains(t, logs.String(), "not-the-key-0003")

	_, err = c.ApplicationForm(context.Background(), simIntegration(srv.URL, true), simJob)
	require.NoError(t, err)
	a.Close()
	srv.Close()
	logs.Reset()
	f, err = c.ApplicationForm(context.Background(), simIntegration(srv.URL, true), simJob)
	require.NoError(t, err, "Lever down: the form still opens")
	_, ok := f.Question("url.LinkedIn")
	require.True(t, ok, "the posting's last questions stand in")
	require.Contains(t, logs.String(), "fallback=\"last questions read\"")
	require.NotContains(t, logs.String(), simAPIKey)
}

// TestApplyMissingRequiredNeedsAttention: an application without what the
// account requires is refused by Lever with 400 naming the field; the
// connector reports it as needing attention (not a plain permanent
// failure), with Lever's message and no candidate data. With the answers
// it is taken, each in the field Lever reads (issue 15, Lever).
func TestApplyMissingRequiredNeedsAttention(t *testing.T) {
	a, srv, c, _ := simLever(t)
	_, err := c.Apply(context.Background(), simIntegration(srv.URL, false), simJob, simApplication())
	require.Error(t, err)
	require.True(t, connectors.NeedsAttention(err), err.Error())
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.Contains(t, err.Error(), "status 400: Missing required field: cards["+simCard+"][field0]")
	require.NotContains(t, err.Error(), "kari")
	require.Empty(t, a.Received("lever"))

	answers := []apply.Answer{
		{QuestionID: "card." + simCard + ".0", Type: apply.TypeSelect, Values: []string{"Yes"}, Document: -1},
		{QuestionID: "card." + simCard + ".1", Type: apply.TypeTextarea, Values: []string{"Nei"}, Document: -1},
		{QuestionID: "url.LinkedIn", Type: apply.TypeText, Values: []string{"https://www.linkedin.com/in/kari"}, Document: -1},
		{QuestionID: "eeo.gender", Type: apply.TypeSelect, Values: []string{"Female"}, Document: -1},
	}
	rec, err := c.Apply(context.Background(), simIntegration(srv.URL, true), simJob, simApplication(answers...))
	require.NoError(t, err)
	got := a.Received("lever")
	require.Len(t, got, 1)
	require.Equal(t, got[0].ID, rec.ATSID)
	require.Equal(t, []string{"Yes"}, got[0].Fields["cards["+simCard+"][field0]"])
	require.Equal(t, []string{"Nei"}, got[0].Fields["cards["+simCard+"][field1]"])
	require.Equal(t, []string{"https://www.linkedin.com/in/kari"}, got[0].Fields["urls[LinkedIn]"])
	require.Equal(t, []string{"Female"}, got[0].Fields["eeo[gender]"])
}

// TestSimQuestionsNeedTheAPIKey: the simulated questions endpoint answers
// only the site's Lever API key, by HTTP Basic with no password.
func TestSimQuestionsNeedTheAPIKey(t *testing.T) {
	_, srv, _, _ := simLever(t)
	for name, c := range map[string]struct {
		user, pass string
		basic      bool
		want       int
	}{
		"none":          {want: http.StatusUnauthorized},
		"postings key":  {user: simPostingsKey, basic: true, want: http.StatusUnauthorized},
		"with password": {user: simAPIKey, pass: "x", basic: true, want: http.StatusUnauthorized},
		"api key":       {user: simAPIKey, basic: true, want: http.StatusOK},
	} {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/v1/postings/"+simPosting+"/apply", nil)
		if c.basic {
			req.SetBasicAuth(c.user, c.pass)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.Equal(t, c.want, resp.StatusCode, name)
		if c.want == http.StatusOK {
			require.Contains(t, string(body), `"customQuestions"`)
		} else {
			require.Contains(t, string(body), `"code":"UnauthorizedError"`)
		}
	}
}
