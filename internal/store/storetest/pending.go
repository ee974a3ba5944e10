package storetest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/store"
)

// oldestPending returns OldestPendingDeliveries as "kind/channel" to the
// oldest creation time in microseconds, the stores' resolution.
func oldestPending(t *testing.T, s store.Store) map[string]int64 {
	t.Helper()
	groups, err := s.OldestPendingDeliveries(ctx())
	require.NoError(t, err)
	out := map[string]int64{}
	for _, g := range groups {
		out[g.Kind+"/"+g.Channel] = g.Oldest.UnixMicro()
	}
	require.Len(t, out, len(groups), "one row per kind and channel")
	return out
}

// testOldestPending (issue 16, item 2: the oldest pending delivery's age):
// each kind and channel with pending deliveries reports its oldest one's
// creation; a delivered or dead one leaves the group, and a replayed one
// counts from its creation again.
func testOldestPending(t *testing.T, s store.Store) {
	require.Empty(t, oldestPending(t, s), "nothing pending, no group")
	in := tenant(t, s)
	w := write(in, "r1", "one")
	w.Channels = []string{"board", "nav"}
	first, err := s.UpsertAd(ctx(), w)
	require.NoError(t, err)
	require.Len(t, first.Deliveries, 2)
	board1, nav1 := first.Deliveries[0], first.Deliveries[1]
	if board1.Channel != "board" {
		board1, nav1 = nav1, board1
	}
	second, err := s.UpsertAd(ctx(), write(in, "r2", "two"))
	require.NoError(t, err)
	board2 := second.Deliveries[0]
	app, err := s.CreateApplication(ctx(), applicationWrite(in, second.Ad.ID, "c1", ""))
	require.NoError(t, err)
	require.Equal(t, map[string]int64{
		"publish/board": board1.CreatedAt.UnixMicro(), "publish/nav": nav1.CreatedAt.UnixMicro(),
		"apply/webhook": app.Delivery.CreatedAt.UnixMicro(),
	}, oldestPending(t, s))

	require.NoError(t, s.CompleteDelivery(ctx(), board1.ID, board1.Generation, nil))
	require.NoError(t, s.FailDelivery(ctx(), nav1.ID, nav1.Generation, store.Failure{Reason: "status 400", Dead: true, CountsAttempt: true}))
	require.NoError(t, s.CompleteDelivery(ctx(), app.Delivery.ID, app.Delivery.Generation, nil))
	require.Equal(t, map[string]int64{"publish/board": board2.CreatedAt.UnixMicro()}, oldestPending(t, s),
		"the next oldest on the board; nav's dead one and the delivered application are not pending")

	_, err = s.ReplayDelivery(ctx(), nav1.ID)
	require.NoError(t, err)
	live := &store.Publication{AdID: second.Ad.ID, Channel: "board", State: store.PublicationLive, Revision: 1}
	require.NoError(t, s.CompleteDelivery(ctx(), board2.ID, board2.Generation, live))
	withdrawn, err := s.WithdrawAd(ctx(), in.ID, "r2")
	require.NoError(t, err)
	require.Len(t, withdrawn.Deliveries, 1)
	require.Equal(t, map[string]int64{
		"publish/nav":    nav1.CreatedAt.UnixMicro(),
		"withdraw/board": withdrawn.Deliveries[0].CreatedAt.UnixMicro(),
	}, oldestPending(t, s), "a replay counts from the delivery's creation; a withdrawal is a kind of its own")
}
