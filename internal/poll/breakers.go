package poll

import (
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/breaker"
	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/store"
)

// BreakerSettings configures the per-integration circuit breakers of
// polls: Failures consecutive retryable failures (network, 5xx, 429) of
// one integration's feed open its breaker, zero meaning 10; it refuses
// that integration's polls for Open, zero meaning one minute. A feed that
// is down stops being polled for a while instead of timing out poll after
// poll, and the other integrations of the same vendor (other employers'
// feeds, often on other hosts) keep polling.
type BreakerSettings = breaker.Settings

var breakerDefaults = breaker.Settings{Failures: 10, Open: time.Minute}

// newBreakers returns a breaker per integration. Only failures that say
// the feed is unwell count: a malformed feed or a wrong feed URL is
// reported by the poll, not retried sooner or later by a breaker.
func newBreakers(m *metrics.Metrics, s BreakerSettings) *breaker.Set[connectors.Snapshot] {
	unwell := func(err error) bool { return connectors.ClassOf(err) == connectors.Retryable }
	return breaker.New[connectors.Snapshot](s, breakerDefaults, unwell, m.PollBreaker, "integration").ReportTo(m.Breakers)
}

// breakerKey is an integration's breaker, labelled by vendor and
// integration id.
func breakerKey(in store.Integration) breaker.Key {
	return breaker.Key{Group: in.Vendor, Destination: in.ID}
}
