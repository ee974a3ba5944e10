package outbox

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/breaker"
	"github.com/jobgate/jobgate/internal/metrics"
)

// Guard holds a circuit breaker per destination (in this process): per
// channel and host for channel deliveries, per integration for
// applications, so one employer's failing ATS opens only its own. It also
// holds a rate limit per channel and per vendor account (across all
// workers, in Redis). Both answer with backpressure, which does not use up
// attempts.
type Guard struct {
	rdb           redis.UniversalClient
	breakers      *breaker.Set[connectors.Publication]
	applyBreakers *breaker.Set[apply.Receipt]
	limiter       *RateLimiter
}

// BreakerSettings configures the breakers: Failures consecutive retryable
// failures open a destination's breaker, zero meaning 5; it stays open for
// Open before it lets one call through, zero meaning 30 s.
type BreakerSettings = breaker.Settings

var breakerDefaults = breaker.Settings{Failures: 5, Open: 30 * time.Second}

// NewGuard returns a Guard using rdb for rate limits.
func NewGuard(rdb redis.UniversalClient, m *metrics.Metrics, s BreakerSettings) *Guard {
	// Only failures that say the channel is unwell count: a refused ad
	// (permanent) is the ad's fault, and backpressure is ours.
	unwell := func(err error) bool {
		c := connectors.ClassOf(err)
		return c != connectors.Permanent && c != connectors.Backpressure
	}
	return &Guard{rdb: rdb, breakers: breaker.New[connectors.Publication](s, breakerDefaults, unwell, m.BreakerState, "host").ReportTo(m.Breakers),
		applyBreakers: breaker.New[apply.Receipt](s, breakerDefaults, unwell, m.BreakerState, "integration").ReportTo(m.Breakers), limiter: NewRateLimiter(rdb)}
}

// Call runs fn through the breaker of dest (the channel and its host),
// after waiting for the channel's rate limit (perSecond, zero for none).
func (g *Guard) Call(ctx context.Context, dest breaker.Key, perSecond float64, fn func() (connectors.Publication, error)) (connectors.Publication, error) {
	if err := g.allow(ctx, dest.Group, perSecond); err != nil {
		return connectors.Publication{}, err
	}
	return g.breakers.Execute(dest, fn)
}

// allow takes one call from the channel's budget for the current second, a
// fixed window counted in Redis so every worker shares it.
func (g *Guard) allow(ctx context.Context, channel string, perSecond float64) error {
	if perSecond <= 0 {
		return nil
	}
	now := time.Now()
	key := "jobgate:ratelimit:" + channel + ":" + strconv.FormatInt(now.Unix(), 10)
	pipe := g.rdb.TxPipeline()
	incr := pipe.Incr(ctx, key)
	pipe.Expire(ctx, key, 2*time.Second)
	if _, err := pipe.Exec(ctx); err != nil {
		return connectors.NewRetryable(fmt.Errorf("rate limit: %w", err), 0)
	}
	limit := max(int64(perSecond), 1)
	if incr.Val() > limit {
		wait := now.Truncate(time.Second).Add(time.Second).Sub(now)
		return connectors.NewBackpressure(fmt.Errorf("channel %s: rate limit %d/s reached", channel, limit), wait)
	}
	return nil
}
