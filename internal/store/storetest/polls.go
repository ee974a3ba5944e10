package storetest

import (
	"encoding/json"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/store"
)

// testPollLease checks that one owner at a time holds an integration's
// poll lease, that only the holder records an outcome, and that an expired
// lease can be taken over.
func testPollLease(t *testing.T, s store.Store) {
	in := tenant(t, s)
	_, err := s.GetPollState(ctx(), in.ID)
	require.ErrorIs(t, err, store.ErrNotFound)
	_, _, err = s.AcquirePoll(ctx(), "int_missing", "w", time.Now().Add(time.Minute))
	require.ErrorIs(t, err, store.ErrNotFound)

	var wins atomic.Int32
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			_, ok, err := s.AcquirePoll(ctx(), in.ID, "w"+string(rune('a'+i)), time.Now().Add(time.Minute))
			require.NoError(t, err)
			if ok {
				wins.Add(1)
			}
		})
	}
	wg.Wait()
	require.Equal(t, int32(1), wins.Load(), "exactly one of eight racing workers takes the lease")

	st := store.PollState{IntegrationID: in.ID, Outcome: store.PollOK, LastPollAt: time.Now(), NextPollAt: time.Now().Add(time.Hour),
		Counts: store.PollCounts{Listed: 3, Created: 2, Unchanged: 1, Held: 2, Invalid: 1, Warned: 1}, ETag: `"v1"`, Missing: []string{"r1", "r2"},
		Notes: store.PollNotes{Skipped: []store.PostingNote{{Reference: "r3", Reasons: []string{"title:invalid_text"}}},
			Warnings: []store.PostingNote{{Reference: "r4", Reasons: []string{"language:invalid_code", "salary.max:out_of_range"}}}}}
	require.ErrorIs(t, s.FinishPoll(ctx(), "intruder", st), store.ErrConflict)

	_, ok, err := s.AcquirePoll(ctx(), in.ID, "late", time.Now().Add(time.Minute))
	require.NoError(t, err)
	require.False(t, ok, "a held lease is not taken")

	// A worker that died mid-poll holds a lease that runs out.
	crashed := tenant(t, s)
	_, ok, err = s.AcquirePoll(ctx(), crashed.ID, "crashed", time.Now().Add(20*time.Millisecond))
	require.NoError(t, err)
	require.True(t, ok)
	time.Sleep(50 * time.Millisecond)
	_, ok, err = s.AcquirePoll(ctx(), crashed.ID, "late", time.Now().Add(time.Minute))
	require.NoError(t, err)
	require.True(t, ok, "an expired lease is taken over")
	st.IntegrationID = crashed.ID
	require.NoError(t, s.FinishPoll(ctx(), "late", st))
	got, err := s.GetPollState(ctx(), crashed.ID)
	require.NoError(t, err)
	require.Equal(t, st.Counts, got.Counts)
	require.Equal(t, `"v1"`, got.ETag)
	require.Equal(t, []string{"r1", "r2"}, got.Missing)
	require.Equal(t, st.Notes, got.Notes, "the skipped postings and warnings are kept")
	require.True(t, got.LeaseUntil.IsZero(), "finishing frees the lease")
	require.ErrorIs(t, s.FinishPoll(ctx(), "late", st), store.ErrConflict, "a freed lease cannot be finished twice")
}

