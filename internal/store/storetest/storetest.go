// Package storetest is the conformance suite every store.Store passes: the
// SQLite store always, the Postgres store when JOBGATE_TEST_DATABASE_URL is
// set.
package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/apikey"
	"github.com/jobgate/jobgate/internal/store"
)

// Opener returns a migrated, empty store for one test.
type Opener func(t *testing.T) store.Store

// Run runs the suite.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"Accounts", testAccounts},
		{"Integrations", testIntegrations},
		{"Keys", testKeys},
		{"UpsertAd", testUpsertAd},
		{"WithdrawAd", testWithdrawAd},
		{"ConcurrentUpserts", testConcurrentUpserts},
		{"OneBadWriteFailsAlone", testOneBadWriteFailsAlone},
		{"DeliveryOutcomes", testDeliveryOutcomes},
		{"Replay", testReplay},
		{"OldestPending", testOldestPending},
		{"ListJobs", testListJobs},
		{"PublicationOrdering", testPublicationOrdering},
		{"PollLease", testPollLease},
		{"DuePolls", testDuePolls},
		{"AdStates", testAdStates},
		{"ExpiredAds", testExpiredAds},
		{"ScheduledAds", testScheduledAds},
		{"AdWarnings", testAdWarnings},
		{"Moderation", testModeration},
		{"Republish", testRepublish},
		{"Applications", testApplications},
		{"ApplicationKeys", testApplicationKeys},
		{"ConcurrentDuplicateApplications", testConcurrentDuplicates},
		{"Team", testTeam},
		{"RetentionSettings", testRetentionSettings},
		{"HeldApplications", testHeldApplications},
		{"EraseApplications", testEraseApplications},
		{"RetentionQueries", testRetentionQueries},
		{"ErasureReceipts", testErasureReceipts},
		{"Identity", testIdentity},
		{"PortalVisibility", testPortalVisibility},
		{"PortalDetails", testPortalDetails},
		{"PortalPaging", testPortalPaging},
		{"PortalTeam", testPortalTeam},
		{"PortalCandidate", testPortalCandidate},
		{"Ops", testOps},
		{"Operations", testOperations},
		{"UpdateIntegration", testUpdateIntegration},
		{"DeleteIntegration", testDeleteIntegration},
		{"LatePublish", testLatePublish},
		{"BoardFilters", testBoardFilters},
		{"BoardDeadlineSort", testBoardDeadlineSort},
		{"Ledger", testLedger},
		{"LedgerDeadReplayed", testLedgerDeadReplayed},
		{"ATSOutcome", testATSOutcome},
		{"ApplyDegradation", testApplyDegradation},
		{"ApplyDegradationLapse", testApplyDegradationLapse},
		{"AdStats", testAdStats},
		{"ChannelStats", testChannelStats},
		{"UpsertAdRows", testUpsertAdRows},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

func ctx() context.Context { return store.WithActor(context.Background(), "test") }

// tenant creates an account and an integration.
func tenant(t *testing.T, s store.Store) store.Integration {
	t.Helper()
	acc, err := s.CreateAccount(ctx(), "Eksempel AS")
	require.NoError(t, err)
	in, err := s.CreateIntegration(ctx(), store.Integration{AccountID: acc.ID, Vendor: "generic", Settings: map[string]string{"a": "b"}})
	require.NoError(t, err)
	return in
}

// write makes an AdWrite whose content is title.
func write(in store.Integration, ref, title string) store.AdWrite {
	content, _ := json.Marshal(map[string]string{"title": title})
	return store.AdWrite{AccountID: in.AccountID, IntegrationID: in.ID, Reference: ref, Content: content, Hash: "h:" + title,
		Title: title, EmployerText: "eksempel as", SearchText: "text " + title, LocationText: "oslo",
		ApplyMode: "redirect", ApplyURL: "https://ats.example/apply", Channels: []string{"board"}}
}

func testAccounts(t *testing.T, s store.Store) {
	a, err := s.CreateAccount(ctx(), "Eksempel AS")
	require.NoError(t, err)
	got, err := s.GetAccount(ctx(), a.ID)
	require.NoError(t, err)
	require.Equal(t, "Eksempel AS", got.Name)
	_, err = s.GetAccount(ctx(), "acc_missing")
	require.ErrorIs(t, err, store.ErrNotFound)
	audit, err := s.ListAudit(ctx(), 10)
	require.NoError(t, err)
	require.NotEmpty(t, audit)
	require.Equal(t, "account.create", audit[0].Action)
	require.Equal(t, "test", audit[0].Actor)
}

