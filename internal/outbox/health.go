package outbox

import (
	"context"
	"time"

	"github.com/jobgate/jobgate/connectors"
)

// ApplyHealth is told how each integration's ATS answers deliveries and
// says whether its direct apply is degraded (degrade.Tracker).
type ApplyHealth interface {
	// Answered: the ATS answered a delivery (took it, or refused that
	// application for a reason of its own).
	Answered(ctx context.Context, integrationID string)
	// Refused: the ATS refused the integration's credentials.
	Refused(ctx context.Context, integrationID string)
	// Degraded reports whether the integration's direct apply is degraded.
	Degraded(ctx context.Context, integrationID string) bool
}

// observe tells the health what the ATS's answer to a call said about it.
// Backpressure (its breaker open, a rate limit) and retryable failures say
// nothing new: the breaker counts those.
func (w *Worker) observe(ctx context.Context, integrationID string, err error) {
	if w.health == nil {
		return
	}
	switch connectors.ClassOf(err) {
	case connectors.Unauthorised:
		w.health.Refused(ctx, integrationID)
	case connectors.Permanent:
		w.health.Answered(ctx, integrationID)
	default:
		if err == nil {
			w.health.Answered(ctx, integrationID)
		}
	}
}

// degradedRetry is the wait of an application delivery whose retryable
// failure comes while its integration is degraded, and whether it is one:
// the board knows its ATS is down, so the failure spends no attempt (an
// outage never makes an accepted application dead), and it is tried again
// within the pause of refused credentials, so it goes soon after the ATS
// is back.
func (w *Worker) degradedRetry(ctx context.Context, integrationID string, attempt int, asked time.Duration) (time.Duration, bool) {
	if w.health == nil || !w.health.Degraded(ctx, integrationID) {
		return 0, false
	}
	return min(w.policy.Delay(attempt, asked), max(w.unauthorisedPause, asked)), true
}

// ApplyTripped returns, by integration, when the breaker of its ATS
// tripped, for every such breaker that is not closed (degrade.Tracker's
// input).
func (w *Worker) ApplyTripped() map[string]time.Time {
	out := map[string]time.Time{}
	for k, since := range w.guard.applyBreakers.Tripped() {
		if cur, ok := out[k.Destination]; !ok || since.Before(cur) {
			out[k.Destination] = since
		}
	}
	return out
}
