package outbox

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/ids"
	"github.com/jobgate/jobgate/internal/queue/queuetest"
)

func TestAdLocks(t *testing.T) {
	queuetest.Each(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		l := &AdLocks{rdb: rdb, ttl: 1500 * time.Millisecond} // the embedded Redis moves its clock a second at a time
		ad := ids.New("ad")                                   // keys of this test's own

		release, ok, err := l.TryLock(ctx, "nav", ad)
		require.NoError(t, err)
		require.True(t, ok)
		_, ok, err = l.TryLock(ctx, "nav", ad)
		require.NoError(t, err)
		require.False(t, ok, "held: a second delivery of the ad to the channel waits")
		other, ok, err := l.TryLock(ctx, "finn", ad)
		require.NoError(t, err)
		require.True(t, ok, "another channel has a lock of its own")
		other()

		time.Sleep(2 * l.ttl) // its holder is alive: renewed past its TTL
		_, ok, err = l.TryLock(ctx, "nav", ad)
		require.NoError(t, err)
		require.False(t, ok, "a live holder keeps the lock past its TTL")
		release()
		again, ok, err := l.TryLock(ctx, "nav", ad)
		require.NoError(t, err)
		require.True(t, ok, "released: the next delivery takes it")
		again()
	})
}

// TestAdLockOfADeadHolder: a worker that died holding a lock (its token
// set, nobody renewing it) keeps the ad waiting only until the TTL, and a
// release by a holder whose lock expired does not free its successor's.
func TestAdLockOfADeadHolder(t *testing.T) {
	queuetest.Each(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		l := &AdLocks{rdb: rdb, ttl: 1500 * time.Millisecond} // the embedded Redis moves its clock a second at a time
		ad := ids.New("ad")
		require.NoError(t, rdb.Set(ctx, adLockKey("nav", ad), "a dead worker's token", 200*time.Millisecond).Err())
		_, ok, err := l.TryLock(ctx, "nav", ad)
		require.NoError(t, err)
		require.False(t, ok)
		var release func()
		require.Eventually(t, func() bool {
			release, ok, err = l.TryLock(ctx, "nav", ad)
			return err == nil && ok
		}, 5*time.Second, 20*time.Millisecond, "the dead holder's lock expires")

		require.NoError(t, releaseScript.Run(ctx, rdb, []string{adLockKey("nav", ad)}, "a dead worker's token").Err())
		_, ok, err = l.TryLock(ctx, "nav", ad)
		require.NoError(t, err)
		require.False(t, ok, "another token's release leaves the lock to its holder")
		release()
	})
}
