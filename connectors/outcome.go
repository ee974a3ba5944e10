package connectors

import (
	"context"
	"errors"
)

// Canonical later outcomes of an application in the employer's ATS, that
// a connector maps its vendor's documented statuses onto (only those the
// vendor documents; README "The application's ledger" lists each
// vendor's mapping). The set is small on purpose: a candidate and an
// employer read it, and every vendor's statuses fit it.
const (
	// OutcomeNew: in the ATS, not looked at yet.
	OutcomeNew = "new"
	// OutcomeInReview: the employer is working on it.
	OutcomeInReview = "in_review"
	// OutcomeOnHold: put aside for now.
	OutcomeOnHold = "on_hold"
	// OutcomeRejected: turned down, or the candidate was told so.
	OutcomeRejected = "rejected"
	// OutcomeHired: the candidate was hired.
	OutcomeHired = "hired"
)

// ApplicationOutcome is a later status an ATS reported for one
// application, keyed by the ATS's own id for it (the id its apply API
// answered when the application was delivered).
type ApplicationOutcome struct {
	// ATSID is the ATS's id of the application.
	ATSID string
	// Outcome is one of the Outcome values.
	Outcome string
	// Event is the vendor's own event word (an action name, a status
	// group), for the ledger's detail: never personal data.
	Event string
}

// ErrUnknownApplication is returned by OutcomeRecorder.RecordOutcome when
// the integration delivered no application with that ATS id (the ATS
// reports on applications that did not come from the board too).
var ErrUnknownApplication = errors.New("connectors: unknown application")

// OutcomeRecorder is implemented by hubs that record later ATS statuses in
// the application's ledger. The application is looked up among the
// integration's own only: one tenant's ATS can never mark another's.
type OutcomeRecorder interface {
	RecordOutcome(ctx context.Context, in Integration, o ApplicationOutcome) error
}
