package storetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/store"
)

// testApplyDegradation: an integration's direct apply degrades and is
// restored; a restore after a failure began wins over it; an unauthorised
// reason replaces an unavailable one; a change of credentials restores an
// unauthorised degradation only; another integration is never touched.
func testApplyDegradation(t *testing.T, s store.Store) {
	a, b := tenant(t, s), tenant(t, s)
	t0 := time.Now().Add(-time.Hour).Truncate(time.Millisecond)
	degraded := func() map[string]store.ApplyDegradation {
		ds, err := s.ApplyDegradations(ctx())
		require.NoError(t, err)
		out := map[string]store.ApplyDegradation{}
		for _, d := range ds {
			out[d.IntegrationID] = d
		}
		return out
	}
	require.Empty(t, degraded())

	changed, err := s.DegradeApply(ctx(), a.ID, store.DegradedUnavailable, t0, t0.Add(time.Minute))
	require.NoError(t, err)
	require.True(t, changed)
	got := degraded()
	require.Len(t, got, 1, "the other tenant is not degraded")
	require.Equal(t, store.DegradedUnavailable, got[a.ID].Reason)
	require.True(t, got[a.ID].Since.Equal(t0.Add(time.Minute)), "since %v", got[a.ID].Since)

	changed, err = s.DegradeApply(ctx(), a.ID, store.DegradedUnavailable, t0, t0.Add(2*time.Minute))
	require.NoError(t, err)
	require.False(t, changed, "degraded already: nothing changes")
	changed, err = s.DegradeApply(ctx(), a.ID, store.DegradedUnauthorised, t0, t0.Add(3*time.Minute))
	require.NoError(t, err)
	require.True(t, changed, "refused credentials replace the reason")
	got = degraded()
	require.Equal(t, store.DegradedUnauthorised, got[a.ID].Reason)
	require.True(t, got[a.ID].Since.Equal(t0.Add(time.Minute)), "keeps when it began")
	changed, err = s.DegradeApply(ctx(), a.ID, store.DegradedUnavailable, t0, t0.Add(4*time.Minute))
	require.NoError(t, err)
	require.False(t, changed, "an unavailable reason does not hide refused credentials")

	restored, err := s.RestoreApply(ctx(), a.ID, t0.Add(10*time.Minute), store.DegradedUnavailable)
	require.NoError(t, err)
	require.False(t, restored, "only for the reasons named")
	restored, err = s.RestoreApply(ctx(), a.ID, t0.Add(10*time.Minute))
	require.NoError(t, err)
	require.True(t, restored)
	require.Empty(t, degraded())
	restored, err = s.RestoreApply(ctx(), a.ID, t0.Add(11*time.Minute))
	require.NoError(t, err)
	require.False(t, restored, "not degraded any more")

	changed, err = s.DegradeApply(ctx(), a.ID, store.DegradedUnavailable, t0.Add(5*time.Minute), t0.Add(12*time.Minute))
	require.NoError(t, err)
	require.False(t, changed, "a failure that began before the restore does not degrade it again")
	changed, err = s.DegradeApply(ctx(), a.ID, store.DegradedUnavailable, t0.Add(11*time.Minute), t0.Add(12*time.Minute))
	require.NoError(t, err)
	require.True(t, changed, "a failure that began after it does")
	require.True(t, degraded()[a.ID].Since.Equal(t0.Add(12*time.Minute)))

	// A change of settings or keys may be the fix for refused credentials,
	// not for an ATS that is down.
	_, err = s.UpdateIntegration(ctx(), a.ID, map[string]string{"a": "c"}, nil)
	require.NoError(t, err)
	require.Contains(t, degraded(), a.ID, "an unavailable ATS stays degraded")
	_, err = s.DegradeApply(ctx(), b.ID, store.DegradedUnauthorised, time.Now(), time.Now())
	require.NoError(t, err)
	require.Contains(t, degraded(), b.ID)
	_, err = s.UpdateIntegration(ctx(), b.ID, map[string]string{"a": "c"}, nil)
	require.NoError(t, err)
	require.NotContains(t, degraded(), b.ID, "new credentials are tried")
	_, err = s.DegradeApply(ctx(), b.ID, store.DegradedUnauthorised, time.Now(), time.Now())
	require.NoError(t, err)
	require.NoError(t, s.IssueKey(ctx(), store.APIKey{ID: "key_degrade", IntegrationID: b.ID, Hash: []byte("h"), CreatedAt: time.Now()}, nil))
	require.NotContains(t, degraded(), b.ID, "a new key is tried")
	require.Contains(t, degraded(), a.ID)
}

// testApplyDegradationLapse: a degradation with no pending application
// delivery left to try the ATS with lapses once it is old enough; one
// with a pending delivery stays.
func testApplyDegradationLapse(t *testing.T, s store.Store) {
	a, b := tenant(t, s), tenant(t, s)
	res, err := s.UpsertAd(ctx(), write(a, "r1", "Lager"))
	require.NoError(t, err)
	app, err := s.CreateApplication(ctx(), applicationWrite(a, res.Ad.ID, "d1", ""))
	require.NoError(t, err)
	now := time.Now()
	for _, in := range []store.Integration{a, b} {
		_, err := s.DegradeApply(ctx(), in.ID, store.DegradedUnavailable, now.Add(-time.Hour), now.Add(-time.Hour))
		require.NoError(t, err)
	}
	lapsed, err := s.LapseApplyDegradations(ctx(), now.Add(-2*time.Hour), now)
	require.NoError(t, err)
	require.Empty(t, lapsed, "none is old enough")
	lapsed, err = s.LapseApplyDegradations(ctx(), now.Add(-time.Minute), now)
	require.NoError(t, err)
	require.Len(t, lapsed, 1)
	require.Equal(t, b.ID, lapsed[0].IntegrationID, "a's pending application still tries its ATS")
	ds, err := s.ApplyDegradations(ctx())
	require.NoError(t, err)
	require.Len(t, ds, 1)
	require.Equal(t, a.ID, ds[0].IntegrationID)

	require.NoError(t, s.CompleteApplication(ctx(), app.Delivery.ID, app.Delivery.Generation, "ats-1"))
	lapsed, err = s.LapseApplyDegradations(ctx(), now.Add(-time.Minute), now)
	require.NoError(t, err)
	require.Len(t, lapsed, 1)
	require.Equal(t, a.ID, lapsed[0].IntegrationID)
	ds, err = s.ApplyDegradations(ctx())
	require.NoError(t, err)
	require.Empty(t, ds)
}
