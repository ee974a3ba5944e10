package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/store"
)

// vendorHost serves a polled vendor's feeds (GET) and its intake API
// (POST, and Lever's API under /v1/) on one host, as Lever serves them
// all at api.lever.co.
func vendorHost(t testing.TB) (*sim.Feeds, *sim.ATS, string) {
	fs, ats := sim.NewFeeds(), sim.NewATS()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost || strings.HasPrefix(r.URL.Path, "/v1/") {
			ats.ServeHTTP(w, r)
			return
		}
		fs.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { fs.Close(); ats.Close(); srv.Close() })
	return fs, ats, srv.URL
}

// onlyJob is the one live ad of an integration.
func onlyJob(t testing.TB, s *apptest.Server, integ string) string {
	t.Helper()
	states, err := s.Env.Store.ListAdStates(context.Background(), integ)
	require.NoError(t, err)
	require.Len(t, states, 1)
	rec, err := s.Env.Store.GetAd(context.Background(), integ, states[0].Reference)
	require.NoError(t, err)
	return rec.ID
}

// leverJob is a jobgate in mode m with one polled Lever posting whose
// applications go to the simulated Lever account acme.
func leverJob(t *testing.T, m apptest.Mode) (*apptest.Server, *sim.ATS, string) {
	t.Helper()
	s, ats, _, job := leverAccountJob(t, m, sim.LeverForm{}, nil)
	return s, ats, job
}

// TestApplyLever: a Lever posting takes applications into Lever's
// Postings API apply, as multipart with the resume.
func TestApplyLever(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s, ats, job := leverJob(t, m)

		r := s.Do(t, http.MethodGet, "/v1/jobs/"+job+"/application-form", nil)
		require.Equal(t, "direct", r.JSON["apply_mode"], string(r.Body))
		r = apply(t, s, job, kari())
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		statusURL := r.JSON["status_url"].(string)
		apptest.Eventually(t, func() bool { return statusOf(t, s, statusURL)["status"] == "delivered" }, "delivered into Lever")
		got := ats.Received("lever")
		require.Len(t, got, 1)
		require.Equal(t, []string{"Kari Nordmann"}, got[0].Fields["name"])
		require.Equal(t, []string{"kari.nordmann@example.no"}, got[0].Fields["email"])
		require.Len(t, got[0].Files, 1)
		require.Equal(t, testPDF, got[0].Files[0].Data)
		rec, err := s.Env.Store.GetApplication(context.Background(), r.JSON["id"].(string))
		require.NoError(t, err)
		require.Equal(t, got[0].ID, rec.ATSID, "Lever's applicationId is kept")
	})
}

// TestApplyLeverRateLimit sends 100 applications to one Lever account at
// once. Each reaches Lever once and is recorded delivered once, and
// jobgate holds to Lever's 2 a second from the start: the k-th POST to
// reach Lever came no sooner than k/2 s after the burst (a POST never
// reaches Lever before the slot the limiter gave it, and the slots are
// more than 500 ms apart). The simulator counts as Lever does, on its own
// side over any sliding second: should scheduling jitter on this machine
// bring a POST within a second of the two before it, Lever answers 429
// and jobgate sends it again, as Lever asks. That retry is checked (every
// 429 sent again, nothing lost or doubled); how often it happens depends
// on the machine's load, so it is logged, not asserted (the limiter's own
// spacing, at most 2 slots in any second, is TestRateLimiterNeverTwoInASecond
// in internal/outbox, on the test's clock). It runs in the last mode only
// (real Redis when configured): it takes about 55 s by design.
func TestApplyLeverRateLimit(t *testing.T) {
	modes := apptest.Modes()
	m := modes[len(modes)-1]
	s, ats, job := leverJob(t, m)

	start := time.Now()
	var wg sync.WaitGroup
	want := map[string]int{}
	for i := range 100 {
		email := fmt.Sprintf("kandidat%d@example.no", i)
		want[email] = 1
		wg.Go(func() {
			c := kari()
			c.fields["email"] = email
			if r := apply(t, s, job, c); r.Status != http.StatusAccepted {
				t.Errorf("application %d: %d %s", i, r.Status, r.Body)
			}
		})
	}
	wg.Wait()
	// The worker records "delivered" after Lever answered: wait for the
	// records, not for Lever.
	ds := settledDeliveries(t, s, job, 180*time.Second)
	require.Len(t, ds, 101, "100 applications and the board's publication")
	for _, d := range ds {
		require.Equal(t, store.DeliveryDelivered, d.State, "delivery %s (%s)", d.ID, d.Kind)
	}
	got := map[string]int{}
	for _, r := range ats.Received("lever") {
		require.Len(t, r.Fields["email"], 1)
		got[r.Fields["email"][0]]++
	}
	require.Equal(t, want, got, "each application reached Lever once")

	arrivals, rejected := ats.LeverArrivals("acme"), ats.LeverRejected("acme")
	require.Len(t, arrivals, 100+rejected, "each POST Lever answered 429 was sent again, and nothing else was sent")
	for k, at := range arrivals {
		require.GreaterOrEqual(t, at.Sub(start), time.Duration(k)*time.Second/2, "POST %d reached Lever sooner than 2 a second allows", k)
	}
	closest := time.Hour
	for i := 2; i < len(arrivals); i++ {
		closest = min(closest, arrivals[i].Sub(arrivals[i-2]))
	}
	t.Logf("100 applications in Lever %s after the burst; %d POSTs answered 429 and sent again; closest three arrivals spanned %s (the limiter's slots: 1.08 s)",
		arrivals[len(arrivals)-1].Sub(start).Round(time.Millisecond), rejected, closest.Round(time.Microsecond))
}

