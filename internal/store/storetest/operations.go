package storetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/store"
)

// testOperations checks what the operator console reads and changes: an
// integration's status (audited, read with its keys), what came in over
// a window, poll states, and each integration's last ad change and dead
// deliveries.
func testOperations(t *testing.T, s store.Store) {
	in := tenant(t, s)
	quiet := tenant(t, s)
	k := issue(t, s, in, nil)
	testIntegrationStatus(t, s, in, k.ID)

	before := time.Now().Add(-time.Second)
	first, err := s.UpsertAd(ctx(), write(in, "r1", "one"))
	require.NoError(t, err)
	_, err = s.UpsertAd(ctx(), write(in, "r1", "one, changed"))
	require.NoError(t, err)
	_, err = s.CreateApplication(ctx(), applicationWrite(in, first.Ad.ID, "c1", ""))
	require.NoError(t, err)
	a, err := s.CountArrivals(ctx(), before)
	require.NoError(t, err)
	require.Equal(t, store.Arrivals{Ads: 2, Applications: 1}, a, "two revisions and one application")
	a, err = s.CountArrivals(ctx(), time.Now().Add(time.Minute))
	require.NoError(t, err)
	require.Equal(t, store.Arrivals{}, a, "nothing came in after now")

	time.Sleep(2 * time.Millisecond) // updated_at is in microseconds: r2 is the newer change
	second, err := s.UpsertAd(ctx(), write(in, "r2", "two"))
	require.NoError(t, err)
	d := second.Deliveries[0]
	require.NoError(t, s.FailDelivery(ctx(), d.ID, d.Generation, store.Failure{Reason: "status 400", Dead: true, CountsAttempt: true}))
	acts, err := s.ListIntegrationActivity(ctx())
	require.NoError(t, err)
	require.Len(t, acts, 2)
	byID := map[string]store.IntegrationActivity{}
	for _, act := range acts {
		byID[act.IntegrationID] = act
	}
	got := byID[in.ID]
	require.Equal(t, second.Ad.ID, got.LastAdID)
	require.Equal(t, store.AdLive, got.LastAdStatus)
	require.WithinDuration(t, time.Now(), got.LastAdChangeAt, time.Minute)
	require.Equal(t, 1, got.Dead)
	require.Equal(t, store.IntegrationActivity{IntegrationID: quiet.ID}, byID[quiet.ID], "no ads, nothing dead")

	states, err := s.ListPollStates(ctx())
	require.NoError(t, err)
	require.Empty(t, states)
	_, ok, err := s.AcquirePoll(ctx(), quiet.ID, "w", time.Now().Add(time.Minute))
	require.NoError(t, err)
	require.True(t, ok)
	require.NoError(t, s.FinishPoll(ctx(), "w", store.PollState{IntegrationID: quiet.ID, Outcome: store.PollFailed, Error: "status 500", Failures: 3, LastPollAt: time.Now()}))
	states, err = s.ListPollStates(ctx())
	require.NoError(t, err)
	require.Len(t, states, 1)
	require.Equal(t, quiet.ID, states[0].IntegrationID)
	require.Equal(t, store.PollFailed, states[0].Outcome)
	require.Equal(t, 3, states[0].Failures)
	require.Equal(t, "status 500", states[0].Error)
}

// testIntegrationStatus disables and enables in: each change is audited
// and seen by LookupKey at once; setting the status it has changes and
// audits nothing; an unknown integration is ErrNotFound.
func testIntegrationStatus(t *testing.T, s store.Store, in store.Integration, keyID string) {
	key, err := s.LookupKey(ctx(), keyID)
	require.NoError(t, err)
	require.Equal(t, store.IntegrationActive, key.IntegrationStatus)
	for _, step := range []struct{ status, action string }{
		{store.IntegrationDisabled, "integration.disable"},
		{store.IntegrationActive, "integration.enable"},
	} {
		changed, err := s.SetIntegrationStatus(ctx(), in.ID, step.status)
		require.NoError(t, err)
		require.True(t, changed, step.status)
		got, err := s.GetIntegration(ctx(), in.ID)
		require.NoError(t, err)
		require.Equal(t, step.status, got.Status)
		key, err := s.LookupKey(ctx(), keyID)
		require.NoError(t, err)
		require.Equal(t, step.status, key.IntegrationStatus, "the key's lookup sees the status at once")
		audit, err := s.ListAudit(ctx(), 1)
		require.NoError(t, err)
		require.Equal(t, step.action, audit[0].Action)
		require.Equal(t, in.ID, audit[0].Subject)
		require.Equal(t, "test", audit[0].Actor)
	}
	changed, err := s.SetIntegrationStatus(ctx(), in.ID, store.IntegrationActive)
	require.NoError(t, err)
	require.False(t, changed, "already active")
	audit, err := s.ListAudit(ctx(), 1)
	require.NoError(t, err)
	require.Equal(t, "integration.enable", audit[0].Action, "no second audit line")
	_, err = s.SetIntegrationStatus(ctx(), "int_missing", store.IntegrationDisabled)
	require.ErrorIs(t, err, store.ErrNotFound)
}