// testDuePolls checks the scheduler's list: never-polled and overdue
// integrations of the polled vendors, none being polled.
func testDuePolls(t *testing.T, s store.Store) {
	acc, err := s.CreateAccount(ctx(), "A")
	require.NoError(t, err)
	mk := func(vendor string) string {
		in, err := s.CreateIntegration(ctx(), store.Integration{AccountID: acc.ID, Vendor: vendor})
		require.NoError(t, err)
		return in.ID
	}
	fresh, later, overdue, pushed := mk("lever"), mk("lever"), mk("jobylon"), mk("generic")
	finish := func(id string, next time.Time) {
		_, ok, err := s.AcquirePoll(ctx(), id, "w", time.Now().Add(time.Minute))
		require.NoError(t, err)
		require.True(t, ok)
		require.NoError(t, s.FinishPoll(ctx(), "w", store.PollState{IntegrationID: id, Outcome: store.PollOK, LastPollAt: time.Now(), NextPollAt: next}))
	}
	finish(later, time.Now().Add(time.Hour))
	finish(overdue, time.Now().Add(-time.Minute))
	due, err := s.DuePolls(ctx(), []string{"lever", "jobylon"}, time.Now(), 10)
	require.NoError(t, err)
	require.Len(t, due, 2)
	require.Equal(t, fresh, due[0].IntegrationID, "never polled comes first")
	require.True(t, due[0].NextPollAt.IsZero())
	require.Equal(t, overdue, due[1].IntegrationID)
	require.False(t, due[1].NextPollAt.IsZero())
	require.NotContains(t, []string{due[0].IntegrationID, due[1].IntegrationID}, pushed)

	_, ok, err := s.AcquirePoll(ctx(), overdue, "w", time.Now().Add(time.Minute))
	require.NoError(t, err)
	require.True(t, ok)
	due, err = s.DuePolls(ctx(), []string{"lever", "jobylon"}, time.Now(), 10)
	require.NoError(t, err)
	require.Len(t, due, 1)
	require.Equal(t, fresh, due[0].IntegrationID, "an integration being polled is not due")
}

// testAdStates checks the diff's read: every ad of one integration with
// its hash and status.
func testAdStates(t *testing.T, s store.Store) {
	in := tenant(t, s)
	other := tenant(t, s)
	for _, ref := range []string{"a", "b"} {
		_, err := s.UpsertAd(ctx(), write(in, ref, "T"+ref))
		require.NoError(t, err)
	}
	_, err := s.UpsertAd(ctx(), write(other, "a", "X"))
	require.NoError(t, err)
	_, err = s.WithdrawAd(ctx(), in.ID, "b")
	require.NoError(t, err)
	got, err := s.ListAdStates(ctx(), in.ID)
	require.NoError(t, err)
	require.ElementsMatch(t, []store.AdState{{Reference: "a", Hash: "h:Ta", Status: store.AdLive}, {Reference: "b", Hash: "h:Tb", Status: store.AdWithdrawn}}, got)
}

// testExpiredAds checks the expiry job's read: live ads whose deadline's
// end has come, earliest first, none withdrawn or without a deadline; a
// new revision moves the end.
func testExpiredAds(t *testing.T, s store.Store) {
	in := tenant(t, s)
	now := time.Date(2026, 2, 1, 22, 30, 0, 0, time.UTC)
	for ref, end := range map[string]time.Time{"old": now.Add(-time.Hour), "older": now.AddDate(0, 0, -30), "now": now,
		"later": now.Add(time.Minute), "none": {}, "gone": now.AddDate(0, 0, -2)} {
		w := write(in, ref, "T"+ref)
		w.DeadlineEnd = end
		_, err := s.UpsertAd(ctx(), w)
		require.NoError(t, err)
	}
	_, err := s.WithdrawAd(ctx(), in.ID, "gone")
	require.NoError(t, err)
	got, err := s.ExpiredAds(ctx(), now, 10)
	require.NoError(t, err)
	require.Equal(t, []store.AdKey{{IntegrationID: in.ID, Reference: "older"}, {IntegrationID: in.ID, Reference: "old"},
		{IntegrationID: in.ID, Reference: "now"}}, got)
	w := write(in, "old", "Tnew")
	w.DeadlineEnd = now.AddDate(0, 1, 0)
	_, err = s.UpsertAd(ctx(), w)
	require.NoError(t, err)
	got, err = s.ExpiredAds(ctx(), now, 10)
	require.NoError(t, err)
	require.Len(t, got, 2, "a new revision moves the deadline")
	got, err = s.ExpiredAds(ctx(), now.Add(time.Minute), 1)
	require.NoError(t, err)
	require.Equal(t, []store.AdKey{{IntegrationID: in.ID, Reference: "older"}}, got, "the limit")
}

