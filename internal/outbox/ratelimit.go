package outbox

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/jobgate/jobgate/connectors"
)

// rateMargin stretches the spacing between calls beyond 1/rate: at 2 a
// second the slots are 540 ms apart, so any three span 1.08 s and jitter
// between a slot and the vendor's count (a late wake-up, the network) of
// up to 80 ms still leaves at most two calls in any second there. Lever
// counts on its side and may answer 429 beyond that ("more than 2
// application POST requests per second",
// https://github.com/lever/postings-api#post-application-rate-limit); a
// 429 is backpressure for its Retry-After, no attempt spent, as Lever asks
// ("queue and retry"). A wider margin would cost throughput for every
// account to cover a rarer jitter whose only cost is such a retry.
const rateMargin = 1.08

// maxRateWait is the longest a call waits in the worker for its slot;
// beyond it the delivery is put back (backpressure) for about that long,
// freeing the worker.
const maxRateWait = 3 * time.Second

// reserveScript is a token bucket of one token, as GCRA: the key holds the
// theoretical arrival time (µs) of the next call. A call reserves the slot
// at max(now, tat) when that is within maxWait, moving tat one interval on,
// and returns how long to wait for it; otherwise it reserves nothing and
// returns the wait, negated. Clock: the caller's, in µs (workers share a
// host clock or NTP; a skew only shifts slots, never doubles them up, as
// every reservation moves the one tat).
var reserveScript = redis.NewScript(`
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local maxwait = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local wait = tat - now
if wait > maxwait then return -wait end
redis.call('SET', KEYS[1], tostring(tat + interval), 'PX', math.floor((wait + interval) / 1000) + 1000)
return wait
`)

// RateLimiter spaces calls to one vendor account across every worker
// (Redis is shared), Lever's "2 applications a second" being the case.
type RateLimiter struct {
	rdb redis.UniversalClient
	now func() time.Time
}

// NewRateLimiter returns a limiter on rdb.
func NewRateLimiter(rdb redis.UniversalClient) *RateLimiter {
	return &RateLimiter{rdb: rdb, now: time.Now}
}

// Wait takes the next slot of key at perSecond (zero: no limit), sleeping
// for it when it comes within maxRateWait. A slot further off is
// backpressure carrying its wait, which uses up no attempt.
func (l *RateLimiter) Wait(ctx context.Context, key string, perSecond float64) error {
	if perSecond <= 0 {
		return nil
	}
	wait, err := l.reserve(ctx, key, perSecond)
	if err != nil {
		return err
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// reserve takes the next slot of key at perSecond (above zero) and returns
// how long from now it comes; a slot beyond maxRateWait is not taken, and
// is backpressure carrying its wait.
func (l *RateLimiter) reserve(ctx context.Context, key string, perSecond float64) (time.Duration, error) {
	interval := time.Duration(float64(time.Second) / perSecond * rateMargin)
	n, err := reserveScript.Run(ctx, l.rdb, []string{"jobgate:ratelimit:gcra:" + key},
		l.now().UnixMicro(), interval.Microseconds(), maxRateWait.Microseconds()).Int64()
	if err != nil {
		return 0, connectors.NewRetryable(fmt.Errorf("rate limit: %w", err), 0)
	}
	if n < 0 {
		return 0, connectors.NewBackpressure(fmt.Errorf("rate limit %.3g/s: no slot within %s", perSecond, maxRateWait),
			time.Duration(-n)*time.Microsecond)
	}
	return time.Duration(n) * time.Microsecond, nil
}
