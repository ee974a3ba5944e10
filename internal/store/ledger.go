package store

import (
	"context"
	"time"
)

// Hops of an application's ledger (ApplicationEvent.Hop).
const (
	// HopReceived is the request's arrival; Detail is its source.
	HopReceived = "received"
	// HopStored is the commit of the application with its files; Detail
	// is "files=N".
	HopStored = "stored"
	// HopAttempt is a delivery attempt that failed; Outcome is
	// OutcomeRetry, OutcomeDead or OutcomeNeedsAttention and Detail the
	// error's class and reason (no personal data).
	HopAttempt = "attempt"
	// HopAccepted is the ATS taking the application; Detail is its id
	// there.
	HopAccepted = "accepted"
	// HopReplayed is an operator putting the delivery back to pending;
	// Detail is the new generation.
	HopReplayed = "replayed"
	// HopATSStatus is a later status the ATS reported; Outcome is one of
	// the ATSOutcome values and Detail the vendor's own event word.
	HopATSStatus = "ats_status"
)

// Outcomes of a HopAttempt.
const (
	OutcomeRetry          = "retry"
	OutcomeDead           = "dead"
	OutcomeNeedsAttention = "needs_attention"
	// OutcomeDelivered is HopAccepted's outcome; OutcomeOK that of the
	// other hops that cannot fail.
	OutcomeDelivered = "delivered"
	OutcomeOK        = "ok"
)

// Canonical later outcomes an ATS reports (HopATSStatus's Outcome): a
// small set every vendor's statuses map onto; a vendor maps only what it
// documents.
const (
	// ATSNew: the employer has the application but has not looked at it.
	ATSNew = "new"
	// ATSInReview: the employer is working on it.
	ATSInReview = "in_review"
	// ATSOnHold: the employer has put it aside for now.
	ATSOnHold = "on_hold"
	// ATSRejected: the employer turned it down (or told the candidate so).
	ATSRejected = "rejected"
	// ATSHired: the candidate was hired.
	ATSHired = "hired"
)

// ATSOutcomes lists the canonical later outcomes.
var ATSOutcomes = []string{ATSNew, ATSInReview, ATSOnHold, ATSRejected, ATSHired}

// ApplicationEvent is one hop of an application's ledger.
type ApplicationEvent struct {
	Seq     int
	At      time.Time
	Hop     string
	Outcome string
	Detail  string
}

// ATSOutcome is a later status an integration's ATS reported for one of
// its applications, found by the ATS's id for it.
type ATSOutcome struct {
	IntegrationID string
	ATSID         string
	// Outcome is one of ATSOutcomes.
	Outcome string
	// Detail is the vendor's own event word (no personal data).
	Detail string
}

// LedgerStore keeps every application's ledger. The hops that record a
// state change (received, stored, attempt, accepted, replayed) are
// written by CreateApplication, FailDelivery, CompleteApplication and
// ReplayDelivery in their own transactions; erasure deletes them with
// the application.
type LedgerStore interface {
	// ApplicationLedger lists an application's events in order; empty
	// for an unknown application.
	ApplicationLedger(ctx context.Context, applicationID string) ([]ApplicationEvent, error)
	// RecordATSOutcome records a later ATS status on the integration's
	// application with that ATS id and returns the application's id. It
	// returns ErrNotFound when the integration has no such application
	// (another integration's never matches), and records nothing when the
	// application's last reported status is the same (a redelivery).
	RecordATSOutcome(ctx context.Context, o ATSOutcome) (string, error)
}
