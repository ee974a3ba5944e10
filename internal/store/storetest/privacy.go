package storetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/store"
)

// testRetentionSettings: an account's retention is the default (nil)
// until set, is set and cleared as given, is audited, is listed with the
// account, and an unknown account is ErrNotFound.
func testRetentionSettings(t *testing.T, s store.Store) {
	in := tenant(t, s)
	got, err := s.GetRetention(ctx(), in.AccountID)
	require.NoError(t, err)
	require.Nil(t, got.RetentionDays)
	require.Nil(t, got.CVDaysAfterDelivery)
	days, cv := 30, 7
	set, err := s.SetRetention(ctx(), in.AccountID, &days, &cv)
	require.NoError(t, err)
	require.Equal(t, 30, *set.RetentionDays)
	require.Equal(t, 7, *set.CVDaysAfterDelivery)
	require.Equal(t, "Eksempel AS", set.Name)
	all, err := s.ListAccounts(ctx())
	require.NoError(t, err)
	require.Len(t, all, 1)
	require.Equal(t, 30, *all[0].RetentionDays)
	cleared, err := s.SetRetention(ctx(), in.AccountID, &days, nil)
	require.NoError(t, err)
	require.Nil(t, cleared.CVDaysAfterDelivery, "cv deletion turned off")
	require.Contains(t, auditLines(t, s, in.AccountID), "account.retention retention_days=30 cv_days_after_delivery=default")
	_, err = s.SetRetention(ctx(), "acc_missing", &days, nil)
	require.ErrorIs(t, err, store.ErrNotFound)
	_, err = s.GetRetention(ctx(), "acc_missing")
	require.ErrorIs(t, err, store.ErrNotFound)
}

// heldApplication stores an application of the candidate key to a new ad
// of in.
func heldApplication(t *testing.T, s store.Store, in store.Integration, ref, key string) store.ApplicationResult {
	t.Helper()
	ad := publish(t, s, write(in, ref, "Lager "+ref))
	w := applicationWrite(in, ad.ID, "c-"+ref, "")
	w.CandidateKey = key
	res, err := s.CreateApplication(ctx(), w)
	require.NoError(t, err)
	return res
}

// testHeldApplications: a candidate key finds the candidate's
// applications in every account (or one, when scoped) with their ad,
// vendor, files' metadata and delivery; an application stored without a
// key is listed for reading and can be given one.
func testHeldApplications(t *testing.T, s store.Store) {
	a, b := tenant(t, s), tenant(t, s)
	first := heldApplication(t, s, a, "h1", "key-1")
	second := heldApplication(t, s, b, "h2", "key-1")
	heldApplication(t, s, a, "h3", "key-2")
	old := heldApplication(t, s, a, "h4", "")
	require.NoError(t, s.CompleteApplication(ctx(), first.Delivery.ID, 0, "ats-1"))

	held, err := s.HeldApplications(ctx(), store.HeldQuery{CandidateKey: "key-1"})
	require.NoError(t, err)
	require.Len(t, held, 2)
	h := held[0]
	require.Equal(t, first.Application.ID, h.ID)
	require.Equal(t, "h1", h.AdReference)
	require.Equal(t, "Lager h1", h.AdTitle)
	require.Equal(t, "generic", h.Vendor)
	require.Equal(t, "ats-1", h.ATSID)
	require.Equal(t, store.DeliveryDelivered, h.Delivery.State)
	require.NotNil(t, h.Delivery.DeliveredAt)
	require.Equal(t, []store.DocumentInfo{{Kind: "cv", FileName: "cv.pdf", ContentType: "application/pdf", Size: 12, SHA256: "s1"},
		{Kind: "other", FileName: "b.txt", ContentType: "text/plain", Size: 4, SHA256: "s2"}}, h.Documents)
	require.Equal(t, second.Application.ID, held[1].ID)
	require.Equal(t, store.DeliveryPending, held[1].Delivery.State)

	scoped, err := s.HeldApplications(ctx(), store.HeldQuery{CandidateKey: "key-1", AccountID: b.AccountID})
	require.NoError(t, err)
	require.Len(t, scoped, 1)
	require.Equal(t, second.Application.ID, scoped[0].ID)
	one, err := s.HeldApplications(ctx(), store.HeldQuery{ApplicationID: first.Application.ID})
	require.NoError(t, err)
	require.Len(t, one, 1)
	_, err = s.HeldApplications(ctx(), store.HeldQuery{AccountID: a.AccountID})
	require.Error(t, err, "an account alone selects no candidate")

	unkeyed, err := s.UnkeyedApplications(ctx(), "", "", 10)
	require.NoError(t, err)
	require.Len(t, unkeyed, 1)
	require.Equal(t, old.Application.ID, unkeyed[0].ID)
	require.JSONEq(t, `{"candidate":{}}`, string(unkeyed[0].Content))
	none, err := s.UnkeyedApplications(ctx(), b.AccountID, "", 10)
	require.NoError(t, err)
	require.Empty(t, none)
	require.NoError(t, s.SetCandidateKey(ctx(), old.Application.ID, "key-2"))
	require.NoError(t, s.SetCandidateKey(ctx(), old.Application.ID, "key-3"), "a key once set stays")
	held, err = s.HeldApplications(ctx(), store.HeldQuery{CandidateKey: "key-2"})
	require.NoError(t, err)
	require.Len(t, held, 2)
}

