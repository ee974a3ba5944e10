package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/store"
)

// ApplyQueue is the asynq queue applications are delivered on: apart from
// the board's publishing and the external channels', so a slow ATS or a
// rate-limited one holds up neither.
const ApplyQueue = "outbox-apply"

// IntegrationOpener returns an integration as its connector is told of it:
// settings, opened secrets, and its current API key.
type IntegrationOpener func(ctx context.Context, integrationID string) (connectors.Integration, error)

// processApply delivers an application and records the outcome: the ATS's
// id, or the failure (scrubbed of the candidate's data).
func (w *Worker) processApply(ctx context.Context, d store.Delivery, rec store.AdRecord) error {
	start := time.Now()
	app, appRec, err := w.loadApplication(ctx, d, rec)
	var receipt apply.Receipt
	if err == nil {
		receipt, err = w.sendApplication(ctx, d, rec, app)
	}
	w.m.OutboxDuration.WithLabelValues(d.Channel).Observe(time.Since(start).Seconds())
	if err != nil && ctx.Err() != nil {
		return err // shutting down: the row is untouched, and found again
	}
	if err != nil {
		ferr := w.fail(ctx, d, connectors.Redact(err, app.PersonalValues()...))
		if connectors.ClassOf(err) == connectors.Unauthorised {
			// Counted after the failure is recorded: the alert's reader
			// then finds the delivery's reason.
			w.m.ApplyUnauthorised.WithLabelValues(d.Channel).Inc()
		}
		return ferr
	}
	// A confirmed delivery is recorded before anything else, so a retry
	// never sends it again.
	if err := w.store.CompleteApplication(ctx, d.ID, d.Generation, receipt.ATSID); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return nil
		}
		return err
	}
	w.m.OutboxAttempts.WithLabelValues(d.Channel, "delivered").Inc()
	if w.delivered != nil {
		w.delivered(rec.ID, appRec.Source)
	}
	w.m.ApplicationLatency.WithLabelValues(d.Channel).Observe(time.Since(appRec.CreatedAt).Seconds())
	return nil
}

func (w *Worker) loadApplication(ctx context.Context, d store.Delivery, rec store.AdRecord) (apply.Application, store.ApplicationRecord, error) {
	appRec, docs, err := w.store.LoadApplication(ctx, d.ID)
	if err != nil {
		return apply.Application{}, appRec, fmt.Errorf("application of delivery %s: %w", d.ID, err)
	}
	documents := make([]apply.Document, len(docs))
	for i, doc := range docs {
		documents[i] = apply.Document{Kind: doc.Kind, FileName: doc.FileName, ContentType: doc.ContentType, Data: doc.Data}
	}
	app, err := apply.Decode(appRec.ID, rec.ID, appRec.Content, documents)
	if err != nil {
		return app, appRec, connectors.NewPermanent(fmt.Errorf("application %s content: %w", appRec.ID, err))
	}
	return app, appRec, nil
}

// sendApplication calls the applier through the integration's pause (set
// while the ATS refuses its credentials), its share of the apply slots,
// the vendor account's rate limit and the integration's breaker.
func (w *Worker) sendApplication(ctx context.Context, d store.Delivery, rec store.AdRecord, app apply.Application) (apply.Receipt, error) {
	applier, ok := w.appliers[d.Channel]
	if !ok || w.openIntegration == nil {
		return apply.Receipt{}, connectors.NewPermanent(fmt.Errorf("applier %q: %w (see README, Direct apply)", d.Channel, errNoChannel))
	}
	if wait := w.guard.Paused(ctx, d.IntegrationID); wait > 0 {
		return apply.Receipt{}, connectors.NewBackpressure(fmt.Errorf("integration %s: deliveries paused: the ATS refused its credentials", d.IntegrationID), wait)
	}
	dest := applyDest(d)
	release, err := w.applySlot(ctx, dest)
	if err != nil {
		return apply.Receipt{}, err
	}
	defer release()
	in, err := w.openIntegration(ctx, d.IntegrationID)
	if err != nil {
		return apply.Receipt{}, fmt.Errorf("integration %s: %w", d.IntegrationID, err)
	}
	var a ad.Ad
	if err := json.Unmarshal(rec.Content, &a); err != nil {
		return apply.Receipt{}, connectors.NewPermanent(fmt.Errorf("ad %s content: %w", rec.ID, err))
	}
	job := connectors.Job{ID: rec.ID, Reference: rec.Reference, Ad: a, URL: w.jobURL(rec.ID)}
	rateKey := d.Channel
	if rk, ok := applier.(connectors.RateKeyer); ok {
		rateKey = d.Channel + ":" + rk.RateKey(in)
	}
	receipt, err := w.guard.CallApply(ctx, dest, rateKey, applier.Capabilities().RateLimit, func() (apply.Receipt, error) {
		return w.callATS(ctx, applier, in, job, app)
	})
	w.observe(ctx, d.IntegrationID, err)
	if connectors.ClassOf(err) == connectors.Unauthorised {
		w.guard.Pause(ctx, d.IntegrationID, w.unauthorisedPause)
		w.log.Error("outbox: the ATS refused the integration's credentials; its application deliveries are paused",
			"integration", d.IntegrationID, "applier", d.Channel, "delivery", d.ID, "pause", w.unauthorisedPause.String())
	}
	return receipt, err
}

// callATS is one call to the ATS, bounded by the apply timeout when one is
// set: an ATS that takes the connection and never answers is a retryable
// failure of that ATS (counted by its breaker), not a worker held for as
// long as the HTTP client waits.
func (w *Worker) callATS(ctx context.Context, applier connectors.Applier, in connectors.Integration, job connectors.Job, app apply.Application) (apply.Receipt, error) {
	if w.applyTimeout <= 0 {
		return applier.Apply(ctx, in, job, app)
	}
	callCtx, cancel := context.WithTimeout(ctx, w.applyTimeout)
	defer cancel()
	receipt, err := applier.Apply(callCtx, in, job, app)
	if err != nil && ctx.Err() == nil && errors.Is(callCtx.Err(), context.DeadlineExceeded) {
		err = connectors.NewRetryable(fmt.Errorf("integration %s: the ATS gave no answer within %s", in.ID, w.applyTimeout), 0)
	}
	return receipt, err
}