// testAdWarnings checks that an ad's warnings are kept with it: written
// with a new ad, replaced by a new revision's, and by those of a push that
// changes nothing else, and read back with the ad ("[]" for none).
func testAdWarnings(t *testing.T, s store.Store) {
	in := tenant(t, s)
	phone := json.RawMessage(`[{"field":"contact.phone","code":"normalized","message":"kept the phone number"}]`)
	w := write(in, "warned", "T1")
	w.Warnings = phone
	res, err := s.UpsertAd(ctx(), w)
	require.NoError(t, err)
	require.JSONEq(t, string(phone), string(res.Ad.Warnings))
	got, err := s.GetAd(ctx(), in.ID, "warned")
	require.NoError(t, err)
	require.JSONEq(t, string(phone), string(got.Warnings))

	w.Warnings = nil
	res, err = s.UpsertAd(ctx(), w)
	require.NoError(t, err)
	require.False(t, res.Changed, "the same content is no new revision")
	got, err = s.GetAd(ctx(), in.ID, "warned")
	require.NoError(t, err)
	require.JSONEq(t, `[]`, string(got.Warnings), "but its warnings are the last push's")

	w = write(in, "warned", "T2")
	w.Warnings = phone
	res, err = s.UpsertAd(ctx(), w)
	require.NoError(t, err)
	require.True(t, res.Changed)
	got, err = s.GetAd(ctx(), in.ID, "warned")
	require.NoError(t, err)
	require.JSONEq(t, string(phone), string(got.Warnings))
	require.Equal(t, 2, got.Revision)
}

// testModeration checks what the channel status follower reads and
// writes: pending publications of one channel, and the verdict stored
// only while the publication is at that revision.
func testModeration(t *testing.T, s store.Store) {
	in := tenant(t, s)
	w := write(in, "r1", "one")
	w.Channels = []string{"board", "nav"}
	r, err := s.UpsertAd(ctx(), w)
	require.NoError(t, err)
	sent := time.Date(2026, 6, 30, 8, 0, 0, 123456000, time.UTC)
	for _, d := range r.Deliveries {
		pub := &store.Publication{AdID: r.Ad.ID, Channel: d.Channel, State: store.PublicationLive, Revision: 1, Reference: "ref-1"}
		if d.Channel == "nav" {
			pub.State, pub.SentAt = store.PublicationPending, sent
		}
		require.NoError(t, s.CompleteDelivery(ctx(), d.ID, d.Generation, pub))
	}
	pending, err := s.PendingPublications(ctx(), "nav", time.Now().Add(time.Second), 10)
	require.NoError(t, err)
	require.Len(t, pending, 1)
	require.Equal(t, "ref-1", pending[0].Reference)
	require.True(t, sent.Equal(pending[0].SentAt), "the time the channel received the content is kept: %v", pending[0].SentAt)
	require.Zero(t, pending[0].Checks)
	none, err := s.PendingPublications(ctx(), "nav", time.Now().Add(-time.Hour), 10)
	require.NoError(t, err)
	require.Empty(t, none, "asked about too recently")

	stale := pending[0]
	stale.Revision, stale.State = 0, store.PublicationRejected
	require.NoError(t, s.UpdatePublication(ctx(), stale))
	p := pending[0]
	p.State, p.Reason, p.URL = store.PublicationLive, "", "https://arbeidsplassen.nav.no/stillinger/stilling/x"
	require.NoError(t, s.UpdatePublication(ctx(), p))
	rec, err := s.GetAdByID(ctx(), r.Ad.ID)
	require.NoError(t, err)
	var nav store.Publication
	for _, pub := range rec.Publications {
		if pub.Channel == "nav" {
			nav = pub
		}
	}
	require.Equal(t, store.PublicationLive, nav.State, "an older revision's verdict is ignored, the current one stored")
	require.Equal(t, p.URL, nav.URL)
	pending, err = s.PendingPublications(ctx(), "nav", time.Now().Add(time.Second), 10)
	require.NoError(t, err)
	require.Empty(t, pending)
	counts, err := s.CountPublications(ctx())
	require.NoError(t, err)
	require.Equal(t, 1, counts[[2]string{"nav", store.PublicationLive}])
	require.Equal(t, 1, counts[[2]string{"board", store.PublicationLive}])
	testUndecided(t, s, in, sent)
}

