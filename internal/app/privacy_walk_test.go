package app_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/apply/applytest"
	"github.com/jobgate/jobgate/internal/config"
	"github.com/jobgate/jobgate/internal/privacy"
	"github.com/jobgate/jobgate/internal/queue/queuetest"
	"github.com/jobgate/jobgate/internal/store"
)

// walkCVMarker is the only text in the candidate's CV: found in the
// files and at the ATS before the erasure, nowhere after it.
const walkCVMarker = "CV-MARKER-BREKKESTOLEN-5c3a91"

// walkEmail is the candidate's e-mail, as the candidate typed it.
const walkEmail = "oddveig.brekkestolen@example.no"

// walkCandidate is the walk's candidate, and every value of it that must
// be gone after the erasure.
func walkCandidate() (candidate, []string) {
	c := candidate{fields: map[string]string{"first_name": "Oddveig", "last_name": "Brekkestølen", "email": walkEmail,
		"phone": "+47 977 31 642", "cover_letter": "Jeg har ledet Brekkestøl-terminalen i ti år.", "consents[privacy_policy]": "true"},
		files: []upload{{"cv", "Brekkestolen CV.pdf", applytest.PDF([]byte(walkCVMarker))}}}
	return c, []string{walkEmail, "Oddveig", "Brekkestølen", "977 31 642", "Brekkestøl-terminalen", "Brekkestolen CV", walkCVMarker}
}

// walk is the world of TestPrivacyWalk: account A (an admin, a recruiter
// the ATS names on the ad, a user outside the ad's team) and account B
// (an admin), and the candidate's application to an ad of each.
type walk struct {
	s                                 *apptest.Server
	cfg                               config.Config
	logs                              *apptest.Logs
	ats                               *sim.ATS
	accountA, accountB                string
	adA, adB, appA, appB              string
	admin, recruiter, outside, adminB string            // user ids
	atsIDs                            map[string]string // the simulator's id per webhook name ("a", "b")
}

const (
	walkAdminEmail     = "admin@walk-a.example"
	walkRecruiterEmail = "recruiter@walk-a.example"
	walkOutsideEmail   = "outside@walk-a.example"
	walkAdminBEmail    = "admin@walk-b.example"
)

