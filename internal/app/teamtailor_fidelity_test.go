package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/apply/applytest"
)

// TestTeamtailorSignedGets: Teamtailor signs its configuration and
// validation requests (GET config, GET validate) like its webhooks
// (Teamtailor-Signature over "<t>." and the empty body); an unsigned, a
// wrongly signed, a stale or a replayed one is refused 401 in Teamtailor's
// {"errors":[...]} shape, a signed one answered (issue 15, Teamtailor:
// signed GETs).
func TestTeamtailorSignedGets(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		_, _, tt := teamtailorTenant(t, s)
		ctx := context.Background()
		gets := map[string]func(sim.Fault) (sim.Response, error){
			"config":   func(f sim.Fault) (sim.Response, error) { return tt.Config(ctx, 1, f) },
			"validate": func(f sim.Fault) (sim.Response, error) { return tt.Validate(ctx, f) },
		}
		for name, get := range gets {
			for _, f := range []sim.Fault{sim.Unsigned, sim.WrongKey, sim.Expired, sim.Future} {
				r, err := get(f)
				require.NoError(t, err)
				require.Equal(t, http.StatusUnauthorized, r.Status, "%s %s: %s", name, f, r.Body)
				require.NotEmpty(t, r.JSON()["errors"], "%s %s: Teamtailor's error shape", name, f)
			}
			r, err := get(sim.None)
			require.NoError(t, err)
			require.Equal(t, http.StatusOK, r.Status, "%s signed: %s", name, r.Body)
		}

		// The headers of a signed GET are accepted once: replayed on the
		// GET itself, or on a DELETE (the same empty body), they are refused.
		replay := tt
		replay.Now = func() time.Time { return time.Now().Add(-time.Minute) }
		r, err := replay.Validate(ctx, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		r, err = replay.Config(ctx, 1, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusUnauthorized, r.Status, "the same signature again")
		require.NotEmpty(t, r.JSON()["errors"])
	})
}

// TestTeamtailorEndDate: Teamtailor's end-date is when the ad is unlisted,
// midnight in the company's zone ("2030-03-31T00:00:00+02:00"), so the
// ad's deadline, its last day, is 30 March, not 31 (issue 15, Teamtailor:
// end date one day late).
func TestTeamtailorEndDate(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		integ, _, tt := teamtailorTenant(t, s)
		ctx := context.Background()
		for ref, endDate := range map[string]string{"summer": "2030-03-31T00:00:00+02:00", "winter": "2030-01-31T00:00:00+01:00"} {
			event := teamtailorEvent(t)
			event["id"], event["reference-id"] = "event-"+ref, ref
			event["job"].(map[string]any)["end-date"] = endDate
			r, err := tt.Post(ctx, event, sim.None)
			require.NoError(t, err)
			require.Equal(t, http.StatusOK, r.Status, string(r.Body))
			rec, err := s.Env.Store.GetAd(ctx, integ, ref)
			require.NoError(t, err)
			var a ad.Ad
			require.NoError(t, json.Unmarshal(rec.Content, &a))
			require.Equal(t, strings.Replace(endDate[:10], "-31", "-30", 1), a.Deadline, "unlisted at %s", endDate)
		}
	})
}

// TestTeamtailorUnlimitedAnswersExternalID: an "unlimited" integration
// (mode=unlimited) is sent every job; one outside its chosen departments
// is not published, and still answered 200 with the externalId Teamtailor
// requires of every answer (issue 15, Teamtailor: unlimited without
// externalId). The simulated Teamtailor refuses a 200 without it
// (sim.ErrNoExternalID).
func TestTeamtailorUnlimitedAnswersExternalID(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		integ, key := s.VendorTenant(t, "teamtailor", map[string]string{"mode": "unlimited", "departments": "sales"})
		tt := sim.Teamtailor{BaseURL: s.URL + "/connectors/teamtailor", Secret: apptest.TeamtailorSecret, APIKey: key,
			Now: sim.Stepping(time.Now(), time.Second)}
		ctx := context.Background()
		externalID := func(r sim.Response) string { return r.JSON()["body"].(map[string]any)["externalId"].(string) }

		event := teamtailorEvent(t) // department "Business Marketing": not chosen
		r, err := tt.Post(ctx, event, sim.None)
		require.NoError(t, err, "Teamtailor requires externalId in a 200 answer")
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		require.Equal(t, "1", externalID(r), "a job never listed is named by its reference-id")
		require.NotContains(t, r.JSON()["body"], "externalUrl", "nothing is listed")
		_, err = s.Env.Store.GetAd(ctx, integ, "1")
		require.Error(t, err, "the job is not published")

		event["id"] = "event-sales"
		event["job"].(map[string]any)["department"] = map[string]any{"name": "Sales"}
		r, err = tt.Put(ctx, event, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		rec, err := s.Env.Store.GetAd(ctx, integ, "1")
		require.NoError(t, err)
		require.Equal(t, rec.ID, externalID(r))
		apptest.Eventually(t, func() bool { return listed(t, s, "Marketing Coordinator") }, "a chosen job is published")

		event["id"] = "event-moved"
		event["job"].(map[string]any)["department"] = map[string]any{"name": "Finance"}
		r, err = tt.Put(ctx, event, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		require.Equal(t, rec.ID, externalID(r), "a job moved out is named by the ad it had")
		apptest.Eventually(t, func() bool { return !listed(t, s, "Marketing Coordinator") }, "a job moved out is taken down")
	})
}

