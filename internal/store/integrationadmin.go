package store

import (
	"context"
	"errors"
)

// ErrDeleted is returned for a change to an integration that is deleted.
var ErrDeleted = errors.New("store: integration deleted")

// IntegrationDeletion is what deleting an integration did, in its one
// transaction.
type IntegrationDeletion struct {
	Integration Integration
	// Withdrawn counts the ads (live or scheduled) that were withdrawn.
	Withdrawn int
	// Revoked counts the keys that were revoked.
	Revoked int
	// Deliveries are the withdraw deliveries written, for the dispatcher.
	Deliveries []Delivery
}

// IntegrationAdmin changes and deletes integrations.
type IntegrationAdmin interface {
	// UpdateIntegration replaces an integration's plain settings and
	// sealed secrets and audits it (naming the settings, never their
	// values). It returns ErrNotFound for an unknown id and ErrDeleted for
	// a deleted integration.
	UpdateIntegration(ctx context.Context, id string, settings map[string]string, sealedSecrets []byte) (Integration, error)
	// DeleteIntegration withdraws every live or scheduled ad of the
	// integration, writing a withdraw delivery per channel each is on or
	// on its way to, revokes its keys and marks it IntegrationDeleted,
	// audited, all in one transaction. Pending application deliveries are
	// left as they are. It returns ErrNotFound for an unknown id and
	// ErrDeleted when it is deleted already.
	DeleteIntegration(ctx context.Context, id string) (IntegrationDeletion, error)
}
