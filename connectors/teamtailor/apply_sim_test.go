package teamtailor_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/teamtailor"
	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
)

const simKey = "tt-sim-key"

func simulated(t *testing.T) (*sim.ATS, *teamtailor.Connector) {
	a := sim.NewATS()
	a.SetKey("teamtailor", simKey)
	srv := httptest.NewServer(a)
	t.Cleanup(func() { a.Close(); srv.Close() })
	return a, teamtailor.New(nil, simKey).WithApply(srv.URL+"/teamtailor", "jb-1", outboundtest.Client)
}

var (
	simIntegration = connectors.Integration{ID: "i1", Vendor: teamtailor.Name, Settings: map[string]string{}}
	simJob         = connectors.Job{ID: "job_7", Reference: "teamtailor-23"}
)

func simApplication() apply.Application {
	return apply.Application{ID: "app_sim_1", JobID: "job_7", Source: "Jobgate",
		Candidate: apply.Candidate{FirstName: "Kari", LastName: "Nordmann", Email: "kari@example.no", Phone: "+4790000000"},
		Answers: []apply.Answer{
			{QuestionID: "4", Type: apply.TypeSelect, Values: []string{"false"}, Document: -1},
			{QuestionID: "5", Type: apply.TypeMultiselect, Values: []string{"2"}, Document: -1},
			{QuestionID: "8", Type: apply.TypeFile, Document: 1},
			{QuestionID: "10", Type: apply.TypeDate, Values: []string{"1990-01-31"}, Document: -1},
		},
		Consents: []apply.ConsentGiven{{Type: apply.ConsentPrivacyPolicy, Accepted: true}},
		Documents: []apply.Document{
			{Kind: apply.KindCV, FileName: "cv.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.7 cv\x00\xff")},
			{Kind: apply.KindAnswer, FileName: "diploma.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.7 diploma")},
		},
	}
}

// TestSimulatedTeamtailor drives the connector against the simulated
// Direct Apply API: the form, an application delivered twice (one
// application in Teamtailor), and what Teamtailor holds.
func TestSimulatedTeamtailor(t *testing.T) {
	a, c := simulated(t)
	ctx := context.Background()
	form, err := c.ApplicationForm(ctx, simIntegration, simJob)
	require.NoError(t, err)
	require.True(t, form.Open)
	require.Len(t, form.Questions, 9)
	require.Equal(t, apply.Optional, form.Requirement(apply.FieldCV))

	app := simApplication()
	r1, err := c.Apply(ctx, simIntegration, simJob, app)
	require.NoError(t, err)
	r2, err := c.Apply(ctx, simIntegration, simJob, app)
	require.NoError(t, err)
	require.NotEmpty(t, r1.ATSID)
	require.Equal(t, r1, r2, "the redelivery is the same application")

	got := a.Received("teamtailor")
	require.Len(t, got, 1)
	rec := got[0]
	require.Equal(t, 2, rec.Deliveries)
	require.Equal(t, r1.ATSID, rec.ID)
	require.Equal(t, "jb-1", rec.Account)
	require.Equal(t, "teamtailor-23", rec.Job)
	require.Equal(t, app.ID, rec.IdempotencyKey)
	for k, v := range map[string][]string{
		"candidate.first-name": {"Kari"}, "candidate.last-name": {"Nordmann"}, "candidate.email": {"kari@example.no"},
		"candidate.phone": {"+4790000000"}, "answers.4": {"false"}, "answers.5": {"2"}, "answers.10": {"31/01/1990"},
		"consents.privacy_policy": {"true"}, "analytics.referring-site": {"Jobgate"},
	} {
		require.Equal(t, v, rec.Fields[k], k)
	}
	require.Equal(t, []sim.ReceivedFile{
		{Field: "resume", FileName: "cv.pdf", ContentType: "application/pdf", Data: app.Documents[0].Data},
		{Field: "answers.8", FileName: "diploma.pdf", ContentType: "application/pdf", Data: app.Documents[1].Data},
	}, rec.Files, "byte for byte")
}

func TestSimulatedTeamtailorClosedJob(t *testing.T) {
	a, c := simulated(t)
	ctx := context.Background()
	a.CloseJob(teamtailor.Name, simJob.Reference, true)
	form, err := c.ApplicationForm(ctx, simIntegration, simJob)
	require.NoError(t, err)
	require.False(t, form.Open, "job_status expired")
	_, err = c.Apply(ctx, simIntegration, simJob, simApplication())
	require.True(t, errors.Is(err, connectors.ErrJobClosed), "%v", err)
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.Empty(t, a.Received(""))
}

func TestSimulatedTeamtailorWrongKey(t *testing.T) {
	a, c := simulated(t)
	a.SetKey("teamtailor", "rotated at Teamtailor")
	_, err := c.ApplicationForm(context.Background(), simIntegration, simJob)
	require.Equal(t, connectors.Unauthorised, connectors.ClassOf(err))
	_, err = c.Apply(context.Background(), simIntegration, simJob, simApplication())
	require.Equal(t, connectors.Unauthorised, connectors.ClassOf(err))
	require.Empty(t, a.Received(""))
}

func TestSimulatedTeamtailorFaults(t *testing.T) {
	a, c := simulated(t)
	a.Fault(sim.ChannelFault5xx, 1)
	_, err := c.Apply(context.Background(), simIntegration, simJob, simApplication())
	require.Equal(t, connectors.Retryable, connectors.ClassOf(err))
	r, err := c.Apply(context.Background(), simIntegration, simJob, simApplication())
	require.NoError(t, err)
	require.NotEmpty(t, r.ATSID)
	require.Len(t, a.Received("teamtailor"), 1)
}