// testEraseApplications: erasure deletes an application, its files and
// its delivery, counts it first (received, and delivered when it was),
// leaves others alone, and erasing it again deletes nothing.
func testEraseApplications(t *testing.T, s store.Store) {
	in := tenant(t, s)
	gone := heldApplication(t, s, in, "e1", "key-e")
	pending := heldApplication(t, s, in, "e2", "key-e")
	kept := heldApplication(t, s, in, "e3", "key-other")
	require.NoError(t, s.CompleteApplication(ctx(), gone.Delivery.ID, 0, "ats-9"))

	n, err := s.EraseApplications(ctx(), []string{gone.Application.ID, pending.Application.ID, "app_missing"})
	require.NoError(t, err)
	require.Equal(t, 2, n)
	for _, r := range []store.ApplicationResult{gone, pending} {
		_, err := s.GetApplication(ctx(), r.Application.ID)
		require.ErrorIs(t, err, store.ErrNotFound)
		_, _, err = s.LoadApplication(ctx(), r.Delivery.ID)
		require.ErrorIs(t, err, store.ErrNotFound)
		_, err = s.GetDelivery(ctx(), r.Delivery.ID)
		require.ErrorIs(t, err, store.ErrNotFound, "the apply delivery goes too")
	}
	held, err := s.HeldApplications(ctx(), store.HeldQuery{CandidateKey: "key-e"})
	require.NoError(t, err)
	require.Empty(t, held)
	_, docs, err := s.LoadApplication(ctx(), kept.Delivery.ID)
	require.NoError(t, err)
	require.Len(t, docs, 2, "another candidate's application is untouched")

	counts, err := s.ApplicationCounts(ctx(), in.AccountID)
	require.NoError(t, err)
	require.Len(t, counts, 2)
	day := time.Now().UTC().Format(time.DateOnly)
	byAd := map[string]store.ApplicationCount{}
	for _, c := range counts {
		require.Equal(t, day, c.Day)
		byAd[c.AdID] = c
	}
	require.Equal(t, 1, byAd[gone.Application.AdID].Received)
	require.Equal(t, 1, byAd[gone.Application.AdID].Delivered)
	require.Equal(t, 1, byAd[pending.Application.AdID].Received)
	require.Equal(t, 0, byAd[pending.Application.AdID].Delivered)

	n, err = s.EraseApplications(ctx(), []string{gone.Application.ID})
	require.NoError(t, err)
	require.Zero(t, n)
	require.NoError(t, s.Compact(ctx()))
}

