package store

import (
	"context"
	"time"
)

// Integration statuses. Only an active integration takes ads: any other
// status (disabled by an operator, suspended because the vendor refused
// its credentials, or another the store comes to know) refuses pushes and
// is not polled, while its published ads stay as they are and applications
// to them are still taken and delivered.
//
// IntegrationDeleted is that of one deleted by an operator: its ads are
// withdrawn everywhere, its keys revoked, and polls skip it. A deleted
// integration is kept (its ads, deliveries and audit lines refer to it)
// and never comes back: its status is not changed again (ErrDeleted).
const (
	IntegrationActive    = "active"
	IntegrationDisabled  = "disabled"
	IntegrationSuspended = "suspended"
	IntegrationDeleted   = "deleted"
)

// TakesAds reports whether an integration in status takes ads (pushes and
// polls): only an active one does.
func TakesAds(status string) bool { return status == IntegrationActive }

// OperationsStore is what the operator console reads and changes beyond
// the rest of Store: integrations' status, recent arrivals, poll states
// and each integration's recent activity.
type OperationsStore interface {
	// SetIntegrationStatus sets an integration's status and audits it
	// (integration.disable, integration.enable, or integration.status
	// for any other status), in one transaction. It reports whether the
	// status changed (setting the status it has changes and audits
	// nothing); ErrNotFound when there is no such integration, ErrDeleted
	// when it is deleted.
	SetIntegrationStatus(ctx context.Context, id, status string) (bool, error)
	// CountArrivals counts what came in since since: ad revisions written
	// (new or changed ads) and applications taken.
	CountArrivals(ctx context.Context, since time.Time) (Arrivals, error)
	// ListPollStates lists every polled integration's poll state, by
	// integration id.
	ListPollStates(ctx context.Context) ([]PollState, error)
	// ListIntegrationActivity lists every integration's recent activity,
	// by integration id.
	ListIntegrationActivity(ctx context.Context) ([]IntegrationActivity, error)
}

// Arrivals count what came in over a time window.
type Arrivals struct {
	// Ads counts ad revisions written: ads created or changed, by a push
	// or a poll.
	Ads int
	// Applications counts applications taken.
	Applications int
}

// IntegrationActivity is what an operator is shown of an integration's
// recent work.
type IntegrationActivity struct {
	IntegrationID string
	// LastAdChangeAt is when one of its ads last changed (created,
	// updated or withdrawn, by a push or a poll); zero when it has none.
	LastAdChangeAt time.Time
	// LastAdID is that ad, and LastAdStatus its status now.
	LastAdID     string
	LastAdStatus string
	// Dead counts its dead deliveries.
	Dead int
}
