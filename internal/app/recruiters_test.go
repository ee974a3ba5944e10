package app_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/store"
)

// teamEmails lists the ad's recruiting team by e-mail, checking each came
// from the ATS.
func teamEmails(t *testing.T, s *apptest.Server, integ, ref string) []string {
	t.Helper()
	ctx := context.Background()
	rec, err := s.Env.Store.GetAd(ctx, integ, ref)
	require.NoError(t, err)
	team, err := s.Env.Store.ListTeam(ctx, rec.ID)
	require.NoError(t, err)
	var out []string
	for _, m := range team {
		require.Equal(t, store.TeamFromATS, m.Source)
		out = append(out, m.Email)
	}
	return out
}

// TestRecruitersFromTheAPI (issue 14 item 2): the generic API's
// recruiters are validated, stored in their canonical form and put on the
// ad's team; a new recruiter is a change; a bad address is refused by
// field, without its value, and changes nothing; the board never shows
// them.
func TestRecruitersFromTheAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		integ, key := s.Tenant(t)
		body := apptest.Ad("Lagermedarbeider")
		body["recruiters"] = []any{" Kari@Eksempel.no ", "ola@eksempel.no", "KARI@eksempel.no"}
		r := s.Do(t, "PUT", "/v1/ads/R1", body, apptest.Bearer(key)...)
		require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
		require.Equal(t, []any{"kari@eksempel.no", "ola@eksempel.no"}, r.JSON["recruiters"])
		require.Equal(t, []string{"kari@eksempel.no", "ola@eksempel.no"}, teamEmails(t, s, integ, "R1"))
		jobID := r.JSON["id"].(string)

		bad := apptest.Ad("Lagermedarbeider")
		bad["recruiters"] = []any{"per@eksempel.no", "Per Hansen <per@eksempel.no>"}
		r = s.Do(t, "PUT", "/v1/ads/R1", bad, apptest.Bearer(key)...)
		require.Equal(t, http.StatusUnprocessableEntity, r.Status, string(r.Body))
		require.Contains(t, string(r.Body), `"field":"recruiters[1]"`)
		require.NotContains(t, string(r.Body), "per@eksempel.no", "the error never echoes the address")
		require.Equal(t, []string{"kari@eksempel.no", "ola@eksempel.no"}, teamEmails(t, s, integ, "R1"), "a refused push changes nothing")

		body["recruiters"] = []any{"per@eksempel.no"}
		r = s.Do(t, "PUT", "/v1/ads/R1", body, apptest.Bearer(key)...)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		require.Equal(t, true, r.JSON["changed"], "a new recruiter is a change")
		require.Equal(t, []string{"kari@eksempel.no", "ola@eksempel.no", "per@eksempel.no"}, teamEmails(t, s, integ, "R1"),
			"recruiters the ATS no longer names stay until someone takes them off")
		r = s.Do(t, "PUT", "/v1/ads/R1", body, apptest.Bearer(key)...)
		require.Equal(t, false, r.JSON["changed"], "the same recruiters again are no change")

		apptest.Eventually(t, func() bool { return s.Do(t, "GET", "/v1/jobs/"+jobID, nil).Status == http.StatusOK }, "the job reaches the board")
		for _, path := range []string{"/v1/jobs/" + jobID, "/v1/jobs", "/jobs/" + jobID} {
			r = s.Do(t, "GET", path, nil)
			require.Equal(t, http.StatusOK, r.Status, path)
			require.NotContains(t, string(r.Body), "per@eksempel.no", "%s shows no recruiter", path)
			require.NotContains(t, string(r.Body), "recruiters", path)
		}
	})
}

// TestRecruitersFromAPoll (issue 14 item 2): a polled Jobylon feed's
// contact person joins the ad's team (lower-cased), and stays when the
// next poll finds the posting unchanged.
func TestRecruitersFromAPoll(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		fs, base := feedServer(t)
		feed := fs.Jobylon("c0ffee")
		feed.Put(sim.Posting{ID: "4069", Title: "Utvikler", DescriptionHTML: "<p>Vi søker en utvikler.</p>", Company: "Acme AS",
			City: "Oslo", Country: "NO", ContactName: "Rita Rekrutterer", ContactEmail: "Rita.Rekrutterer@Acme.example"})
		feed.Put(sim.Posting{ID: "4070", Title: "Lagerleder", DescriptionHTML: "<p>Vi søker en lagerleder.</p>", Company: "Acme AS",
			City: "Oslo", Country: "NO"})
		integ, _ := s.VendorTenant(t, "jobylon", map[string]string{"feed_url": sim.JobylonJSONURL(base, "c0ffee")})

		r := syncNow(t, s, integ)
		require.Equal(t, float64(2), counts(r)["created"], string(r.Body))
		require.Equal(t, []string{"rita.rekrutterer@acme.example"}, teamEmails(t, s, integ, "4069"))
		require.Empty(t, teamEmails(t, s, integ, "4070"), "a posting without a contact has no team from the ATS")

		r = syncNow(t, s, integ)
		require.Equal(t, float64(2), counts(r)["unchanged"], string(r.Body))
		require.Equal(t, []string{"rita.rekrutterer@acme.example"}, teamEmails(t, s, integ, "4069"))
		// The contact person is public (the ad's contact); the team is not.
		require.False(t, strings.Contains(string(s.Do(t, "GET", "/v1/jobs", nil).Body), `"recruiters"`), "the board shows no team")
	})
}

// TestRecruitersFromTeamtailor (issue 14 item 2): the recruiter of
// Teamtailor's own example webhook joins the ad's team, and a recruiter
// Teamtailor names in an update joins it too.
func TestRecruitersFromTeamtailor(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		integ, _, tt := teamtailorTenant(t, s)
		event := teamtailorEvent(t)
		r, err := tt.Post(context.Background(), event, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		require.Equal(t, []string{"email1@example.com"}, teamEmails(t, s, integ, "1"))

		event["id"] = "b6b0c4c2-0000-4000-8000-000000000003" // an update is a new event
		event["job"].(map[string]any)["recruiter"] = map[string]any{"name": "Nina Ny", "email": "Nina.Ny@Example.com"}
		r, err = tt.Put(context.Background(), event, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		require.Equal(t, []string{"email1@example.com", "nina.ny@example.com"}, teamEmails(t, s, integ, "1"))
	})
}
