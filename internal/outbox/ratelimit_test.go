package outbox

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/queue/queuetest"
)

// leverRate is Lever's documented limit: more than 2 application POSTs a
// second answer 429 (https://github.com/lever/postings-api#post-application-rate-limit).
const leverRate = 2

// testKey is a rate key of this run only (the real Redis's database 0 is
// shared; the limiter's keys expire).
func testKey(name string) string {
	return "test:" + name + ":" + strconv.FormatInt(time.Now().UnixNano(), 36)
}

// TestRateLimiterSlots: callers at the same instant get slots one
// interval (1/rate and the margin) apart, as many as come within
// maxRateWait; the others are backpressure carrying the wait to the next
// free slot. Another key is not held up. The clock is the test's, so the
// slots are exact.
func TestRateLimiterSlots(t *testing.T) {
	queuetest.Each(t, func(t *testing.T, rdb redis.UniversalClient) {
		now := time.Unix(1_800_000_000, 0)
		l := &RateLimiter{rdb: rdb, now: func() time.Time { return now }}
		key := testKey("slots")
		var mu sync.Mutex
		var waits, refused []time.Duration
		var wg sync.WaitGroup
		for range 10 {
			wg.Go(func() {
				wait, err := l.reserve(t.Context(), key, leverRate)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					waits = append(waits, wait)
				case connectors.ClassOf(err) == connectors.Backpressure:
					refused = append(refused, connectors.RetryAfterOf(err))
				default:
					t.Errorf("reserve: %v", err)
				}
			})
		}
		wg.Wait()
		interval := 540 * time.Millisecond // 500 ms and the 8 % margin
		slices.Sort(waits)
		require.Equal(t, []time.Duration{0, interval, 2 * interval, 3 * interval, 4 * interval, 5 * interval}, waits,
			"the slots within maxRateWait, each taken once")
		require.Equal(t, slices.Repeat([]time.Duration{6 * interval}, 4), refused, "the rest wait for the next free slot")

		wait, err := l.reserve(t.Context(), testKey("other-account"), leverRate)
		require.NoError(t, err)
		require.Zero(t, wait, "another account is not held up")
	})
}

// TestRateLimiterNeverTwoInASecond: 100 callers come at once, faster than
// the rate, and each one turned away comes back when its backpressure
// says. Every one gets a slot, and no three slots fall within a second:
// the limiter never sends more than Lever's 2 in any second. The clock is
// the test's, stepped to each caller's time.
func TestRateLimiterNeverTwoInASecond(t *testing.T) {
	queuetest.Each(t, func(t *testing.T, rdb redis.UniversalClient) {
		start := time.Unix(1_800_000_000, 0)
		now := start
		l := &RateLimiter{rdb: rdb, now: func() time.Time { return now }}
		key := testKey("burst")
		type caller struct {
			id int
			at time.Time
		}
		var queue []caller
		for i := range 100 {
			queue = append(queue, caller{id: i, at: start.Add(time.Duration(i) * 37 * time.Millisecond)})
		}
		var sent []time.Time
		for len(queue) > 0 {
			slices.SortFunc(queue, func(a, b caller) int { return cmp.Or(a.at.Compare(b.at), cmp.Compare(a.id, b.id)) })
			c := queue[0]
			queue = queue[1:]
			now = c.at
			wait, err := l.reserve(context.Background(), key, leverRate)
			if err != nil {
				require.Equal(t, connectors.Backpressure, connectors.ClassOf(err), err.Error())
				queue = append(queue, caller{id: c.id, at: now.Add(connectors.RetryAfterOf(err))})
				continue
			}
			sent = append(sent, now.Add(wait))
		}
		require.Len(t, sent, 100, "every caller got a slot")
		slices.SortFunc(sent, time.Time.Compare)
		for i := 2; i < len(sent); i++ {
			require.GreaterOrEqual(t, sent[i].Sub(sent[i-2]), time.Second, "three slots within a second at %d", i)
		}
	})
}

// TestRateLimiterWait: Wait sleeps until its slot (a timer never fires
// early), gives up when the context ends first, and does not limit at a
// rate of zero.
func TestRateLimiterWait(t *testing.T) {
	queuetest.Each(t, func(t *testing.T, rdb redis.UniversalClient) {
		l := NewRateLimiter(rdb)
		key := testKey("wait")
		begin := time.Now()
		require.NoError(t, l.Wait(t.Context(), key, leverRate))
		require.NoError(t, l.Wait(t.Context(), key, leverRate))
		// 540 ms, less the microsecond the limiter's clock is truncated to.
		require.GreaterOrEqual(t, time.Since(begin), 539*time.Millisecond, "the second call waited for its slot")

		// A clock that stands still puts the next slot a whole interval
		// (2.7 s at 0.4 a second) ahead of the second call.
		now := time.Now()
		l.now = func() time.Time { return now }
		key = testKey("cancel")
		require.NoError(t, l.Wait(t.Context(), key, 0.4))
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		require.ErrorIs(t, l.Wait(ctx, key, 0.4), context.Canceled, "a slot still ahead is not waited for once the context ends")

		for range 5 {
			require.NoError(t, l.Wait(t.Context(), key, 0), "zero is no limit")
		}
	})
}