// testUndecided checks that a status check's count is stored, that an
// unknown publication is still asked about, and that the delivery that
// sent the content is read with its sent time.
func testUndecided(t *testing.T, s store.Store, in store.Integration, sent time.Time) {
	w := write(in, "r2", "two")
	w.Channels = []string{"nav"}
	r, err := s.UpsertAd(ctx(), w)
	require.NoError(t, err)
	p := store.Publication{AdID: r.Ad.ID, Channel: "nav", State: store.PublicationPending, Revision: 1, Reference: "ref-2", SentAt: sent}
	require.NoError(t, s.CompleteDelivery(ctx(), r.Deliveries[0].ID, r.Deliveries[0].Generation, &p))
	p.Checks = 2
	require.NoError(t, s.UpdatePublication(ctx(), p))
	p.State, p.Reason, p.Checks = store.PublicationUnknown, "NAV: UNKNOWN", 3
	require.NoError(t, s.UpdatePublication(ctx(), p))
	undecided, err := s.PendingPublications(ctx(), "nav", time.Now().Add(time.Second), 10)
	require.NoError(t, err)
	require.Len(t, undecided, 1, "an unknown publication is still asked about")
	require.Equal(t, store.PublicationUnknown, undecided[0].State)
	require.Equal(t, 3, undecided[0].Checks)
	require.Equal(t, "NAV: UNKNOWN", undecided[0].Reason)
	require.True(t, sent.Equal(undecided[0].SentAt), "a status check leaves the sent time")
	wr, err := s.WithdrawAd(ctx(), in.ID, "r2")
	require.NoError(t, err)
	for _, d := range wr.Deliveries {
		if d.Channel != "nav" {
			continue
		}
		_, rec, err := s.LoadDelivery(ctx(), d.ID)
		require.NoError(t, err)
		require.Len(t, rec.Publications, 1, "the withdrawal of an unknown publication reads it")
		require.True(t, sent.Equal(rec.Publications[0].SentAt))
		require.Equal(t, 3, rec.Publications[0].Checks)
		return
	}
	t.Fatal("no withdraw delivery for the unknown publication on nav")
}

// testRepublish checks the renewal's read and write: live publications of
// a channel page by ad id, and a republish writes one pending delivery at
// the ad's revision, not a second while it waits, and none for a
// withdrawn ad.
func testRepublish(t *testing.T, s store.Store) {
	in := tenant(t, s)
	w := write(in, "r1", "one")
	w.Channels = []string{"finn"}
	r, err := s.UpsertAd(ctx(), w)
	require.NoError(t, err)
	d := r.Deliveries[0]
	require.NoError(t, s.CompleteDelivery(ctx(), d.ID, d.Generation, &store.Publication{AdID: r.Ad.ID, Channel: "finn", State: store.PublicationLive, Revision: 1, Reference: "o-1"}))
	live, err := s.LivePublications(ctx(), "finn", "", 10)
	require.NoError(t, err)
	require.Len(t, live, 1)
	none, err := s.LivePublications(ctx(), "finn", r.Ad.ID, 10)
	require.NoError(t, err)
	require.Empty(t, none, "paged past")

	again, wrote, err := s.RepublishAd(ctx(), r.Ad.ID, "finn")
	require.NoError(t, err)
	require.True(t, wrote)
	require.Equal(t, store.KindPublish, again.Kind)
	require.Equal(t, 1, again.Revision)
	_, wrote, err = s.RepublishAd(ctx(), r.Ad.ID, "finn")
	require.NoError(t, err)
	require.False(t, wrote, "one pending republish at a time")
	_, err = s.WithdrawAd(ctx(), in.ID, "r1")
	require.NoError(t, err)
	require.NoError(t, s.CompleteDelivery(ctx(), again.ID, again.Generation, nil))
	_, wrote, err = s.RepublishAd(ctx(), r.Ad.ID, "finn")
	require.NoError(t, err)
	require.False(t, wrote, "a withdrawn ad is not republished")
	_, _, err = s.RepublishAd(ctx(), "job_missing", "finn")
	require.ErrorIs(t, err, store.ErrNotFound)
}
