package storetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/store"
)

// hops lists the ledger's hops and outcomes as "hop/outcome".
func hops(events []store.ApplicationEvent) []string {
	out := make([]string, len(events))
	for i, e := range events {
		out[i] = e.Hop + "/" + e.Outcome
	}
	return out
}

// testLedger: an application retried then delivered shows received,
// stored, attempt, attempt, accepted in order, with times that do not go
// back; a backpressure wait is no attempt; a publish delivery's failure
// writes nobody's ledger; erasure removes the events.
func testLedger(t *testing.T, s store.Store) {
	in := tenant(t, s)
	res, err := s.UpsertAd(ctx(), write(in, "r1", "Lager"))
	require.NoError(t, err)
	w := applicationWrite(in, res.Ad.ID, "l1", "")
	w.Source, w.ReceivedAt = "nav", time.Now().Add(-3*time.Second)
	created, err := s.CreateApplication(ctx(), w)
	require.NoError(t, err)
	dlv := created.Delivery.ID

	require.NoError(t, s.FailDelivery(ctx(), dlv, 0, store.Failure{Reason: "transient: status 503", CountsAttempt: true, NextAttemptAt: time.Now()}))
	require.NoError(t, s.FailDelivery(ctx(), dlv, 0, store.Failure{Reason: "backpressure: rate limit", NextAttemptAt: time.Now()}))
	require.NoError(t, s.FailDelivery(ctx(), dlv, 0, store.Failure{Reason: "timeout: no answer", CountsAttempt: true, NextAttemptAt: time.Now()}))
	require.NoError(t, s.CompleteApplication(ctx(), dlv, 0, "ats-42"))
	// A losing writer (an old generation) writes nothing either.
	require.ErrorIs(t, s.FailDelivery(ctx(), dlv, 0, store.Failure{Reason: "late", CountsAttempt: true}), store.ErrConflict)

	events, err := s.ApplicationLedger(ctx(), w.ID)
	require.NoError(t, err)
	require.Equal(t, []string{"received/ok", "stored/ok", "attempt/retry", "attempt/retry", "accepted/delivered"}, hops(events))
	require.Equal(t, "nav", events[0].Detail)
	require.Equal(t, "files=2", events[1].Detail)
	require.Equal(t, "transient: status 503", events[2].Detail)
	require.Equal(t, "ats-42", events[4].Detail)
	require.WithinDuration(t, w.ReceivedAt, events[0].At, time.Millisecond, "received is the request's arrival")
	for i := 1; i < len(events); i++ {
		require.False(t, events[i].At.Before(events[i-1].At), "times never go back: %v", hops(events))
		require.Equal(t, i+1, events[i].Seq)
	}

	// A publish delivery's failure is no application's.
	pubs, err := s.ListDeliveries(ctx(), store.DeliveryFilter{AdID: res.Ad.ID, State: store.DeliveryPending})
	require.NoError(t, err)
	for _, d := range pubs {
		if d.Kind == store.KindPublish {
			require.NoError(t, s.FailDelivery(ctx(), d.ID, d.Generation, store.Failure{Reason: "x", CountsAttempt: true, Dead: true}))
		}
	}
	after, err := s.ApplicationLedger(ctx(), w.ID)
	require.NoError(t, err)
	require.Len(t, after, 5)

	n, err := s.EraseApplications(ctx(), []string{w.ID})
	require.NoError(t, err)
	require.Equal(t, 1, n)
	gone, err := s.ApplicationLedger(ctx(), w.ID)
	require.NoError(t, err)
	require.Empty(t, gone, "erasure removes the ledger with the application")
}

