package app

import (
	"context"

	"github.com/jobgate/jobgate/internal/degrade"
	"github.com/jobgate/jobgate/internal/outbox"
)

// applyTracker is the process's degrade.Tracker: the worker tells it how
// each ATS answers, and it degrades and restores integrations' direct
// apply after JOBGATE_APPLY_DEGRADE_AFTER (see README, Degraded apply).
func (e *Env) applyTracker() *degrade.Tracker {
	return degrade.NewTracker(e.Store, e.Cfg.ApplyDegradeAfter, e.Log)
}

// runApplyTracker runs the tracker over the worker's breakers until ctx
// ends; a process without a worker has none to run.
func (p *process) runApplyTracker(ctx context.Context) {
	if p.health == nil || p.outbox == nil {
		return
	}
	p.health.Run(ctx, p.outbox.ApplyTripped)
}

// healthOf is t as the worker's outbox.ApplyHealth: nil when there is none.
func healthOf(t *degrade.Tracker) outbox.ApplyHealth {
	if t == nil {
		return nil
	}
	return t
}
