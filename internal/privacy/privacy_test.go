package privacy_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/apply/applytest"
	"github.com/jobgate/jobgate/internal/ids"
	"github.com/jobgate/jobgate/internal/outbox"
	"github.com/jobgate/jobgate/internal/privacy"
	"github.com/jobgate/jobgate/internal/queue"
	"github.com/jobgate/jobgate/internal/store"
)

// rig is an opened jobgate store, its Redis and a privacy service on both.
type rig struct {
	env *app.Env
	qc  *queue.Conn
	svc *privacy.Service
	// now is the service's clock.
	now time.Time
}

// open opens the store and Redis of mode (SQLite and the in-process
// Redis, or Postgres and the real Redis).
func open(t testing.TB, m apptest.Mode, opt privacy.Options) *rig {
	t.Helper()
	ctx := context.Background()
	cfg := apptest.Config(t, m)
	env, err := app.Open(ctx, cfg, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	require.NoError(t, env.Store.Migrate(ctx))
	qc, err := queue.Open(ctx, cfg.RedisURL)
	require.NoError(t, err)
	t.Cleanup(func() { qc.Close(); env.Close() })
	r := &rig{env: env, qc: qc, now: time.Now()}
	opt.Store, opt.Box, opt.Tasks, opt.Now = env.Store, env.Box, qc.Inspector(), func() time.Time { return r.now }
	r.svc = privacy.New(opt)
	return r
}

func actx() context.Context { return store.WithActor(context.Background(), "test") }

// tenant creates an account with a generic integration.
func (r *rig) tenant(t testing.TB) store.Integration {
	t.Helper()
	acc, err := r.env.Store.CreateAccount(actx(), "Eksempel AS")
	require.NoError(t, err)
	in, err := r.env.Store.CreateIntegration(actx(), store.Integration{AccountID: acc.ID, Vendor: "generic"})
	require.NoError(t, err)
	return in
}

// person is a candidate with values no other row holds.
type person struct {
	email, first, last, cvMarker string
}

func newPerson() person {
	tag := ids.New("x")[2:]
	return person{email: "cand-" + tag + "@example.no", first: "Fornavn" + tag, last: "Etternavn" + tag, cvMarker: "CVMARKER" + tag}
}

func (p person) markers() []string { return []string{p.email, p.first, p.last, p.cvMarker} }

// apply stores p's application to a new live ad of in, keyed by p's
// e-mail as intake keys it (or without a key, as before keys existed),
// and enqueues its delivery's task.
func (r *rig) apply(t testing.TB, in store.Integration, ref string, p person, keyed bool) store.ApplicationResult {
	t.Helper()
	content, _ := json.Marshal(map[string]any{"title": "Lager " + ref})
	ad, err := r.env.Store.UpsertAd(actx(), store.AdWrite{AccountID: in.AccountID, IntegrationID: in.ID, Reference: ref, Content: content,
		Hash: "h-" + ref, Title: "Lager " + ref, ApplyMode: "direct", Channels: []string{"board"}})
	require.NoError(t, err)
	app := apply.Application{Candidate: apply.Candidate{FirstName: p.first, LastName: p.last, Email: p.email},
		Consents: []apply.ConsentGiven{{Type: "privacy_policy", Accepted: true}}, SubmittedAt: time.Now().UTC()}
	body, _ := json.Marshal(apply.ContentOf(app))
	cv := applytest.PDF(bytes.Repeat([]byte(p.cvMarker+" "), 40))
	sum := sha256.Sum256(cv)
	w := store.ApplicationWrite{ID: ids.New("app"), AccountID: in.AccountID, IntegrationID: in.ID, AdID: ad.Ad.ID, Applier: "webhook",
		TokenHash: []byte("h"), ContentHash: "c-" + ref, Content: body, Documents: []store.ApplicationDocument{
			{Kind: apply.KindCV, FileName: "CV " + p.last + ".pdf", ContentType: "application/pdf", SHA256: hex.EncodeToString(sum[:]), Data: cv}}}
	if keyed {
		w.CandidateKey = r.env.Box.CandidateKey(p.email)
	}
	res, err := r.env.Store.CreateApplication(actx(), w)
	require.NoError(t, err)
	task, opts := outbox.NewTask(res.Delivery)
	_, err = r.qc.Client().Enqueue(task, append(opts, asynq.ProcessIn(time.Hour))...)
	require.NoError(t, err)
	return res
}

// taskGone reports whether the delivery's task of generation g is not in
// the queue.
func (r *rig) taskGone(t *testing.T, d store.Delivery) bool {
	t.Helper()
	_, err := r.qc.Inspector().GetTaskInfo(outbox.QueueOf(d), d.TaskID())
	return err != nil
}

// TestExportIsComplete (issue 14, build 5 and bad input "an export while
// deliveries are pending"): an export finds a candidate's applications in
// every account, however the e-mail is cased, including one stored before
// candidate keys existed, with the ad, the content, the files' metadata
// (not their bytes) and the delivery hop, delivered or pending; scoped to
// an account it finds that account's only; the audit line holds counts.
func TestExportIsComplete(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		r := open(t, m, privacy.Options{})
		a, b := r.tenant(t), r.tenant(t)
		p := newPerson()
		delivered := r.apply(t, a, "x1", p, true)
		pending := r.apply(t, b, "x2", p, true)
		older := r.apply(t, a, "x3", p, false)
		r.apply(t, a, "x4", newPerson(), true)
		require.NoError(t, r.env.Store.CompleteApplication(actx(), delivered.Delivery.ID, 0, "ats-77"))

		exp, err := r.svc.Export(actx(), "  "+stringsUpper(p.email)+" ", "")
		require.NoError(t, err)
		require.Len(t, exp.Applications, 3)
		byID := map[string]privacy.ExportApplication{}
		for _, e := range exp.Applications {
			byID[e.ID] = e
		}
		d := byID[delivered.Application.ID]
		require.Equal(t, a.AccountID, d.AccountID)
		require.Equal(t, privacy.ExportAd{ID: delivered.Application.AdID, Reference: "x1", Title: "Lager x1"}, d.Ad)
		require.Contains(t, string(d.Content), p.first)
		require.Contains(t, string(d.Content), "privacy_policy")
		require.Len(t, d.Documents, 1)
		require.Equal(t, "CV "+p.last+".pdf", d.Documents[0].FileName)
		require.Len(t, d.Deliveries, 1)
		require.Equal(t, privacy.ExportDelivery{ID: delivered.Delivery.ID, Applier: "webhook", IntegrationID: a.ID, Vendor: "generic",
			State: store.DeliveryDelivered, CreatedAt: d.Deliveries[0].CreatedAt, DeliveredAt: d.Deliveries[0].DeliveredAt, ATSID: "ats-77"}, d.Deliveries[0])
		require.NotNil(t, d.Deliveries[0].DeliveredAt)
		require.Equal(t, store.DeliveryPending, byID[pending.Application.ID].Deliveries[0].State, "pending deliveries are exported as they are")
		require.Contains(t, byID, older.Application.ID, "an application stored without a candidate key is found by its content")
		raw, err := json.Marshal(exp)
		require.NoError(t, err)
		require.NotContains(t, string(raw), p.cvMarker, "files' bytes are not exported")

		scoped, err := r.svc.Export(actx(), p.email, b.AccountID)
		require.NoError(t, err)
		require.Len(t, scoped.Applications, 1)
		require.Equal(t, pending.Application.ID, scoped.Applications[0].ID)
		requireAuditClean(t, r, p)

		_, err = r.svc.Export(actx(), "not an address", "")
		require.ErrorIs(t, err, privacy.ErrInvalidEmail)
		_, err = r.svc.Export(actx(), p.email, "acc_missing")
		require.ErrorIs(t, err, store.ErrNotFound, "an unknown account")
		_, err = r.svc.Erase(actx(), p.email, "acc_missing")
		require.ErrorIs(t, err, store.ErrNotFound, "an unknown account erases nothing")
		still, err := r.svc.Export(actx(), p.email, "")
		require.NoError(t, err)
		require.Len(t, still.Applications, 3)
	})
}