// newWalk starts jobgate logging into a buffer, pushes the two ads (A's
// naming the recruiter), creates the users and has the candidate apply to
// both ads, waiting until the ATS holds both applications.
func newWalk(t *testing.T, m apptest.Mode) *walk {
	ats, atsURL := atsServer(t)
	w := &walk{ats: ats, logs: &apptest.Logs{}, cfg: apptest.Config(t, m), atsIDs: map[string]string{}}
	w.s = apptest.StartLogged(t, w.cfg, app.Options{}, slog.New(slog.NewJSONHandler(w.logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	keyA := webhookTenant(t, w.s, ats, atsURL, "a")
	keyB := webhookTenant(t, w.s, ats, atsURL, "b")
	w.adA = putTitled(t, w.s, keyA, "walk-a", "Terminalleder", walkRecruiterEmail)
	w.adB = putTitled(t, w.s, keyB, "walk-b", "Kokk")
	w.accountA, w.accountB = accountOfAd(t, w.s, w.adA), accountOfAd(t, w.s, w.adB)
	w.admin = createUser(t, w.s, w.accountA, walkAdminEmail, "admin")
	w.recruiter = createUser(t, w.s, w.accountA, walkRecruiterEmail, "user")
	w.outside = createUser(t, w.s, w.accountA, walkOutsideEmail, "user")
	w.adminB = createUser(t, w.s, w.accountB, walkAdminBEmail, "admin")

	c, _ := walkCandidate()
	w.appA = w.applyDelivered(t, w.adA, c)
	w.appB = w.applyDelivered(t, w.adB, c)
	apptest.Eventually(t, func() bool { return len(ats.Received("webhook")) == 2 }, "both applications reached the ATS")
	for _, r := range ats.Received("webhook") {
		w.atsIDs[r.Account] = r.ID
		require.True(t, bytes.Contains(r.Files[0].Data, []byte(walkCVMarker)), "the ATS holds the CV")
	}
	require.Len(t, w.atsIDs, 2)
	return w
}

// applyDelivered applies over HTTP and waits for the delivery to the ATS.
func (w *walk) applyDelivered(t *testing.T, adID string, c candidate) string {
	r := apply(t, w.s, adID, c)
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
	statusURL := r.JSON["status_url"].(string)
	apptest.Eventually(t, func() bool { return statusOf(t, w.s, statusURL)["status"] == "delivered" }, "delivered")
	return r.JSON["id"].(string)
}

// TestPrivacyWalk (issue 14 item 8, both stores): an ad pushed with its
// recruiter, an application over HTTP delivered to the ATS (the signed
// apply webhook), viewed in the portal by the admin and the team member
// and hidden from a user outside the team and from another account's
// admin; the export holds both of the candidate's applications; an
// erasure in account B by its admin, then one in all accounts, with the
// ATS asked to erase its copies; afterwards the portal shows nothing, and
// no value of the candidate is in the logs, Redis, or the database.
func TestPrivacyWalk(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		w := newWalk(t, m)
		_, values := walkCandidate()
		w.requireHeld(t, values, true)

		people := w.signIn(t)
		w.portalBefore(t, people)
		w.export(t)
		w.erase(t, people)
		w.portalAfter(t, people)

		redis := queuetest.Contents(t, w.s.Queue.Redis)
		for _, v := range values {
			require.False(t, holds(w.logs.String(), v), "the logs hold %q", v)
			require.False(t, holds(redis, v), "Redis holds %q", v)
		}
		w.requireHeld(t, values, false)
		w.requireAudit(t, values)
	})
}

// walkPeople are the signed-in people, each with a cookie jar.
type walkPeople struct{ admin, recruiter, outside, adminB *person }

func (w *walk) signIn(t *testing.T) walkPeople {
	return walkPeople{
		admin:     newPerson(t, w.s).mustLogin(t, walkAdminEmail, portalPassword),
		recruiter: newPerson(t, w.s).mustLogin(t, walkRecruiterEmail, portalPassword),
		outside:   newPerson(t, w.s).mustLogin(t, walkOutsideEmail, portalPassword),
		adminB:    newPerson(t, w.s).mustLogin(t, walkAdminBEmail, portalPassword),
	}
}

// portalBefore: the admin and the team member see the application, with
// the candidate, the consents and the ledger; the user outside the team
// and account B's admin get 404 on it (and the outsider on its ad).
func (w *walk) portalBefore(t *testing.T, p walkPeople) {
	for name, b := range map[string]*person{"admin": p.admin, "team member": p.recruiter} {
		list := b.do(t, http.MethodGet, "/v1/portal/applications", nil)
		require.Equal(t, http.StatusOK, list.Status, list.text())
		require.Equal(t, []string{w.appA}, list.ids("applications"), name)
		got := b.do(t, http.MethodGet, "/v1/portal/applications/"+w.appA, nil)
		require.Equal(t, http.StatusOK, got.Status, got.text())
		require.Equal(t, walkEmail, got.JSON["candidate"].(map[string]any)["email"], name)
		require.Equal(t, "Oddveig Brekkestølen", got.JSON["candidate_name"], name)
		require.Equal(t, map[string]any{"type": "privacy_policy", "accepted": true}, got.JSON["consents"].([]any)[0], name)
		ledger := got.JSON["delivery_ledger"].(map[string]any)
		require.Equal(t, "delivered", ledger["state"], name)
		require.Equal(t, w.atsIDs["a"], ledger["ats_id"], name)
		require.Empty(t, got.ids("other_applications"), "%s: the application in account B is not shown", name)
	}
	w.adminReadsCVAndTeam(t, p.admin)
	require.Empty(t, p.outside.do(t, http.MethodGet, "/v1/portal/applications", nil).ids("applications"))
	require.Empty(t, p.outside.do(t, http.MethodGet, "/v1/portal/ads", nil).ids("ads"))
	for _, path := range []string{"/v1/portal/applications/" + w.appA, "/v1/portal/applications/" + w.appA + "/documents/0",
		"/v1/portal/ads/" + w.adA + "/team", "/portal/ads/" + w.adA, "/portal/applications/" + w.appA} {
		require.Equal(t, http.StatusNotFound, p.outside.do(t, http.MethodGet, path, nil).Status, "outside the team: %s", path)
		require.Equal(t, http.StatusNotFound, p.adminB.do(t, http.MethodGet, path, nil).Status, "account B's admin: %s", path)
	}
	require.Equal(t, []string{w.appB}, p.adminB.do(t, http.MethodGet, "/v1/portal/applications", nil).ids("applications"))
}

// adminReadsCVAndTeam: the admin downloads the CV byte for byte, and the
// ad's team holds the recruiter the ATS named, matched to the user.
func (w *walk) adminReadsCVAndTeam(t *testing.T, admin *person) {
	c, _ := walkCandidate()
	file := admin.do(t, http.MethodGet, "/v1/portal/applications/"+w.appA+"/documents/0", nil)
	require.Equal(t, http.StatusOK, file.Status)
	require.Equal(t, c.files[0].data, file.Body)
	team := admin.do(t, http.MethodGet, "/v1/portal/ads/"+w.adA+"/team", nil)
	require.Equal(t, http.StatusOK, team.Status, team.text())
	require.Equal(t, []any{map[string]any{"email": walkRecruiterEmail, "source": "ats", "user_id": w.recruiter,
		"added_at": team.JSON["members"].([]any)[0].(map[string]any)["added_at"]}}, team.JSON["members"])
}

// export: both applications, across accounts, with answers, consents,
// file metadata and the delivered hop with the ATS's id; no CV bytes.
func (w *walk) export(t *testing.T) {
	svc := w.s.Env.PrivacyService(w.s.Queue.Inspector())
	exp, err := svc.Export(store.WithActor(context.Background(), "operator:walk"), strings.ToUpper(walkEmail), "")
	require.NoError(t, err)
	require.Len(t, exp.Applications, 2)
	byAccount := map[string]privacy.ExportApplication{}
	for _, a := range exp.Applications {
		byAccount[a.AccountID] = a
	}
	c, _ := walkCandidate()
	cv := c.files[0].data
	for name, want := range map[string]struct{ account, ad, app string }{"a": {w.accountA, w.adA, w.appA}, "b": {w.accountB, w.adB, w.appB}} {
		a, ok := byAccount[want.account]
		require.True(t, ok, "the application in account %s", name)
		require.Equal(t, want.app, a.ID)
		require.Equal(t, want.ad, a.Ad.ID)
		require.Contains(t, string(a.Content), "Brekkestøl-terminalen", "the answers")
		require.Contains(t, string(a.Content), "privacy_policy", "the consents")
		require.Len(t, a.Documents, 1)
		doc := a.Documents[0]
		require.Equal(t, "Brekkestolen CV.pdf", doc.FileName)
		require.Equal(t, int64(len(cv)), doc.Size)
		require.Equal(t, "application/pdf", doc.ContentType)
		require.Len(t, a.Deliveries, 1)
		require.Equal(t, store.DeliveryDelivered, a.Deliveries[0].State)
		require.Equal(t, w.atsIDs[name], a.Deliveries[0].ATSID)
		require.NotNil(t, a.Deliveries[0].DeliveredAt)
	}
	out, err := json.Marshal(exp)
	require.NoError(t, err)
	require.NotContains(t, string(out), walkCVMarker, "the export holds no CV bytes")
}

// erase: account B's admin erases within account B (account A's
// application stays), then the operator in all accounts; each receipt
// names the delivered hop with the webhook's erasure called, and the ATS
// holds neither application any more.
func (w *walk) erase(t *testing.T, p walkPeople) {
	svc := w.s.Env.PrivacyService(w.s.Queue.Inspector())
	for _, step := range []struct {
		actor, scope, app, hook string
	}{{"user:" + w.adminB, w.accountB, w.appB, "b"}, {"operator:walk", "", w.appA, "a"}} {
		rec, err := svc.Erase(store.WithActor(context.Background(), step.actor), walkEmail, step.scope)
		require.NoError(t, err)
		require.Equal(t, 1, rec.Applications, step.actor)
		require.Len(t, rec.Forwarded, 1, step.actor)
		f := rec.Forwarded[0]
		require.Equal(t, step.app, f.ApplicationID)
		require.Equal(t, "webhook", f.Applier)
		require.Equal(t, w.atsIDs[step.hook], f.ATSID)
		require.NotNil(t, f.DeliveredAt)
		require.Equal(t, privacy.VendorErasureCalled, f.VendorErasure)
		for _, r := range w.ats.Received("webhook") {
			if r.Account == step.hook {
				require.True(t, r.Erased, "the ATS erased its copy")
				require.Nil(t, r.Files)
			}
		}
		if step.scope != "" {
			require.Equal(t, []string{w.appA}, p.admin.do(t, http.MethodGet, "/v1/portal/applications", nil).ids("applications"),
				"an erasure in account B leaves account A's application")
		}
	}
}

// portalAfter: nobody sees the erased applications; their ids are 404.
func (w *walk) portalAfter(t *testing.T, p walkPeople) {
	for name, b := range map[string]*person{"admin": p.admin, "team member": p.recruiter, "account B's admin": p.adminB} {
		require.Empty(t, b.do(t, http.MethodGet, "/v1/portal/applications", nil).ids("applications"), name)
		for _, id := range []string{w.appA, w.appB} {
			got := b.do(t, http.MethodGet, "/v1/portal/applications/"+id, nil)
			require.Equal(t, http.StatusNotFound, got.Status, "%s: %s", name, id)
		}
	}
	require.Equal(t, []string{w.adA}, p.recruiter.do(t, http.MethodGet, "/v1/portal/ads", nil).ids("ads"), "the ad stays")
}

// requireHeld checks whether each value is (held) or is not in the
// database: on SQLite every file of the data directory (the database
// file, its WAL), searched byte for byte; on Postgres the text of the
// tables that hold applications (bytea as hex): what Postgres's files
// keep of deleted rows is the VACUUM that erasures and purges run, and
// its limits, as README's "Personal data" documents.
func (w *walk) requireHeld(t *testing.T, values []string, held bool) {
	var text string
	if w.cfg.Embedded() {
		text = string(dataDirBytes(t, w.cfg.DataDir))
	} else {
		text = postgresText(t, w.cfg.DatabaseURL)
	}
	for _, v := range values {
		found := holds(text, v)
		require.Equal(t, held, found, "the database holds %q: %v", v, found)
	}
}

func dataDirBytes(t *testing.T, dir string) []byte {
	var all []byte
	require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if os.IsNotExist(err) {
			return nil
		}
		all = append(all, b...)
		return err
	}))
	return all
}

