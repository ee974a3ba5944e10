package queuetest

import (
	"context"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// Contents is every key of rc's database with every value in it, read
// by type (asynq keeps task payloads and error messages in hashes, and
// task ids in lists and sorted sets), one per line: what a test searches
// for data that must not be in Redis. miniredis has no DUMP for other
// types than strings, so values are read as they are.
func Contents(t testing.TB, rc redis.UniversalClient) string {
	t.Helper()
	ctx := context.Background()
	keys, err := rc.Keys(ctx, "*").Result()
	require.NoError(t, err)
	var b strings.Builder
	for _, k := range keys {
		typ, err := rc.Type(ctx, k).Result()
		require.NoError(t, err)
		var vals []string
		switch typ {
		case "string":
			v, err := rc.Get(ctx, k).Result()
			require.NoError(t, err)
			vals = []string{v}
		case "hash":
			all, err := rc.HGetAll(ctx, k).Result()
			require.NoError(t, err)
			for f, v := range all {
				vals = append(vals, f, v)
			}
		case "list":
			vals, err = rc.LRange(ctx, k, 0, -1).Result()
		case "set":
			vals, err = rc.SMembers(ctx, k).Result()
		case "zset":
			vals, err = rc.ZRange(ctx, k, 0, -1).Result()
		}
		require.NoError(t, err)
		b.WriteString(k + "\n" + strings.Join(vals, "\n") + "\n")
	}
	return b.String()
}