// settledDeliveries waits, for up to within, until none of the ad's
// deliveries is pending any more, and returns them all.
func settledDeliveries(t *testing.T, s *apptest.Server, adID string, within time.Duration) []store.Delivery {
	t.Helper()
	var ds []store.Delivery
	require.Eventually(t, func() bool {
		var err error
		ds, err = s.Env.Store.ListDeliveries(t.Context(), store.DeliveryFilter{AdID: adID, Limit: 1000})
		return err == nil && !slices.ContainsFunc(ds, func(d store.Delivery) bool { return d.State == store.DeliveryPending })
	}, within, 100*time.Millisecond, "every delivery of the ad is settled")
	return ds
}

// TestApplyJobylon: a Jobylon job takes applications into Jobylon's Push
// API with the board's app id and key.
func TestApplyJobylon(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		fs, ats, base := vendorHost(t)
		fs.Jobylon("f3ed4a").Generate(1)
		ats.SetKey("board-app", "jobylon-app-key")
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		integ, _ := s.VendorTenant(t, "jobylon", map[string]string{"feed_url": sim.JobylonJSONURL(base, "f3ed4a"),
			"app_id": "board-app", "app_key": "jobylon-app-key", "push_url": base})
		syncNow(t, s, integ)
		job := onlyJob(t, s, integ)

		r := apply(t, s, job, kari())
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		statusURL := r.JSON["status_url"].(string)
		apptest.Eventually(t, func() bool { return statusOf(t, s, statusURL)["status"] == "delivered" }, "delivered into Jobylon")
		got := ats.Received("jobylon")
		require.Len(t, got, 1)
		require.Equal(t, []string{"Nordmann"}, got[0].Fields["last_name"])
		require.Equal(t, []string{"applied"}, got[0].Fields["source_type"])
		var src map[string]any
		require.NoError(t, json.Unmarshal([]byte(got[0].Fields["source_json"][0]), &src))
		require.Equal(t, "jobgate", src["partner_name"])
		require.Equal(t, testPDF, got[0].Files[0].Data)
	})
}

// TestApplyTeamtailor: a Teamtailor ad shows the questions and consents
// Teamtailor's /inquiry gives (the docs' own example), and the answered
// application goes to /apply with referer-id, signed.
func TestApplyTeamtailor(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s, ats, integ, tt, job := teamtailorDirectJob(t, m)

		r := s.Do(t, http.MethodGet, "/v1/jobs/"+job+"/application-form", nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		require.Equal(t, "direct", r.JSON["apply_mode"])
		require.Len(t, r.JSON["questions"], 9, "the inquiry's questions")
		require.Len(t, r.JSON["consents"], 2)

		c := kari()
		c.fields["answers[4]"], c.fields["answers[6]"], c.fields["answers[7]"] = "true", "Go og SQL", "6"
		delete(c.fields, "cover_letter") // Teamtailor's example form has it off
		r = apply(t, s, job, c)
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		id, statusURL := r.JSON["id"].(string), r.JSON["status_url"].(string)
		apptest.Eventually(t, func() bool { return statusOf(t, s, statusURL)["status"] == "delivered" }, "delivered into Teamtailor")
		got := ats.Received("teamtailor")
		require.Len(t, got, 1)
		require.Equal(t, id, got[0].IdempotencyKey, "referer-id is our application id")
		require.Equal(t, "jb-17", got[0].Account)
		require.Equal(t, []string{"true"}, got[0].Fields["answers.4"])
		require.Equal(t, []string{"6"}, got[0].Fields["answers.7"])
		require.Equal(t, []string{"true"}, got[0].Fields["consents.privacy_policy"])
		require.Equal(t, []string{"false"}, got[0].Fields["consents.future_jobs"])
		require.Equal(t, testPDF, got[0].Files[0].Data)

		r = apply(t, s, job, kari())
		require.Equal(t, http.StatusUnprocessableEntity, r.Status, "the required questions must be answered")
		wrong := candidate{fields: map[string]string{}, files: c.files}
		for k, v := range c.fields {
			wrong.fields[k] = v
		}
		wrong.fields["answers[7]"], wrong.fields["email"] = "a lot", "other@example.no"
		r = apply(t, s, job, wrong)
		require.Equal(t, http.StatusUnprocessableEntity, r.Status, string(r.Body))
		require.Contains(t, string(r.Body), `"field":"answers[7]"`, "a range answer must be a number")
		require.Len(t, ats.Received("teamtailor"), 1, "nothing more was sent")

		// Teamtailor says job_status expired: the ad takes no more.
		expired := teamtailorEvent(t)
		expired["id"], expired["reference-id"] = "event-expired", "tt-expired"
		ats.CloseJob("teamtailor", "tt-expired", true)
		r0, err := tt.Post(context.Background(), expired, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r0.Status, string(r0.Body))
		rec, err := s.Env.Store.GetAd(context.Background(), integ, "tt-expired")
		require.NoError(t, err)
		r = s.Do(t, http.MethodGet, "/v1/jobs/"+rec.ID+"/application-form", nil)
		require.Equal(t, false, r.JSON["open"], string(r.Body))
		r = apply(t, s, rec.ID, c)
		require.Equal(t, http.StatusGone, r.Status, string(r.Body))
		require.Equal(t, "job_closed", r.JSON["error"].(map[string]any)["code"])
	})
}