func postgresText(t *testing.T, url string) string {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	require.NoError(t, err)
	defer conn.Close(ctx)
	var b strings.Builder
	for _, table := range []string{"applications", "application_documents", "deliveries", "audit_log", "erasure_receipts"} {
		rows, err := conn.Query(ctx, "SELECT t::text FROM "+table+" t")
		require.NoError(t, err)
		for rows.Next() {
			var row string
			require.NoError(t, rows.Scan(&row))
			b.WriteString(row + "\n")
		}
		require.NoError(t, rows.Err())
	}
	return b.String()
}

// requireAudit: the sign-ins and the views are audited, and no audit line
// holds a value of the candidate.
func (w *walk) requireAudit(t *testing.T, values []string) {
	for _, id := range []string{w.admin, w.recruiter, w.outside, w.adminB} {
		require.True(t, auditHas(t, w.s, "user:"+id, "signin", id), "the sign-in of %s", id)
	}
	require.True(t, auditHas(t, w.s, "user:"+w.admin, "application.view", w.appA), "the admin's view")
	require.True(t, auditHas(t, w.s, "user:"+w.recruiter, "application.view", w.appA), "the team member's view")
	require.True(t, auditHas(t, w.s, "user:"+w.admin, "application.document.download", w.appA), "the admin's download")
	entries, err := w.s.Env.Store.ListAudit(context.Background(), 500)
	require.NoError(t, err)
	for _, e := range entries {
		line := e.Actor + " " + e.Action + " " + e.Subject + " " + e.Detail
		for _, v := range values {
			require.False(t, holds(line, v), "the audit log holds %q", v)
		}
	}
}

// holds reports whether text holds v in any case (the e-mail may be
// typed in capitals, as the export above asks) or as hex (Postgres shows
// bytea so).
func holds(text, v string) bool {
	text = strings.ToLower(text)
	return strings.Contains(text, strings.ToLower(v)) || strings.Contains(text, hex.EncodeToString([]byte(v)))
}
