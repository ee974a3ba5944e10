package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// teamtailorEvent is Teamtailor's own example webhook, with an end-date
// still to come.
func teamtailorEvent(t testing.TB) map[string]any {
	body, err := os.ReadFile("../../testdata/teamtailor/teamtailor-webhook-post.json")
	require.NoError(t, err)
	var e map[string]any
	require.NoError(t, json.Unmarshal(body, &e))
	e["job"].(map[string]any)["end-date"] = "2030-03-31T00:00:00+02:00"
	return e
}

// teamtailorTenant creates a Teamtailor integration and its key, and the
// simulated Teamtailor that sends for it. Each request is signed in a
// second of its own, as Teamtailor's redeliveries are: a signature is
// accepted once.
func teamtailorTenant(t *testing.T, s *apptest.Server) (string, string, sim.Teamtailor) {
	integ, key := s.VendorTenant(t, "teamtailor", nil)
	return integ, key, sim.Teamtailor{BaseURL: s.URL + "/connectors/teamtailor", Secret: apptest.TeamtailorSecret, APIKey: key,
		Now: sim.Stepping(time.Now(), time.Second)}
}

// TestTeamtailorPush drives the Teamtailor receivers with the simulated
// Teamtailor sender over HTTP: create, redeliver, edit, unlist, and every
// refused credential.
func TestTeamtailorPush(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		integ, key, tt := teamtailorTenant(t, s)
		ctx := context.Background()
		event := teamtailorEvent(t)

		r, err := tt.Validate(ctx, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		r, err = tt.Config(ctx, 1, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.Status)
		require.NotEmpty(t, r.JSON()["config"].(map[string]any)["1"])

		r, err = tt.Post(ctx, event, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		body := r.JSON()["body"].(map[string]any)
		require.Contains(t, body["externalUrl"], s.URL+"/jobs/job_")
		apptest.Eventually(t, func() bool { return listed(t, s, "Marketing Coordinator") }, "the Teamtailor ad reaches the board")

		var wg sync.WaitGroup
		for range 5 {
			wg.Go(func() {
				r, err := tt.Post(ctx, event, sim.None)
				if err == nil && r.Status != http.StatusOK {
					t.Errorf("redelivery answered %d", r.Status)
				}
			})
		}
		wg.Wait()
		ad, err := s.Env.Store.GetAd(ctx, integ, "1")
		require.NoError(t, err)
		require.Equal(t, 1, ad.Revision, "the same event delivered again, concurrently too, is one revision")

		first := teamtailorEvent(t)
		event["id"] = "b6b0c4c2-0000-4000-8000-000000000002"
		event["job"].(map[string]any)["title"] = "Senior Marketing Coordinator"
		r, err = tt.Put(ctx, event, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.Status)
		apptest.Eventually(t, func() bool { return listed(t, s, "Senior Marketing Coordinator") }, "the edit reaches the board")
		r, err = tt.Post(ctx, first, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.Status)
		ad, err = s.Env.Store.GetAd(ctx, integ, "1")
		require.NoError(t, err)
		require.Equal(t, 2, ad.Revision, "the first event, redelivered after the edit, is not applied again")

		for _, f := range []sim.Fault{sim.Unsigned, sim.WrongKey, sim.Expired, sim.Future, sim.Tampered} {
			r, err := tt.Put(ctx, event, f)
			require.NoError(t, err)
			require.Equal(t, http.StatusUnauthorized, r.Status, string(f))
			require.NotEmpty(t, r.JSON()["errors"], string(f))
		}
		_, pontyKey := s.VendorTenant(t, "ponty", nil)
		other := tt
		other.APIKey = pontyKey
		r, err = other.Put(ctx, event, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusUnauthorized, r.Status, "a key of another kind of integration is refused")
		other.APIKey = key + "x"
		r, err = other.Put(ctx, event, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusUnauthorized, r.Status, "a wrong api_key is refused")

		event["id"] = "b6b0c4c2-0000-4000-8000-000000000003"
		job := event["job"].(map[string]any)
		job["title"] = ""
		r, err = tt.Put(ctx, event, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusUnprocessableEntity, r.Status)
		require.Contains(t, r.JSON()["errors"].([]any)[0], "Job title", "the recruiter sees Teamtailor's name for the field")

		r, err = tt.Delete(ctx, "1", sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		require.False(t, listed(t, s, "Senior Marketing Coordinator"), "an unlisted ad leaves the board")
		r, err = tt.Delete(ctx, "999", sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusNotFound, r.Status)

		_, err = s.Env.Store.RevokeKeys(ctx, integ, "")
		require.NoError(t, err)
		r, err = tt.Validate(ctx, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusUnauthorized, r.Status, "a revoked key is refused at once")
	})
}
