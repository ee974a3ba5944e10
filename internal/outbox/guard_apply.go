package outbox

import (
	"context"
	"time"

	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/breaker"
)

// pauseKey holds an integration's pause: set while its ATS refuses its
// credentials, so its other applications wait instead of each being
// refused in turn. In Redis, so every worker sees it.
func pauseKey(integrationID string) string { return "jobgate:apply:paused:" + integrationID }

// CallApply runs fn through the breaker of the integration whose ATS it
// calls (dest: the applier and the integration id), after the rate limit
// of rateKey (a vendor account) at perSecond, zero for none.
func (g *Guard) CallApply(ctx context.Context, dest breaker.Key, rateKey string, perSecond float64, fn func() (apply.Receipt, error)) (apply.Receipt, error) {
	if err := g.limiter.Wait(ctx, rateKey, perSecond); err != nil {
		return apply.Receipt{}, err
	}
	return g.applyBreakers.Execute(dest, fn)
}

// Pause stops an integration's application deliveries for d.
func (g *Guard) Pause(ctx context.Context, integrationID string, d time.Duration) {
	_ = g.rdb.Set(ctx, pauseKey(integrationID), "unauthorised", d).Err() // a lost pause only costs refused calls
}

// Paused returns how long the integration's deliveries stay paused, zero
// when they are not.
func (g *Guard) Paused(ctx context.Context, integrationID string) time.Duration {
	ttl, err := g.rdb.PTTL(ctx, pauseKey(integrationID)).Result()
	if err != nil || ttl <= 0 {
		return 0
	}
	return ttl
}
