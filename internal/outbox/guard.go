package outbox

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/sony/gobreaker/v2"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/metrics"
)

// Guard holds a circuit breaker per channel (in this process) and a rate
// limit per channel (across all workers, in Redis). Both answer with
// backpressure, which does not use up attempts.
type Guard struct {
	rdb      redis.UniversalClient
	m        *metrics.Metrics
	settings BreakerSettings

	mu       sync.Mutex
	breakers map[string]*gobreaker.CircuitBreaker[connectors.Publication]
}

// BreakerSettings configures the breakers.
type BreakerSettings struct {
	// Failures is how many consecutive retryable failures open a breaker.
	// Zero means 5.
	Failures uint32
	// Open is how long a breaker stays open before it lets one call
	// through. Zero means 30 s.
	Open time.Duration
}

// NewGuard returns a Guard using rdb for rate limits.
func NewGuard(rdb redis.UniversalClient, m *metrics.Metrics, s BreakerSettings) *Guard {
	if s.Failures == 0 {
		s.Failures = 5
	}
	if s.Open <= 0 {
		s.Open = 30 * time.Second
	}
	return &Guard{rdb: rdb, m: m, settings: s, breakers: map[string]*gobreaker.CircuitBreaker[connectors.Publication]{}}
}

// Call runs fn through the channel's breaker, after waiting for its rate
// limit (perSecond, zero for none).
func (g *Guard) Call(ctx context.Context, channel string, perSecond float64, fn func() (connectors.Publication, error)) (connectors.Publication, error) {
	if err := g.allow(ctx, channel, perSecond); err != nil {
		return connectors.Publication{}, err
	}
	pub, err := g.breaker(channel).Execute(fn)
	if errors.Is(err, gobreaker.ErrOpenState) || errors.Is(err, gobreaker.ErrTooManyRequests) {
		return pub, connectors.NewBackpressure(fmt.Errorf("channel %s: circuit breaker open", channel), g.settings.Open)
	}
	return pub, err
}

func (g *Guard) breaker(channel string) *gobreaker.CircuitBreaker[connectors.Publication] {
	g.mu.Lock()
	defer g.mu.Unlock()
	if b, ok := g.breakers[channel]; ok {
		return b
	}
	b := gobreaker.NewCircuitBreaker[connectors.Publication](gobreaker.Settings{
		Name:    channel,
		Timeout: g.settings.Open,
		ReadyToTrip: func(c gobreaker.Counts) bool {
			return c.ConsecutiveFailures >= g.settings.Failures
		},
		// Only failures that say the channel is unwell count: a refused
		// ad (permanent) is the ad's fault, and backpressure is ours.
		IsSuccessful: func(err error) bool {
			c := connectors.ClassOf(err)
			return err == nil || c == connectors.Permanent || c == connectors.Backpressure
		},
		OnStateChange: func(name string, _, to gobreaker.State) {
			g.m.BreakerState.WithLabelValues(name).Set(float64(to))
		},
	})
	g.m.BreakerState.WithLabelValues(channel).Set(0)
	g.breakers[channel] = b
	return b
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
