package storetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/store"
)

// testScheduledAds: an ad written with a publish time is held (scheduled,
// no publish delivery, not on the board) until ReleaseAd at or after that
// time makes it live with its deliveries; a live ad rescheduled is
// withdrawn from where it was until then, and a publish completing late
// does not put a scheduled ad back on a channel.
func testScheduledAds(t *testing.T, s store.Store) {
	in := tenant(t, s)
	at := time.Now().Add(time.Hour).UTC().Truncate(time.Microsecond)
	w := write(in, "later", "planlagt")
	w.PublishAt = at
	r, err := s.UpsertAd(ctx(), w)
	require.NoError(t, err)
	require.True(t, r.Created)
	require.Equal(t, store.AdScheduled, r.Ad.Status)
	require.Empty(t, r.Deliveries, "a scheduled ad is sent to no channel")
	again, err := s.UpsertAd(ctx(), w)
	require.NoError(t, err)
	require.False(t, again.Changed, "the same scheduled write changes nothing")
	got, err := s.GetAd(ctx(), in.ID, "later")
	require.NoError(t, err)
	require.Equal(t, store.AdScheduled, got.Status)
	require.True(t, at.Equal(got.PublishAt), "%v, want %v", got.PublishAt, at)

	due, err := s.DueScheduledAds(ctx(), at.Add(-time.Second), 10)
	require.NoError(t, err)
	require.Empty(t, due, "not due before its time")
	early, err := s.ReleaseAd(ctx(), in.ID, "later", []string{"board"}, at.Add(-time.Second))
	require.NoError(t, err)
	require.False(t, early.Changed, "a release before its time changes nothing")

	due, err = s.DueScheduledAds(ctx(), at, 10)
	require.NoError(t, err)
	require.Equal(t, []store.AdKey{{IntegrationID: in.ID, Reference: "later"}}, due)
	rel, err := s.ReleaseAd(ctx(), in.ID, "later", []string{"board", "nav"}, at)
	require.NoError(t, err)
	require.True(t, rel.Changed)
	require.Equal(t, store.AdLive, rel.Ad.Status)
	require.Len(t, rel.Deliveries, 2, "one publish per channel")
	require.Equal(t, store.KindPublish, rel.Deliveries[0].Kind)
	require.Equal(t, 1, rel.Deliveries[0].Revision)
	twice, err := s.ReleaseAd(ctx(), in.ID, "later", []string{"board"}, at)
	require.NoError(t, err)
	require.False(t, twice.Changed, "a live ad is released once")
	due, err = s.DueScheduledAds(ctx(), at.Add(time.Hour), 10)
	require.NoError(t, err)
	require.Empty(t, due)
	_, err = s.ReleaseAd(ctx(), in.ID, "missing", nil, at)
	require.ErrorIs(t, err, store.ErrNotFound)

	testRescheduled(t, s, in, at)
}

// testRescheduled moves a live ad's publish time into the future.
func testRescheduled(t *testing.T, s store.Store, in store.Integration, at time.Time) {
	publish(t, s, write(in, "moved", "flyttet"))
	jobs, _, err := s.ListJobs(ctx(), store.JobQuery{Text: "flyttet"})
	require.NoError(t, err)
	require.Len(t, jobs, 1)
	w := write(in, "moved", "flyttet igjen")
	w.PublishAt = at
	r, err := s.UpsertAd(ctx(), w)
	require.NoError(t, err)
	require.Equal(t, store.AdScheduled, r.Ad.Status)
	require.Equal(t, 2, r.Ad.Revision)
	require.Len(t, r.Deliveries, 1, "withdrawn from the board it was on")
	require.Equal(t, store.KindWithdraw, r.Deliveries[0].Kind)
	jobs, _, err = s.ListJobs(ctx(), store.JobQuery{Text: "flyttet"})
	require.NoError(t, err)
	require.Empty(t, jobs, "a rescheduled ad leaves the board at once")

	// A publish still pending when the ad was rescheduled completes
	// late: it must not put the ad on the board.
	race, err := s.UpsertAd(ctx(), write(in, "raced", "kappløp"))
	require.NoError(t, err)
	w = write(in, "raced", "kappløp senere")
	w.PublishAt = at
	held, err := s.UpsertAd(ctx(), w)
	require.NoError(t, err)
	require.Len(t, held.Deliveries, 1, "the pending publish is withdrawn")
	d := race.Deliveries[0]
	require.NoError(t, s.CompleteDelivery(ctx(), d.ID, d.Generation, &store.Publication{AdID: race.Ad.ID, Channel: "board", State: store.PublicationLive, Revision: 2}))
	got, err := s.GetAdByID(ctx(), race.Ad.ID)
	require.NoError(t, err)
	require.Empty(t, got.Publications, "no publication goes live while the ad is scheduled")
	wd := held.Deliveries[0]
	require.NoError(t, s.CompleteDelivery(ctx(), wd.ID, wd.Generation, &store.Publication{AdID: race.Ad.ID, Channel: "board", State: store.PublicationWithdrawn, Revision: 2}))
	got, err = s.GetAdByID(ctx(), race.Ad.ID)
	require.NoError(t, err)
	require.Len(t, got.Publications, 1)
	require.Equal(t, store.PublicationWithdrawn, got.Publications[0].State, "a withdrawal is stored while the ad is scheduled")

	now, err := s.UpsertAd(ctx(), write(in, "moved", "flyttet igjen"))
	require.NoError(t, err)
	require.True(t, now.Changed, "the same content without a publish time goes live at once")
	require.Equal(t, store.AdLive, now.Ad.Status)
	require.Len(t, now.Deliveries, 1)
	require.Equal(t, store.KindPublish, now.Deliveries[0].Kind)
}
