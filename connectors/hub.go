package connectors

import (
	"context"
	"errors"
	"time"

	"github.com/jobgate/jobgate/internal/ad"
)

// ErrUnknownAd is returned by Hub.Withdraw for a reference the integration
// never sent.
var ErrUnknownAd = errors.New("connectors: unknown ad")

// ErrUnknownIntegration is returned by Hub.SigningKeys for an integration
// that does not exist. Receivers must answer it like a bad credential, so
// that integration ids cannot be probed.
var ErrUnknownIntegration = errors.New("connectors: unknown integration")

// ErrIntegrationDisabled is returned by Hub.Upsert and Hub.Withdraw for an
// integration that takes no ads now (Integration.Disabled). Receivers
// answer it with 403, CodeIntegrationDisabled and MsgIntegrationDisabled,
// in their vendor's error shape: the push changed nothing, and sending it
// again will not help until an operator enables the integration.
var ErrIntegrationDisabled = errors.New("connectors: integration disabled")

// CodeIntegrationDisabled is the machine-readable code of a push refused
// because its integration is disabled, in every receiver's answer.
const CodeIntegrationDisabled = "integration_disabled"

// MsgIntegrationDisabled is the refusal's text, for the sender's people.
const MsgIntegrationDisabled = "this integration is disabled on the job board: no ads are taken or changed until an operator enables it (ads already published stay as they are)"

// Hub is what a push connector asks of jobgate: the keys an integration's
// vendor signs with, the lockout of clients that keep failing, a memory of
// signatures already used, and storing or withdrawing an ad.
// internal/ingest implements it; connectors never see the database or the
// queue.
type Hub interface {
	// SigningKeys returns the integration (with its secrets) and the full
	// API keys valid for it now, newest first: during a rotation's grace
	// period the vendor may sign with either.
	SigningKeys(ctx context.Context, integrationID string) (Integration, []string, error)
	// LockedOut reports how long client (its address) stays locked out for
	// credential: the address's own lockout, or that of the credential
	// from that address. credential names what the request tries (for
	// example CredentialOfIntegration(id) when it is signed with an
	// integration's keys); "" asks about the address alone. Zero when
	// neither is locked out.
	LockedOut(ctx context.Context, client, credential string) (time.Duration, error)
	// AuthFailed counts a failed authentication from client toward the
	// lockout of its address and, unless credential is "", of credential
	// from that address (a lower threshold, so that one tenant's mistakes
	// behind a vendor's shared address lock out that tenant only). Pass ""
	// when the request names no tenant (a wrong board-wide signature, an
	// unknown integration). reason is a short machine word for metrics.
	AuthFailed(ctx context.Context, client, credential, reason string) error
	// FirstUse records key (a vendor signature) as used for ttl, shared by
	// every replica, and reports whether this is its first use in that
	// time. An error means the memory cannot be reached: the caller must
	// refuse the request as retryable, never accept it unchecked.
	FirstUse(ctx context.Context, key string, ttl time.Duration) (bool, error)
	// Upsert validates the ad (a *ad.ValidationError lists every bad field)
	// and creates or updates it under the integration's reference.
	Upsert(ctx context.Context, in Integration, reference string, a ad.Ad) (Stored, error)
	// Withdraw takes the ad off the board and every channel; ErrUnknownAd
	// when there is none.
	Withdraw(ctx context.Context, in Integration, reference string) (Stored, error)
}

// Stored is the outcome of a Hub write.
type Stored struct {
	// ID is the ad's id on the board; URL its page.
	ID  string
	URL string
	// Revision is the ad's current revision.
	Revision int
	// Created is true for a new ad; Changed for any new revision or
	// withdrawal.
	Created bool
	Changed bool
}

// CredentialOfIntegration is the lockout credential of a request signed
// with any of an integration's keys (Hub.LockedOut, Hub.AuthFailed).
func CredentialOfIntegration(integrationID string) string { return "integration:" + integrationID }

// ErrBadCredentials is returned by Hub.Authenticate for a key that is
// missing, malformed, unknown, revoked or expired. The failure has been
// counted toward the client's lockout.
var ErrBadCredentials = errors.New("connectors: bad credentials")

// LockedOutError is returned while a client, or the credential it
// presents from its address, is locked out.
type LockedOutError struct{ RetryAfter time.Duration }

func (e *LockedOutError) Error() string {
	return "connectors: client locked out for " + e.RetryAfter.String()
}

// KeyAuthenticator is implemented by hubs that can check a jobgate API key
// a vendor carries for its customer (Teamtailor's activation JWT), with the
// lockout, and say which integration it selects.
type KeyAuthenticator interface {
	Authenticate(ctx context.Context, client, key string) (Integration, error)
}

// Replayer is implemented by hubs that remember a vendor's answers by an
// idempotency key (an event id) for a while, so a redelivered event gets
// the first answer and is not applied again, even after a newer one. The
// memory is a cache (Redis): when it is lost, the content hash still makes
// an identical redelivery change nothing.
type Replayer interface {
	// Recall returns the answer remembered for key, if any.
	Recall(ctx context.Context, key string) ([]byte, bool, error)
	// Remember keeps answer for key for ttl.
	Remember(ctx context.Context, key string, answer []byte, ttl time.Duration) error
}