// TestEraseReceipt (issue 14, build 5 and bad input "erasure of an e-mail
// with nothing held"): erasure deletes every application of the e-mail
// with its delivery and every generation of its queued task, asks the
// vendor to erase the delivered one, and the receipt lists where that one
// had gone (not the pending one, which never left); erasing again, or an
// unknown e-mail, gets a receipt saying nothing was held.
func TestEraseReceipt(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		var asked []string
		r := open(t, m, privacy.Options{VendorErase: func(_ context.Context, integrationID, atsID string) (bool, error) {
			asked = append(asked, integrationID+"/"+atsID)
			return true, nil
		}})
		in := r.tenant(t)
		p := newPerson()
		delivered := r.apply(t, in, "e1", p, true)
		pending := r.apply(t, in, "e2", p, true)
		other := r.apply(t, in, "e3", newPerson(), true)
		require.NoError(t, r.env.Store.CompleteApplication(actx(), delivered.Delivery.ID, 0, "ats-1"))
		// A replayed delivery's previous generation may sit archived.
		replayed, err := r.env.Store.ReplayDelivery(actx(), pending.Delivery.ID)
		require.NoError(t, err)
		task, opts := outbox.NewTask(replayed)
		_, err = r.qc.Client().Enqueue(task, append(opts, asynq.ProcessIn(time.Hour))...)
		require.NoError(t, err)

		rec, err := r.svc.Erase(actx(), p.email, "")
		require.NoError(t, err)
		require.Equal(t, 2, rec.Applications)
		require.Len(t, rec.Forwarded, 1)
		f := rec.Forwarded[0]
		require.Equal(t, store.ForwardedTo{ApplicationID: delivered.Application.ID, AccountID: in.AccountID, IntegrationID: in.ID, Vendor: "generic",
			Applier: "webhook", ATSID: "ats-1", DeliveredAt: f.DeliveredAt, VendorErasure: privacy.VendorErasureCalled}, f)
		require.NotNil(t, f.DeliveredAt)
		require.Equal(t, []string{in.ID + "/ats-1"}, asked)
		require.Equal(t, "test", rec.Actor)
		stored, err := r.env.Store.GetErasureReceipt(actx(), rec.ID)
		require.NoError(t, err)
		require.Equal(t, 2, stored.Applications)

		for _, d := range []store.Delivery{delivered.Delivery, pending.Delivery, replayed} {
			require.True(t, r.taskGone(t, d), "task %s", d.TaskID())
			_, err := r.env.Store.GetDelivery(actx(), d.ID)
			require.ErrorIs(t, err, store.ErrNotFound)
		}
		require.False(t, r.taskGone(t, other.Delivery), "another candidate's task stays")
		_, err = r.env.Store.GetApplication(actx(), other.Application.ID)
		require.NoError(t, err)

		again, err := r.svc.Erase(actx(), p.email, "")
		require.NoError(t, err)
		require.Zero(t, again.Applications)
		require.Empty(t, again.Forwarded)
		require.Equal(t, "nothing was held for this e-mail address", again.Summary)
		requireAuditClean(t, r, p)
	})
}