func testIntegrations(t *testing.T, s store.Store) {
	_, err := s.CreateIntegration(ctx(), store.Integration{AccountID: "acc_missing", Vendor: "generic"})
	require.ErrorIs(t, err, store.ErrNotFound)
	acc, err := s.CreateAccount(ctx(), "A")
	require.NoError(t, err)
	in, err := s.CreateIntegration(ctx(), store.Integration{AccountID: acc.ID, Vendor: "generic", Settings: map[string]string{"channels": "nav"}, SealedSecrets: []byte{1, 2, 3}})
	require.NoError(t, err)
	got, err := s.GetIntegration(ctx(), in.ID)
	require.NoError(t, err)
	require.Equal(t, map[string]string{"channels": "nav"}, got.Settings)
	require.Equal(t, []byte{1, 2, 3}, got.SealedSecrets)
	require.Equal(t, "active", got.Status)
	all, err := s.ListIntegrations(ctx())
	require.NoError(t, err)
	require.Len(t, all, 1)
}

func issue(t *testing.T, s store.Store, in store.Integration, grace *time.Time) apikey.Key {
	t.Helper()
	k := apikey.New()
	require.NoError(t, s.IssueKey(ctx(), store.APIKey{ID: k.ID, IntegrationID: in.ID, Hash: apikey.Hash(k.Secret), CreatedAt: time.Now()}, grace))
	return k
}

func testKeys(t *testing.T, s store.Store) {
	in := tenant(t, s)
	old := issue(t, s, in, nil)
	got, err := s.LookupKey(ctx(), old.ID)
	require.NoError(t, err)
	require.Equal(t, in.AccountID, got.AccountID)
	require.True(t, apikey.Verify(got.Hash, old.Secret))
	require.True(t, got.ValidAt(time.Now()))

	grace := time.Now().Add(time.Hour)
	fresh := issue(t, s, in, &grace)
	got, err = s.LookupKey(ctx(), old.ID)
	require.NoError(t, err)
	require.True(t, got.ValidAt(time.Now()), "a rotated key is valid during its grace period")
	require.False(t, got.ValidAt(grace.Add(time.Second)), "a rotated key is invalid after its grace period")

	n, err := s.RevokeKeys(ctx(), in.ID, fresh.ID)
	require.NoError(t, err)
	require.Equal(t, 1, n)
	got, err = s.LookupKey(ctx(), fresh.ID)
	require.NoError(t, err)
	require.False(t, got.ValidAt(time.Now()))
	n, err = s.RevokeKeys(ctx(), in.ID, "")
	require.NoError(t, err)
	require.Equal(t, 1, n)
	keys, err := s.ListKeys(ctx(), in.ID)
	require.NoError(t, err)
	require.Len(t, keys, 2)
	require.Nil(t, keys[0].Hash, "ListKeys must not return hashes")
	_, err = s.LookupKey(ctx(), "key_missing")
	require.ErrorIs(t, err, store.ErrNotFound)
	require.ErrorIs(t, s.IssueKey(ctx(), store.APIKey{ID: "key_x", IntegrationID: "int_missing", Hash: []byte{1}}, nil), store.ErrNotFound)
}

func testUpsertAd(t *testing.T, s store.Store) {
	in := tenant(t, s)
	r, err := s.UpsertAd(ctx(), write(in, "r1", "one"))
	require.NoError(t, err)
	require.True(t, r.Created)
	require.True(t, r.Changed)
	require.Equal(t, 1, r.Ad.Revision)
	require.Len(t, r.Deliveries, 1)
	require.Equal(t, store.KindPublish, r.Deliveries[0].Kind)

	r, err = s.UpsertAd(ctx(), write(in, "r1", "one"))
	require.NoError(t, err)
	require.False(t, r.Created)
	require.False(t, r.Changed, "an unchanged upsert changes nothing")
	require.Empty(t, r.Deliveries)

	r, err = s.UpsertAd(ctx(), write(in, "r1", "two"))
	require.NoError(t, err)
	require.True(t, r.Changed)
	require.Equal(t, 2, r.Ad.Revision)
	revs, err := s.ListRevisions(ctx(), r.Ad.ID)
	require.NoError(t, err)
	require.Len(t, revs, 2)
	require.JSONEq(t, `{"title":"two"}`, string(revs[1].Content))

	got, err := s.GetAd(ctx(), in.ID, "r1")
	require.NoError(t, err)
	require.JSONEq(t, `{"title":"two"}`, string(got.Content))
	byID, err := s.GetAdByID(ctx(), got.ID)
	require.NoError(t, err)
	require.Equal(t, "r1", byID.Reference)
	_, err = s.GetAd(ctx(), in.ID, "missing")
	require.ErrorIs(t, err, store.ErrNotFound)
	other := tenant(t, s)
	_, err = s.GetAd(ctx(), other.ID, "r1")
	require.ErrorIs(t, err, store.ErrNotFound, "another integration's reference is not found")
}

