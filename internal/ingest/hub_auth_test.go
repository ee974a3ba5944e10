package ingest_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/ingest"
	"github.com/jobgate/jobgate/internal/queue/queuetest"
)

// TestFirstUse: a key is first used once, is used for as long as its ttl,
// and is new again after it; a ttl that would never expire is refused; an
// unreachable Redis is an error, never a first use. On the embedded Redis
// and, when JOBGATE_TEST_REDIS_URL is set, the real one (database 0, keys
// of this run only).
func TestFirstUse(t *testing.T) {
	queuetest.Each(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		s := &ingest.Service{Redis: rdb}
		key := "test:signature:" + strconv.FormatInt(time.Now().UnixNano(), 36)

		first, err := s.FirstUse(ctx, key, 2*time.Second)
		require.NoError(t, err)
		require.True(t, first)
		first, err = s.FirstUse(ctx, key, 2*time.Second)
		require.NoError(t, err)
		require.False(t, first, "used again within its ttl")
		require.Eventually(t, func() bool {
			first, err := s.FirstUse(ctx, key, 2*time.Second)
			return err == nil && first
		}, 10*time.Second, 50*time.Millisecond, "new again once the ttl ends")

		_, err = s.FirstUse(ctx, key+":forever", 0)
		require.Error(t, err, "a key that would never expire is refused")
	})
	t.Run("unreachable", func(t *testing.T) {
		rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1})
		t.Cleanup(func() { rdb.Close() })
		first, err := (&ingest.Service{Redis: rdb}).FirstUse(context.Background(), "k", time.Minute)
		require.Error(t, err)
		require.False(t, first)
	})
}
