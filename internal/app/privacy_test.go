package app_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/apply/applytest"
	"github.com/jobgate/jobgate/internal/queue/queuetest"
	"github.com/jobgate/jobgate/internal/store"
)

// privateCandidate is a submission whose every value is searched for
// after its erasure.
func privateCandidate() (candidate, []string) {
	c := candidate{fields: map[string]string{"first_name": "Ingeborg", "last_name": "Skjelbredsen", "email": "ingeborg.skjelbredsen@example.no",
		"phone": "+47 934 56 789", "cover_letter": "Jeg har kjørt truck i Skjelbred-lageret.", "consents[privacy_policy]": "true"},
		files: []upload{{"cv", "Skjelbredsen CV.pdf", applytest.PDF([]byte("CV-BYTES-SKJELBREDSEN-77e1"))}}}
	return c, []string{"ingeborg.skjelbredsen@example.no", "Skjelbredsen", "Ingeborg", "Skjelbred-lageret", "CV-BYTES-SKJELBREDSEN-77e1"}
}

// TestPrivacyEndToEnd (issue 14, builds 5, 6 and 8, both stores): a
// candidate applies over HTTP and the application reaches the employer's
// ATS (the apply webhook simulator); the export holds it all, with the
// delivered hop and the ATS's id; the erasure's receipt names that hop;
// afterwards no value of the candidate is in the logs, in Redis, or (on
// SQLite) in the database file and its WAL.
func TestPrivacyEndToEnd(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		ats, atsURL := atsServer(t)
		logs := &apptest.Logs{}
		cfg := apptest.Config(t, m)
		s := apptest.StartLogged(t, cfg, app.Options{}, slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
		key := webhookTenant(t, s, ats, atsURL, "acme")
		job := putJob(t, s, key, "priv-1")
		c, values := privateCandidate()
		r := apply(t, s, job, c)
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		statusURL := r.JSON["status_url"].(string)
		apptest.Eventually(t, func() bool { return statusOf(t, s, statusURL)["status"] == "delivered" }, "delivered")
		atsID := ats.Received("webhook")[0].ID

		ctx := store.WithActor(context.Background(), "operator:test")
		keyed, err := s.Env.Store.HeldApplications(ctx, store.HeldQuery{CandidateKey: s.Env.Box.CandidateKey("ingeborg.skjelbredsen@example.no")})
		require.NoError(t, err)
		require.Len(t, keyed, 1, "intake stored the application under the candidate's key")
		svc := s.Env.PrivacyService(s.Queue.Inspector())
		exp, err := svc.Export(ctx, "Ingeborg.Skjelbredsen@example.no", "")
		require.NoError(t, err)
		require.Len(t, exp.Applications, 1)
		a := exp.Applications[0]
		require.Equal(t, job, a.Ad.ID)
		require.Equal(t, "priv-1", a.Ad.Reference)
		require.Contains(t, string(a.Content), "Skjelbred-lageret")
		require.Contains(t, string(a.Content), "privacy_policy")
		require.Equal(t, "Skjelbredsen CV.pdf", a.Documents[0].FileName)
		require.Equal(t, store.DeliveryDelivered, a.Deliveries[0].State)
		require.Equal(t, atsID, a.Deliveries[0].ATSID)
		require.NotNil(t, a.Deliveries[0].DeliveredAt)

		rec, err := svc.Erase(ctx, "ingeborg.skjelbredsen@example.no", "")
		require.NoError(t, err)
		require.Equal(t, 1, rec.Applications)
		require.Len(t, rec.Forwarded, 1)
		require.Equal(t, atsID, rec.Forwarded[0].ATSID)
		require.Equal(t, "webhook", rec.Forwarded[0].Applier)
		require.NotNil(t, rec.Forwarded[0].DeliveredAt)
		require.Equal(t, http.StatusNotFound, s.Do(t, http.MethodGet, statusURL[len(s.URL):], nil).Status)

		redis := queuetest.Contents(t, s.Queue.Redis)
		var files []byte
		if cfg.Embedded() {
			for _, p := range []string{cfg.SQLitePath(), cfg.SQLitePath() + "-wal"} {
				b, err := os.ReadFile(p)
				if !os.IsNotExist(err) {
					require.NoError(t, err)
				}
				files = append(files, b...)
			}
		}
		for _, v := range values {
			require.NotContains(t, logs.String(), v, "the logs")
			require.NotContains(t, redis, v, "Redis")
			require.False(t, bytes.Contains(files, []byte(v)), "the database files hold %q", v)
		}
	})
}

