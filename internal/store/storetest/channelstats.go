package storetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/store"
)

// testChannelStats checks that a channel's figures land on the ad whose
// publication has the reference, that a newer figure replaces the stored
// total and an older one does not (re-fetching overlapping windows never
// counts twice), and that unknown references and other channels are apart.
func testChannelStats(t *testing.T, s store.Store) {
	in := tenant(t, s)
	w := write(in, "r1", "Utvikler")
	w.Channels = []string{"board", "nav"}
	r, err := s.UpsertAd(ctx(), w)
	require.NoError(t, err)
	for _, d := range r.Deliveries {
		pub := &store.Publication{AdID: r.Ad.ID, Channel: d.Channel, State: store.PublicationLive, Revision: 1, Reference: "nav-ref-1"}
		require.NoError(t, s.CompleteDelivery(ctx(), d.ID, d.Generation, pub))
	}
	t0 := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	fetched := t0.Add(3 * time.Hour)
	n, err := s.PutChannelStats(ctx(), "nav", []store.ChannelStatReport{
		{Reference: "nav-ref-1", Metric: "pageviews", Total: 44, UpdatedAt: t0},
		{Reference: "nav-ref-1", Metric: "applicationurlclicks", Total: 2, UpdatedAt: t0},
		{Reference: "no-such-ref", Metric: "pageviews", Total: 9, UpdatedAt: t0},
	}, fetched)
	require.NoError(t, err)
	require.Equal(t, 2, n, "an unknown reference is skipped")
	n, err = s.PutChannelStats(ctx(), "finn", []store.ChannelStatReport{{Reference: "nav-ref-1", Metric: "pageviews", Total: 5, UpdatedAt: t0}}, fetched)
	require.NoError(t, err)
	require.Zero(t, n, "the reference is the channel's: the ad has no FINN publication")

	// The same window again, then a newer and an older figure.
	_, err = s.PutChannelStats(ctx(), "nav", []store.ChannelStatReport{{Reference: "nav-ref-1", Metric: "pageviews", Total: 44, UpdatedAt: t0}}, fetched)
	require.NoError(t, err)
	_, err = s.PutChannelStats(ctx(), "nav", []store.ChannelStatReport{
		{Reference: "nav-ref-1", Metric: "pageviews", Total: 50, UpdatedAt: t0.Add(time.Hour)},
		{Reference: "nav-ref-1", Metric: "applicationurlclicks", Total: 1, UpdatedAt: t0.Add(-time.Hour)},
	}, fetched.Add(time.Hour))
	require.NoError(t, err)

	got, err := s.ListChannelStats(ctx(), r.Ad.ID)
	require.NoError(t, err)
	require.Len(t, got, 2)
	require.Equal(t, "applicationurlclicks", got[0].Metric)
	require.Equal(t, int64(2), got[0].Total, "an older figure does not replace a newer one")
	require.True(t, t0.Equal(got[0].UpdatedAt))
	require.True(t, fetched.Add(time.Hour).Equal(got[0].FetchedAt), "but the figure was fetched again")
	require.Equal(t, store.ChannelStat{AdID: r.Ad.ID, Channel: "nav", Metric: "pageviews", Total: 50,
		UpdatedAt: t0.Add(time.Hour), FetchedAt: fetched.Add(time.Hour)}, got[1], "a total replaces, never adds")

	none, err := s.ListChannelStats(ctx(), "no-such-ad")
	require.NoError(t, err)
	require.Empty(t, none)
}