// TestTeamtailorActivationAsForm: an activation JWT laid out as the
// activation form, each field with its value (the docs: Teamtailor "will
// turn this form into a JSON web token"), carries the api_key as well as
// one with the field's value as a claim (issue 15, Teamtailor: activation
// api_key layout).
func TestTeamtailorActivationAsForm(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		_, _, tt := teamtailorTenant(t, s)
		tt.ActivationAsForm = true
		ctx := context.Background()
		r, err := tt.Validate(ctx, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		r, err = tt.Post(ctx, teamtailorEvent(t), sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		wrong := tt
		wrong.APIKey += "x"
		r, err = wrong.Validate(ctx, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusUnauthorized, r.Status, "a wrong key in the form layout is refused")
	})
}

// teamtailorDirectJob starts jobgate with Teamtailor's Direct Apply on
// the simulated ATS (JobBoardId jb-17), publishes Teamtailor's example job
// through the simulated Teamtailor, and returns the server, the ATS, the
// integration, the sender and the job's id.
func teamtailorDirectJob(t *testing.T, m apptest.Mode) (*apptest.Server, *sim.ATS, string, sim.Teamtailor, string) {
	ats, atsURL := atsServer(t)
	ats.SetKey("teamtailor", apptest.TeamtailorSecret)
	cfg := apptest.Config(t, m)
	cfg.TeamtailorApplyURL, cfg.TeamtailorJobBoardID = atsURL+"/teamtailor", "jb-17"
	s := apptest.Start(t, cfg, app.Options{})
	integ, _, tt := teamtailorTenant(t, s)
	r, err := tt.Post(context.Background(), teamtailorEvent(t), sim.None)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	return s, ats, integ, tt, onlyJob(t, s, integ)
}

// TestTeamtailorApplyFileTypes: Teamtailor's Direct Apply takes docx,
// pptx, pdf, txt and rtf resumes, not Word 97-2003 or OpenDocument. The
// form of a Teamtailor job lists the types it takes, the job page's file
// input accepts only those and says so, a .doc or .odt CV is refused at
// the form (422 naming the field) and nothing reaches Teamtailor, and a
// .docx is delivered to the simulated Teamtailor (issue 15, Teamtailor:
// CV types).
func TestTeamtailorApplyFileTypes(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s, ats, _, _, job := teamtailorDirectJob(t, m)
		r := s.Do(t, http.MethodGet, "/v1/jobs/"+job+"/application-form", nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		require.Equal(t, []any{"pdf", "docx", "rtf", "txt"}, r.JSON["file_types"])
		page := jobPage(t, s, job)
		require.Contains(t, page.body, `accept=".pdf,.docx,.rtf,.txt"`)
		require.Contains(t, page.body, "PDF, DOCX, RTF, TXT", "the candidate is told which types the employer takes")

		answered := func(name string, data []byte) candidate {
			c := kari()
			c.fields["answers[4]"], c.fields["answers[6]"], c.fields["answers[7]"] = "true", "Go og SQL", "6"
			delete(c.fields, "cover_letter")
			c.files = []upload{{"cv", name, data}}
			return c
		}
		for name, data := range map[string][]byte{"CV.doc": applytest.WordDoc(), "CV.odt": applytest.ODT()} {
			r = apply(t, s, job, answered(name, data))
			require.Equal(t, http.StatusUnprocessableEntity, r.Status, "%s: %s", name, r.Body)
			require.Contains(t, string(r.Body), `"field":"cv"`, name)
			require.Contains(t, string(r.Body), `"code":"file_type_not_accepted"`, name)
		}

		refused := submitForm(t, s, formAction(t, page), answered("CV.doc", applytest.WordDoc()))
		require.Equal(t, http.StatusUnprocessableEntity, refused.status)
		require.Contains(t, refused.body, "Arbeidsgiverens rekrutteringssystem tar ikke denne filtypen",
			"the page tells the candidate why, in the ad's language")
		require.Empty(t, ats.Received("teamtailor"))

		r = apply(t, s, job, answered("CV.docx", applytest.Docx()))
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		statusURL := r.JSON["status_url"].(string)
		apptest.Eventually(t, func() bool { return statusOf(t, s, statusURL)["status"] == "delivered" }, "the .docx reaches Teamtailor")
		got := ats.Received("teamtailor")
		require.Len(t, got, 1, "nothing of a refused type was sent")
		require.Equal(t, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", got[0].Files[0].ContentType)
		require.Equal(t, applytest.Docx(), got[0].Files[0].Data)
	})
}