// TestCandidateErasesFromReceiptPage (issue 14, build 5): the receipt page
// offers to delete the application; the first POST only asks to confirm
// (nothing is deleted), the confirmed one deletes it and shows the
// erasure receipt's id; then the status and the page are gone. DELETE
// /v1/applications/{id} does the same with the token, and a wrong token
// deletes nothing (404, as for an unknown application).
func TestCandidateErasesFromReceiptPage(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		ats, atsURL := atsServer(t)
		key := webhookTenant(t, s, ats, atsURL, "acme")
		job := putJob(t, s, key, "erase-1")
		first := apply(t, s, job, kari())
		require.Equal(t, http.StatusAccepted, first.Status, string(first.Body))
		id, statusURL := first.JSON["id"].(string), first.JSON["status_url"].(string)
		token := statusURL[strings.Index(statusURL, "token=")+len("token="):]

		page := s.Do(t, http.MethodGet, "/jobs/"+job+"/applied/"+id+"?token="+token, nil)
		require.Equal(t, http.StatusOK, page.Status)
		action := "/jobs/" + job + "/applied/" + id + "/erase"
		require.Contains(t, string(page.Body), `action="`+action+`"`)
		require.Contains(t, string(page.Body), `name="token" value="`+token+`"`)

		form := func(v url.Values) apptest.Response {
			return s.Do(t, http.MethodPost, action, []byte(v.Encode()), "Content-Type", "application/x-www-form-urlencoded")
		}
		wrong := form(url.Values{"token": {"not-the-token"}, "confirm": {"yes"}})
		require.Equal(t, http.StatusNotFound, wrong.Status)
		ask := form(url.Values{"token": {token}})
		require.Equal(t, http.StatusOK, ask.Status)
		require.Contains(t, string(ask.Body), `name="confirm" value="yes"`)
		require.Equal(t, http.StatusOK, s.Do(t, http.MethodGet, statusURL[len(s.URL):], nil).Status, "asking deletes nothing")
		done := form(url.Values{"token": {token}, "confirm": {"yes"}})
		require.Equal(t, http.StatusOK, done.Status)
		require.Regexp(t, regexp.MustCompile(`id="receipt-id">era_[0-9a-z]+<`), string(done.Body))
		require.Equal(t, http.StatusNotFound, s.Do(t, http.MethodGet, statusURL[len(s.URL):], nil).Status)
		require.Equal(t, http.StatusNotFound, s.Do(t, http.MethodGet, "/jobs/"+job+"/applied/"+id+"?token="+token, nil).Status)

		other := kari()
		other.fields["email"] = "kari.other@example.no"
		second := apply(t, s, job, other)
		require.Equal(t, http.StatusAccepted, second.Status, string(second.Body))
		id2, status2 := second.JSON["id"].(string), second.JSON["status_url"].(string)
		token2 := status2[strings.Index(status2, "token=")+len("token="):]
		require.Equal(t, http.StatusNotFound, s.Do(t, http.MethodDelete, "/v1/applications/"+id2+"?token="+token, nil).Status, "another application's token")
		require.Equal(t, http.StatusNotFound, s.Do(t, http.MethodDelete, "/v1/applications/"+id2, nil).Status, "no token")
		del := s.Do(t, http.MethodDelete, "/v1/applications/"+id2+"?token="+token2, nil)
		require.Equal(t, http.StatusOK, del.Status, string(del.Body))
		require.Regexp(t, `^era_`, del.JSON["receipt_id"])
		require.EqualValues(t, 1, del.JSON["applications"])
		receipt, err := s.Env.Store.GetErasureReceipt(context.Background(), del.JSON["receipt_id"].(string))
		require.NoError(t, err)
		require.Equal(t, "candidate", receipt.Actor)
		require.Equal(t, http.StatusNotFound, s.Do(t, http.MethodDelete, "/v1/applications/"+id2+"?token="+token2, nil).Status, "erased already")
	})
}

// TestWorkerPurges (issue 14, build 4): a worker purges on its own, every
// JOBGATE_PURGE_INTERVAL: with the clock past the retention, an
// application taken over HTTP is deleted (its status gone) and counted.
func TestWorkerPurges(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		cfg.PurgeInterval = 100 * time.Millisecond
		later := func() time.Time { return time.Now().Add(366 * 24 * time.Hour) }
		s := apptest.Start(t, cfg, app.Options{Now: later})
		ats, atsURL := atsServer(t)
		key := webhookTenant(t, s, ats, atsURL, "acme")
		job := putJob(t, s, key, "purge-1")
		r := apply(t, s, job, kari())
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		statusURL := r.JSON["status_url"].(string)
		apptest.Eventually(t, func() bool {
			return s.Do(t, http.MethodGet, statusURL[len(s.URL):], nil).Status == http.StatusNotFound
		}, "the worker purged the application")
		rec, err := s.Env.Store.GetAdByID(context.Background(), job)
		require.NoError(t, err)
		counts, err := s.Env.Store.ApplicationCounts(context.Background(), rec.AccountID)
		require.NoError(t, err)
		require.Len(t, counts, 1)
		require.Equal(t, 1, counts[0].Received)
	})
}
