// Package queuetest runs a test against each Redis jobgate can use: the
// embedded one always, and the real one named by JOBGATE_TEST_REDIS_URL
// when it is set. On the real one it uses database 0, which the app tests
// (databases 1-15, flushed) never touch and nothing flushes: a test must use
// keys of its own, with expiries.
package queuetest

import (
	"context"
	"os"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/queue"
)

// Each runs fn as a subtest per Redis, with a client the subtest closes.
func Each(t *testing.T, fn func(t *testing.T, rdb redis.UniversalClient)) {
	urls := map[string]string{"embedded": ""}
	if u := os.Getenv("JOBGATE_TEST_REDIS_URL"); u != "" {
		urls["redis"] = u
	}
	for name, u := range urls {
		t.Run(name, func(t *testing.T) {
			qc, err := queue.Open(context.Background(), u)
			require.NoError(t, err)
			t.Cleanup(func() { qc.Close() })
			fn(t, qc.Redis)
		})
	}
}
