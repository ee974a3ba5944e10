package app

import (
	"context"
	"time"

	"github.com/jobgate/jobgate/internal/privacy"
	"github.com/jobgate/jobgate/internal/queue"
)

// PrivacyService is retention, export and erasure on the store, removing
// queued tasks through tasks (nil where the queue cannot be reached).
func (e *Env) PrivacyService(tasks privacy.TaskDeleter) *privacy.Service {
	return e.privacyAt(tasks, nil)
}

// privacyAt is PrivacyService judging retention by now (nil: time.Now).
func (e *Env) privacyAt(tasks privacy.TaskDeleter, now func() time.Time) *privacy.Service {
	return privacy.New(privacy.Options{Store: e.Store, Box: e.Box, Tasks: tasks, Log: e.Log, DefaultRetentionDays: e.Cfg.RetentionDays, Now: now,
		VendorErase: e.EraseAtVendor})
}

// CLIPrivacy is the privacy service for a command: with a shared Redis it
// removes erased applications' queued tasks there; in embedded mode the
// queue lives inside the serving process, whose tasks of deleted
// deliveries end by themselves when they run. Call the returned function
// when done.
func (e *Env) CLIPrivacy(ctx context.Context) (*privacy.Service, func(), error) {
	if !e.Cfg.Redis().Shared() {
		return e.PrivacyService(nil), func() {}, nil
	}
	qc, err := queue.OpenSettings(ctx, e.Cfg.Redis())
	if err != nil {
		return nil, nil, err
	}
	return e.PrivacyService(qc.Inspector()), func() { qc.Close() }, nil
}
