package poll

import (
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/breaker"
	"github.com/jobgate/jobgate/internal/metrics"
)

// BreakerSettings configures the per-vendor circuit breakers of polls:
// Failures consecutive retryable failures (network, 5xx, 429) against one
// vendor open its breaker, zero meaning 10; it refuses polls for Open,
// zero meaning one minute. When a vendor's feed host is down, its
// integrations stop polling it for a while instead of each timing out in
// turn.
type BreakerSettings = breaker.Settings

var breakerDefaults = breaker.Settings{Failures: 10, Open: time.Minute}

// newBreakers returns a breaker per vendor. Only failures that say the
// vendor is unwell count: a malformed feed or a wrong feed URL is one
// integration's problem.
func newBreakers(m *metrics.Metrics, s BreakerSettings) *breaker.Set[connectors.Snapshot] {
	unwell := func(err error) bool { return connectors.ClassOf(err) == connectors.Retryable }
	return breaker.New[connectors.Snapshot](s, breakerDefaults, unwell, m.PollBreaker, "vendor")
}
