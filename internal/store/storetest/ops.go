package storetest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/store"
)

// testOps: the console's reads filter and page as asked (ads by
// integration, status, channel and channel state; deliveries by state,
// kind, channel and integration), and ReplayDeadDeliveries replays only
// the dead deliveries its filter matches, leaving any other alone.
func testOps(t *testing.T, s store.Store) {
	a, b := tenant(t, s), tenant(t, s)
	r1, err := s.UpsertAd(ctx(), write(a, "r1", "one"))
	require.NoError(t, err)
	r2, err := s.UpsertAd(ctx(), write(a, "r2", "two"))
	require.NoError(t, err)
	r3, err := s.UpsertAd(ctx(), write(b, "r3", "three"))
	require.NoError(t, err)
	d1, d2, d3 := r1.Deliveries[0], r2.Deliveries[0], r3.Deliveries[0]
	require.NoError(t, s.CompleteDelivery(ctx(), d1.ID, d1.Generation, &store.Publication{AdID: r1.Ad.ID, Channel: "board",
		State: store.PublicationRejected, Revision: 1, Reason: "not allowed"}))
	for _, d := range []store.Delivery{d2, d3} {
		require.NoError(t, s.FailDelivery(ctx(), d.ID, d.Generation, store.Failure{Reason: "status 400", Dead: true, CountsAttempt: true}))
	}

	ads, next, err := s.ListAdSummaries(ctx(), store.AdFilter{IntegrationID: a.ID})
	require.NoError(t, err)
	require.Empty(t, next)
	require.ElementsMatch(t, []string{r2.Ad.ID, r1.Ad.ID}, summaryIDs(ads), "one integration's")
	require.Greater(t, ads[0].ID, ads[1].ID, "newest first (ids sort by creation)")
	byID := map[string]store.AdSummary{ads[0].ID: ads[0], ads[1].ID: ads[1]}
	require.Equal(t, "two", byID[r2.Ad.ID].Title)
	require.Len(t, byID[r1.Ad.ID].Publications, 1)
	require.Equal(t, "not allowed", byID[r1.Ad.ID].Publications[0].Reason)
	rejected, _, err := s.ListAdSummaries(ctx(), store.AdFilter{Channel: "board", ChannelState: store.PublicationRejected})
	require.NoError(t, err)
	require.Equal(t, []string{r1.Ad.ID}, summaryIDs(rejected))
	page, next, err := s.ListAdSummaries(ctx(), store.AdFilter{Limit: 2})
	require.NoError(t, err)
	require.Len(t, page, 2)
	rest, last, err := s.ListAdSummaries(ctx(), store.AdFilter{Limit: 2, Cursor: next})
	require.NoError(t, err)
	require.Len(t, rest, 1)
	require.Empty(t, last)
	require.ElementsMatch(t, []string{r1.Ad.ID, r2.Ad.ID, r3.Ad.ID}, append(summaryIDs(page), summaryIDs(rest)...), "the pages cover every ad once")
	require.Greater(t, page[1].ID, rest[0].ID, "the next page goes on after the cursor")
	none, _, err := s.ListAdSummaries(ctx(), store.AdFilter{Status: store.AdWithdrawn})
	require.NoError(t, err)
	require.Empty(t, none)

	dead, _, err := s.FindDeliveries(ctx(), store.DeliveryQuery{State: store.DeliveryDead, Kind: store.KindPublish, Channel: "board"})
	require.NoError(t, err)
	require.Len(t, dead, 2)
	require.ElementsMatch(t, []string{d2.ID, d3.ID}, []string{dead[0].ID, dead[1].ID})
	require.Greater(t, dead[0].ID, dead[1].ID, "newest first")
	ofA, _, err := s.FindDeliveries(ctx(), store.DeliveryQuery{State: store.DeliveryDead, IntegrationID: a.ID})
	require.NoError(t, err)
	require.Len(t, ofA, 1)
	require.Equal(t, d2.ID, ofA[0].ID)

	none2, err := s.ReplayDeadDeliveries(ctx(), store.DeliveryQuery{ID: d1.ID})
	require.NoError(t, err)
	require.Empty(t, none2, "a delivered delivery is not replayed")
	again, err := s.GetDelivery(ctx(), d1.ID)
	require.NoError(t, err)
	require.Equal(t, store.DeliveryDelivered, again.State)
	replayed, err := s.ReplayDeadDeliveries(ctx(), store.DeliveryQuery{IntegrationID: b.ID})
	require.NoError(t, err)
	require.Len(t, replayed, 1)
	require.Equal(t, d3.ID, replayed[0].ID)
	require.Equal(t, store.DeliveryPending, replayed[0].State)
	require.Equal(t, d3.Generation+1, replayed[0].Generation)
	still, err := s.GetDelivery(ctx(), d2.ID)
	require.NoError(t, err)
	require.Equal(t, store.DeliveryDead, still.State, "the filter keeps the other integration's")
}

func summaryIDs(ads []store.AdSummary) []string {
	out := make([]string, len(ads))
	for i, a := range ads {
		out[i] = a.ID
	}
	return out
}