func testWithdrawAd(t *testing.T, s store.Store) {
	in := tenant(t, s)
	r, err := s.UpsertAd(ctx(), write(in, "r1", "one"))
	require.NoError(t, err)
	w, err := s.WithdrawAd(ctx(), in.ID, "r1")
	require.NoError(t, err)
	require.True(t, w.Changed)
	require.Equal(t, store.AdWithdrawn, w.Ad.Status)
	require.Len(t, w.Deliveries, 1, "the pending publish on the board is withdrawn too")
	require.Equal(t, store.KindWithdraw, w.Deliveries[0].Kind)
	w, err = s.WithdrawAd(ctx(), in.ID, "r1")
	require.NoError(t, err)
	require.False(t, w.Changed)
	_, err = s.WithdrawAd(ctx(), in.ID, "missing")
	require.ErrorIs(t, err, store.ErrNotFound)

	again, err := s.UpsertAd(ctx(), write(in, "r1", "one"))
	require.NoError(t, err)
	require.True(t, again.Changed, "re-publishing a withdrawn ad is a change")
	require.Equal(t, store.AdLive, again.Ad.Status)
	require.Equal(t, r.Ad.ID, again.Ad.ID)
}

func testConcurrentUpserts(t *testing.T, s store.Store) {
	in := tenant(t, s)
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for i := range 50 {
		wg.Go(func() {
			_, err := s.UpsertAd(ctx(), write(in, "same", fmt.Sprintf("title %d", i)))
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	got, err := s.GetAd(ctx(), in.ID, "same")
	require.NoError(t, err)
	revs, err := s.ListRevisions(ctx(), got.ID)
	require.NoError(t, err)
	require.Len(t, revs, got.Revision)
	for i, r := range revs {
		require.Equal(t, i+1, r.Revision)
	}
	require.JSONEq(t, string(got.Content), string(revs[len(revs)-1].Content), "the last revision is the ad's content")
	ds, err := s.ListDeliveries(ctx(), store.DeliveryFilter{AdID: got.ID, Limit: 1000})
	require.NoError(t, err)
	require.Len(t, ds, got.Revision, "one publish delivery per revision")
}

func testDeliveryOutcomes(t *testing.T, s store.Store) {
	in := tenant(t, s)
	r, err := s.UpsertAd(ctx(), write(in, "r1", "one"))
	require.NoError(t, err)
	d := r.Deliveries[0]
	due, err := s.DueDeliveries(ctx(), time.Now(), "", 10)
	require.NoError(t, err)
	require.Len(t, due, 1)

	next := time.Now().Add(time.Hour)
	require.NoError(t, s.FailDelivery(ctx(), d.ID, d.Generation, store.Failure{Reason: "status 503", NextAttemptAt: next, CountsAttempt: true}))
	due, err = s.DueDeliveries(ctx(), time.Now(), "", 10)
	require.NoError(t, err)
	require.Empty(t, due, "a delivery waiting for its retry is not due")
	got, err := s.GetDelivery(ctx(), d.ID)
	require.NoError(t, err)
	require.Equal(t, 1, got.Attempts)
	require.Equal(t, "status 503", got.LastError)

	ld, lad, err := s.LoadDelivery(ctx(), d.ID)
	require.NoError(t, err)
	require.Equal(t, d.ID, ld.ID)
	require.Equal(t, r.Ad.ID, lad.ID)
	require.Empty(t, lad.Publications, "no publication yet")
	_, _, err = s.LoadDelivery(ctx(), "dlv_missing")
	require.ErrorIs(t, err, store.ErrNotFound)

	pub := &store.Publication{AdID: r.Ad.ID, Channel: "board", State: store.PublicationLive, Revision: 1, URL: "http://x/jobs/1"}
	require.NoError(t, s.CompleteDelivery(ctx(), d.ID, d.Generation, pub))
	require.ErrorIs(t, s.CompleteDelivery(ctx(), d.ID, d.Generation, pub), store.ErrConflict)
	require.ErrorIs(t, s.FailDelivery(ctx(), d.ID, d.Generation, store.Failure{Reason: "x"}), store.ErrConflict)
	ad, err := s.GetAdByID(ctx(), r.Ad.ID)
	require.NoError(t, err)
	require.Len(t, ad.Publications, 1)
	require.Equal(t, store.PublicationLive, ad.Publications[0].State)
	_, lad, err = s.LoadDelivery(ctx(), d.ID)
	require.NoError(t, err)
	require.Len(t, lad.Publications, 1, "the delivery's channel publication comes with it")
	require.Equal(t, "http://x/jobs/1", lad.Publications[0].URL)
	counts, err := s.CountDeliveries(ctx())
	require.NoError(t, err)
	require.Equal(t, 0, counts[store.DeliveryPending])
	require.Equal(t, 0, counts[store.DeliveryDead])
}

func testReplay(t *testing.T, s store.Store) {
	in := tenant(t, s)
	r, err := s.UpsertAd(ctx(), write(in, "r1", "one"))
	require.NoError(t, err)
	d := r.Deliveries[0]
	require.NoError(t, s.FailDelivery(ctx(), d.ID, d.Generation, store.Failure{Reason: "status 400", Dead: true, CountsAttempt: true}))
	dead, err := s.ListDeliveries(ctx(), store.DeliveryFilter{State: store.DeliveryDead})
	require.NoError(t, err)
	require.Len(t, dead, 1)
	counts, err := s.CountDeliveries(ctx())
	require.NoError(t, err)
	require.Equal(t, map[string]int{store.DeliveryPending: 0, store.DeliveryDead: 1, store.DeliveryNeedsAttention: 0}, counts)

	re, err := s.ReplayDelivery(ctx(), d.ID)
	require.NoError(t, err)
	require.Equal(t, store.DeliveryPending, re.State)
	require.Equal(t, 2, re.Generation)
	require.NotEqual(t, d.TaskID(), re.TaskID(), "a replay gets a new task id")
	require.ErrorIs(t, s.CompleteDelivery(ctx(), d.ID, 1, nil), store.ErrConflict, "the old generation cannot complete")

	require.NoError(t, s.FailDelivery(ctx(), d.ID, 2, store.Failure{Reason: "x", Dead: true}))
	all, err := s.ReplayDead(ctx())
	require.NoError(t, err)
	require.Len(t, all, 1)
	require.Equal(t, 3, all[0].Generation)
	require.NoError(t, s.CompleteDelivery(ctx(), d.ID, 3, nil))
	_, err = s.ReplayDelivery(ctx(), d.ID)
	require.ErrorIs(t, err, store.ErrConflict, "a delivered delivery is not replayed")
	_, err = s.ReplayDelivery(ctx(), "dlv_missing")
	require.ErrorIs(t, err, store.ErrNotFound)
	testReplayNeedsAttention(t, s, in)
}

// testReplayNeedsAttention: a failure the ATS needs a person for (Lever's
// 400 naming a required field) keeps the delivery in needs_attention,
// with its reason, listed and counted apart from dead (ReplayDead leaves
// it), and ReplayDelivery puts it back to pending (issue 15, Lever).
func testReplayNeedsAttention(t *testing.T, s store.Store, in store.Integration) {
	r, err := s.UpsertAd(ctx(), write(in, "r2", "two"))
	require.NoError(t, err)
	d := r.Deliveries[0]
	reason := "lever: posting p: permanent: status 400: Missing required field: urls[LinkedIn]"
	require.NoError(t, s.FailDelivery(ctx(), d.ID, d.Generation, store.Failure{Reason: reason, Dead: true, NeedsAttention: true, CountsAttempt: true}))
	held, err := s.ListDeliveries(ctx(), store.DeliveryFilter{State: store.DeliveryNeedsAttention})
	require.NoError(t, err)
	require.Len(t, held, 1)
	require.Equal(t, d.ID, held[0].ID)
	require.Equal(t, reason, held[0].LastError)
	counts, err := s.CountDeliveries(ctx())
	require.NoError(t, err)
	require.Equal(t, 1, counts[store.DeliveryNeedsAttention])
	replayed, err := s.ReplayDead(ctx())
	require.NoError(t, err)
	require.Empty(t, replayed, "ReplayDead replays dead deliveries only")
	re, err := s.ReplayDelivery(ctx(), d.ID)
	require.NoError(t, err)
	require.Equal(t, store.DeliveryPending, re.State)
	require.Equal(t, d.Generation+1, re.Generation)
}

// publish upserts an ad and completes its board delivery.
func publish(t *testing.T, s store.Store, w store.AdWrite) store.AdRecord {
	t.Helper()
	r, err := s.UpsertAd(ctx(), w)
	require.NoError(t, err)
	for _, d := range r.Deliveries {
		require.NoError(t, s.CompleteDelivery(ctx(), d.ID, d.Generation, &store.Publication{AdID: r.Ad.ID, Channel: "board", State: store.PublicationLive, Revision: r.Ad.Revision}))
	}
	return r.Ad
}

func testListJobs(t *testing.T, s store.Store) {
	in := tenant(t, s)
	for i := range 5 {
		publish(t, s, write(in, fmt.Sprintf("r%d", i), fmt.Sprintf("lager %d", i)))
	}
	w := write(in, "special", "100% sjåfør_x")
	w.LocationText, w.EmployerText = "bergen", "annen bedrift"
	publish(t, s, w)
	_, err := s.UpsertAd(ctx(), write(in, "unpublished", "lager pending"))
	require.NoError(t, err)

	page, next, err := s.ListJobs(ctx(), store.JobQuery{Limit: 4})
	require.NoError(t, err)
	require.Len(t, page, 4)
	require.NotEmpty(t, next)
	rest, next2, err := s.ListJobs(ctx(), store.JobQuery{Limit: 4, Cursor: next})
	require.NoError(t, err)
	require.Len(t, rest, 2, "6 published ads, the unpublished one is not listed")
	require.Empty(t, next2)
	require.Equal(t, "special", page[0].Reference, "newest first")

	for _, c := range []struct {
		q    store.JobQuery
		want int
	}{
		{store.JobQuery{Text: "LAGER"}, 5},
		{store.JobQuery{Text: "100%"}, 1},
		{store.JobQuery{Text: "%"}, 1},
		{store.JobQuery{Text: "_x"}, 1},
		{store.JobQuery{Location: "Bergen"}, 1},
		{store.JobQuery{Employer: "eksempel"}, 5},
		{store.JobQuery{Employer: "nobody"}, 0},
	} {
		got, _, err := s.ListJobs(ctx(), c.q)
		require.NoError(t, err)
		require.Len(t, got, c.want, "query %+v", c.q)
	}
	_, err = s.WithdrawAd(ctx(), in.ID, "special")
	require.NoError(t, err)
	got, _, err := s.ListJobs(ctx(), store.JobQuery{Location: "bergen"})
	require.NoError(t, err)
	require.Empty(t, got, "a withdrawn ad leaves the board at once")
}

func testPublicationOrdering(t *testing.T, s store.Store) {
	in := tenant(t, s)
	r, err := s.UpsertAd(ctx(), write(in, "r1", "one"))
	require.NoError(t, err)
	pub := r.Deliveries[0]
	w, err := s.WithdrawAd(ctx(), in.ID, "r1")
	require.NoError(t, err)
	wd := w.Deliveries[0]
	require.NoError(t, s.CompleteDelivery(ctx(), wd.ID, wd.Generation, &store.Publication{AdID: r.Ad.ID, Channel: "board", State: store.PublicationWithdrawn, Revision: 1}))
	// The publish that raced the withdrawal completes last: it must not put
	// the ad back on the board.
	require.NoError(t, s.CompleteDelivery(ctx(), pub.ID, pub.Generation, &store.Publication{AdID: r.Ad.ID, Channel: "board", State: store.PublicationLive, Revision: 1}))
	got, err := s.GetAdByID(ctx(), r.Ad.ID)
	require.NoError(t, err)
	require.Equal(t, store.PublicationWithdrawn, got.Publications[0].State)
}

// testOneBadWriteFailsAlone writes concurrently, one write refused by the
// database (an unknown integration): writes committed together (group
// commit, pipelined batches) must not fail with it.
func testOneBadWriteFailsAlone(t *testing.T, s store.Store) {
	in := tenant(t, s)
	var wg sync.WaitGroup
	errs := make([]error, 40)
	for i := range errs {
		wg.Go(func() {
			w := write(in, fmt.Sprintf("r%d", i), fmt.Sprintf("title %d", i))
			if i == 17 {
				w.IntegrationID = "int_missing"
			}
			_, errs[i] = s.UpsertAd(ctx(), w)
		})
	}
	wg.Wait()
	for i, err := range errs {
		if i == 17 {
			require.Error(t, err, "the write to an unknown integration is refused")
			continue
		}
		require.NoError(t, err, "write %d", i)
		_, err := s.GetAd(ctx(), in.ID, fmt.Sprintf("r%d", i))
		require.NoError(t, err, "write %d is stored", i)
	}
}