// TestEraseScopedToAccount: an account's erasure deletes that account's
// applications of the e-mail and leaves the other account's.
func TestEraseScopedToAccount(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		r := open(t, m, privacy.Options{})
		a, b := r.tenant(t), r.tenant(t)
		p := newPerson()
		gone := r.apply(t, a, "s1", p, true)
		kept := r.apply(t, b, "s2", p, true)
		rec, err := r.svc.Erase(actx(), p.email, a.AccountID)
		require.NoError(t, err)
		require.Equal(t, 1, rec.Applications)
		require.Equal(t, a.AccountID, rec.AccountID)
		_, err = r.env.Store.GetApplication(actx(), gone.Application.ID)
		require.ErrorIs(t, err, store.ErrNotFound)
		_, err = r.env.Store.GetApplication(actx(), kept.Application.ID)
		require.NoError(t, err)
		one, err := r.svc.EraseApplication(actx(), kept.Application.ID)
		require.NoError(t, err)
		require.Equal(t, 1, one.Applications)
		_, err = r.svc.EraseApplication(actx(), kept.Application.ID)
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}

// requireAuditClean: no audit line holds any of the person's values.
func requireAuditClean(t *testing.T, r *rig, p person) {
	t.Helper()
	lines, err := r.env.Store.ListAudit(actx(), 1000)
	require.NoError(t, err)
	for _, l := range lines {
		for _, v := range p.markers() {
			require.NotContains(t, l.Subject+" "+l.Detail+" "+l.Actor, v)
		}
	}
}

func stringsUpper(s string) string { return string(bytes.ToUpper([]byte(s))) }