// testLedgerDeadReplayed: a dead then replayed application shows the dead
// attempt with its reason, the replay's generation, then its delivery.
func testLedgerDeadReplayed(t *testing.T, s store.Store) {
	in := tenant(t, s)
	res, err := s.UpsertAd(ctx(), write(in, "r1", "Lager"))
	require.NoError(t, err)
	w := applicationWrite(in, res.Ad.ID, "l2", "")
	created, err := s.CreateApplication(ctx(), w)
	require.NoError(t, err)
	dlv := created.Delivery.ID
	require.NoError(t, s.FailDelivery(ctx(), dlv, 0, store.Failure{Reason: "permanent: status 400", Dead: true, CountsAttempt: true}))
	d, err := s.ReplayDelivery(ctx(), dlv)
	require.NoError(t, err)
	require.NoError(t, s.FailDelivery(ctx(), dlv, d.Generation, store.Failure{Reason: "permanent: field missing", Dead: true, NeedsAttention: true, CountsAttempt: true}))
	d, err = s.ReplayDelivery(ctx(), dlv)
	require.NoError(t, err)
	require.NoError(t, s.CompleteApplication(ctx(), dlv, d.Generation, "ats-1"))

	events, err := s.ApplicationLedger(ctx(), w.ID)
	require.NoError(t, err)
	require.Equal(t, []string{"received/ok", "stored/ok", "attempt/dead", "replayed/ok", "attempt/needs_attention", "replayed/ok", "accepted/delivered"}, hops(events))
	require.Equal(t, "permanent: status 400", events[2].Detail)
	require.Equal(t, "generation=2", events[5].Detail)
}

// testATSOutcome: a later ATS status lands on the integration's
// application with that ATS id, never on another integration's with the
// same id; a redelivered status is recorded once; an unknown id is
// ErrNotFound.
func testATSOutcome(t *testing.T, s store.Store) {
	in := tenant(t, s)
	other := tenant(t, s)
	mine := deliveredApplication(t, s, in, "ats-9")
	theirs := deliveredApplication(t, s, other, "ats-9")

	id, err := s.RecordATSOutcome(ctx(), store.ATSOutcome{IntegrationID: in.ID, ATSID: "ats-9", Outcome: store.ATSInReview, Detail: "status_changed"})
	require.NoError(t, err)
	require.Equal(t, mine, id)
	_, err = s.RecordATSOutcome(ctx(), store.ATSOutcome{IntegrationID: in.ID, ATSID: "ats-9", Outcome: store.ATSInReview, Detail: "status_changed"})
	require.NoError(t, err)
	_, err = s.RecordATSOutcome(ctx(), store.ATSOutcome{IntegrationID: in.ID, ATSID: "ats-9", Outcome: store.ATSRejected, Detail: "rejection_sent"})
	require.NoError(t, err)
	_, err = s.RecordATSOutcome(ctx(), store.ATSOutcome{IntegrationID: in.ID, ATSID: "ats-404", Outcome: store.ATSHired})
	require.ErrorIs(t, err, store.ErrNotFound)
	_, err = s.RecordATSOutcome(ctx(), store.ATSOutcome{IntegrationID: in.ID, ATSID: "", Outcome: store.ATSHired})
	require.ErrorIs(t, err, store.ErrNotFound, "an empty id matches no undelivered application")

	events, err := s.ApplicationLedger(ctx(), mine)
	require.NoError(t, err)
	require.Equal(t, []string{"received/ok", "stored/ok", "accepted/delivered", "ats_status/in_review", "ats_status/rejected"}, hops(events))
	require.Equal(t, "rejection_sent", events[4].Detail)
	theirEvents, err := s.ApplicationLedger(ctx(), theirs)
	require.NoError(t, err)
	require.Len(t, theirEvents, 3, "another tenant's application with the same ATS id is untouched")
}

// deliveredApplication stores an application on a new ad of in and
// delivers it under atsID.
func deliveredApplication(t *testing.T, s store.Store, in store.Integration, atsID string) string {
	t.Helper()
	res, err := s.UpsertAd(ctx(), write(in, "r-"+atsID, "Lager"))
	require.NoError(t, err)
	created, err := s.CreateApplication(ctx(), applicationWrite(in, res.Ad.ID, "c-"+in.ID, ""))
	require.NoError(t, err)
	require.NoError(t, s.CompleteApplication(ctx(), created.Delivery.ID, 0, atsID))
	return created.Application.ID
}