// testRetentionQueries: the purge finds an account's applications older
// than the cut-off (and no other account's), and deletes the files of
// applications delivered before a time, once, leaving undelivered ones'.
func testRetentionQueries(t *testing.T, s store.Store) {
	a, b := tenant(t, s), tenant(t, s)
	delivered := heldApplication(t, s, a, "p1", "k1")
	pending := heldApplication(t, s, a, "p2", "k2")
	heldApplication(t, s, b, "p3", "k3")
	require.NoError(t, s.CompleteApplication(ctx(), delivered.Delivery.ID, 0, "ats-1"))

	exp, err := s.ExpiringApplications(ctx(), a.AccountID, time.Now().Add(time.Hour), 10)
	require.NoError(t, err)
	require.Len(t, exp, 2)
	require.Equal(t, delivered.Application.ID, exp[0].ID)
	require.Equal(t, delivered.Delivery.ID, exp[0].Delivery.ID)
	require.Equal(t, pending.Delivery.TaskID(), exp[1].Delivery.TaskID())
	exp, err = s.ExpiringApplications(ctx(), a.AccountID, time.Now().Add(-time.Hour), 10)
	require.NoError(t, err)
	require.Empty(t, exp, "nothing is older than an hour")
	exp, err = s.ExpiringApplications(ctx(), a.AccountID, time.Now().Add(time.Hour), 1)
	require.NoError(t, err)
	require.Len(t, exp, 1, "a batch is bounded")

	n, err := s.DeleteDeliveredFiles(ctx(), a.AccountID, time.Now().Add(-time.Hour), 10)
	require.NoError(t, err)
	require.Zero(t, n, "delivered less than an hour ago")
	n, err = s.DeleteDeliveredFiles(ctx(), a.AccountID, time.Now().Add(time.Hour), 10)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	n, err = s.DeleteDeliveredFiles(ctx(), a.AccountID, time.Now().Add(time.Hour), 10)
	require.NoError(t, err)
	require.Zero(t, n, "files are deleted once")
	held, err := s.HeldApplications(ctx(), store.HeldQuery{ApplicationID: delivered.Application.ID})
	require.NoError(t, err)
	require.Empty(t, held[0].Documents)
	require.NotNil(t, held[0].FilesDeletedAt)
	_, docs, err := s.LoadApplication(ctx(), pending.Delivery.ID)
	require.NoError(t, err)
	require.Len(t, docs, 2, "an undelivered application keeps its files")
}

// testErasureReceipts: a receipt comes back as saved, its erasure is
// audited with counts only, and an unknown id is ErrNotFound.
func testErasureReceipts(t *testing.T, s store.Store) {
	at := time.Now().UTC().Truncate(time.Microsecond)
	delivered := at.Add(-time.Hour)
	r := store.ErasureReceipt{ID: "era_test1", At: at, Actor: "cli", Applications: 2, Forwarded: []store.ForwardedTo{
		{ApplicationID: "app_1", AccountID: "acc_1", IntegrationID: "int_1", Vendor: "teamtailor", Applier: "teamtailor", ATSID: "tt-1", DeliveredAt: &delivered, VendorErasure: "not_offered"},
	}}
	require.NoError(t, s.SaveErasureReceipt(ctx(), r))
	got, err := s.GetErasureReceipt(ctx(), r.ID)
	require.NoError(t, err)
	require.Equal(t, r.Applications, got.Applications)
	require.True(t, r.At.Equal(got.At))
	require.Len(t, got.Forwarded, 1)
	require.Equal(t, "tt-1", got.Forwarded[0].ATSID)
	require.True(t, delivered.Equal(*got.Forwarded[0].DeliveredAt))
	empty := store.ErasureReceipt{ID: "era_test2", At: at, Actor: "cli"}
	require.NoError(t, s.SaveErasureReceipt(ctx(), empty))
	got, err = s.GetErasureReceipt(ctx(), empty.ID)
	require.NoError(t, err)
	require.Zero(t, got.Applications)
	require.Empty(t, got.Forwarded)
	require.Equal(t, []string{"candidate.erase applications=0 forwarded=0"}, auditLines(t, s, empty.ID))
	_, err = s.GetErasureReceipt(ctx(), "era_missing")
	require.ErrorIs(t, err, store.ErrNotFound)
}

// auditLines lists the audit lines about subject as "action detail".
func auditLines(t *testing.T, s store.Store, subject string) []string {
	t.Helper()
	all, err := s.ListAudit(ctx(), 100)
	require.NoError(t, err)
	var out []string
	for _, e := range all {
		if e.Subject == subject {
			out = append(out, e.Action+" "+e.Detail)
		}
	}
	return out
}
