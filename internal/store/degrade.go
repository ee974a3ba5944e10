package store

import (
	"context"
	"time"
)

// Reasons an integration's direct apply is degraded to redirect.
const (
	// DegradedUnavailable: the integration's ATS kept failing (its
	// delivery breaker stayed open longer than JOBGATE_APPLY_DEGRADE_AFTER).
	DegradedUnavailable = "ats_unavailable"
	// DegradedUnauthorised: the ATS refused the integration's credentials.
	DegradedUnauthorised = "ats_unauthorised"
)

// ApplyDegradation is an integration whose direct apply is degraded: its
// ads send candidates to the vendor's apply URL until its ATS works again.
type ApplyDegradation struct {
	IntegrationID string
	// Reason is DegradedUnavailable or DegradedUnauthorised.
	Reason string
	// Since is when it degraded.
	Since time.Time
}

// DegradeStore keeps which integrations' direct apply is degraded, shared
// by every process: the worker sees the failures, the API renders the
// forms. A restore is kept (its time) so that a failure that began before
// it cannot degrade the integration again.
type DegradeStore interface {
	// DegradeApply degrades the integration's direct apply for reason,
	// unless it was restored after failingSince (when the failure that
	// degrades it began): a later success wins. An integration degraded
	// already keeps its Since; an unauthorised reason replaces an
	// unavailable one. It reports whether anything changed.
	DegradeApply(ctx context.Context, integrationID, reason string, failingSince, now time.Time) (bool, error)
	// RestoreApply ends the integration's degradation at now; it reports
	// whether it was degraded. reasons, when given, restores only a
	// degradation for one of them.
	RestoreApply(ctx context.Context, integrationID string, now time.Time, reasons ...string) (bool, error)
	// ApplyDegradations lists the integrations degraded now.
	ApplyDegradations(ctx context.Context) ([]ApplyDegradation, error)
	// LapseApplyDegradations restores, at now, every degradation older
	// than before whose integration has no pending application delivery
	// left to try the ATS with, and returns them: direct apply is tried
	// again, and the next application tells.
	LapseApplyDegradations(ctx context.Context, before, now time.Time) ([]ApplyDegradation, error)
}
