// Package store is jobgate's source of truth: accounts, integrations, API
// keys, ads and their revisions, per-channel publications, outbox deliveries
// and the audit log. Store is the one interface; internal/store/sqlite and
// internal/store/postgres implement it on the same SQL (internal/store/sqlstore)
// and pass the same conformance suite (internal/store/storetest).
//
// Every change that causes outbound work writes its outbox deliveries in the
// same transaction, so crashing between commit and enqueue loses nothing.
package store

import (
	"context"
	"errors"
	"time"
)

// Errors the store returns, wrapped with context.
var (
	// ErrNotFound is returned when the thing asked for does not exist (or
	// belongs to another account, which callers must not be able to tell).
	ErrNotFound = errors.New("store: not found")
	// ErrConflict is returned when a write races another and cannot apply.
	ErrConflict = errors.New("store: conflict")
	// ErrKeyReused is returned when an application's idempotency key was
	// used before, for the same ad, with other content.
	ErrKeyReused = errors.New("store: idempotency key used with other content")
)

// Store is the database behind jobgate.
type Store interface {
	// Migrate applies every embedded migration not yet applied.
	Migrate(ctx context.Context) error
	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
	// Close releases the database.
	Close() error

	// CreateAccount creates an account and audits it.
	CreateAccount(ctx context.Context, name string) (Account, error)
	// GetAccount returns ErrNotFound for an unknown id.
	GetAccount(ctx context.Context, id string) (Account, error)

	// CreateIntegration creates an integration (ID is assigned) and audits it.
	// It returns ErrNotFound when the account does not exist.
	CreateIntegration(ctx context.Context, in Integration) (Integration, error)
	// GetIntegration returns ErrNotFound for an unknown id.
	GetIntegration(ctx context.Context, id string) (Integration, error)
	// ListIntegrations lists every integration, oldest first.
	ListIntegrations(ctx context.Context) ([]Integration, error)

	// IssueKey stores a new key for an integration. With graceUntil set, the
	// integration's other live keys are rotated out: they stay valid until
	// graceUntil (or their own earlier expiry). It returns ErrNotFound when
	// the integration does not exist.
	IssueKey(ctx context.Context, k APIKey, rotateGraceUntil *time.Time) error
	// RevokeKeys revokes the integration's keys at once: the one named by
	// keyID, or all when keyID is empty. It returns how many it revoked.
	RevokeKeys(ctx context.Context, integrationID, keyID string) (int, error)
	// ListKeys lists an integration's keys, newest first, without secrets.
	ListKeys(ctx context.Context, integrationID string) ([]APIKey, error)
	// LookupKey returns a key by its public id, with its hash and sealed
	// secret, or ErrNotFound.
	LookupKey(ctx context.Context, keyID string) (APIKey, error)

	// UpsertAd creates or updates the ad (integration, reference). An
	// unchanged content hash on a live ad changes nothing. A change makes a
	// new revision and writes a publish delivery per channel, in one
	// transaction. A deleted integration's ad is refused with ErrDeleted
	// and nothing is written.
	UpsertAd(ctx context.Context, w AdWrite) (AdResult, error)
	// WithdrawAd marks a live ad withdrawn and writes a withdraw delivery per
	// channel where it is not already withdrawn. It returns ErrNotFound when
	// the ad does not exist; withdrawing a withdrawn ad changes nothing.
	WithdrawAd(ctx context.Context, integrationID, reference string) (AdResult, error)
	// GetAd returns an ad with its publications, or ErrNotFound.
	GetAd(ctx context.Context, integrationID, reference string) (AdRecord, error)
	// GetAdByID returns an ad by id with its publications, or ErrNotFound.
	GetAdByID(ctx context.Context, id string) (AdRecord, error)
	// ListRevisions lists an ad's revisions, oldest first.
	ListRevisions(ctx context.Context, adID string) ([]Revision, error)
	// ListJobs lists ads that are live on the board, newest first.
	ListJobs(ctx context.Context, q JobQuery) ([]AdRecord, string, error)

	// LoadDelivery returns a delivery of an ad with the ad as it is now, in
	// one read; the ad's Publications hold only the delivery's channel, if
	// the ad has a publication there. ErrNotFound when there is no such
	// delivery.
	LoadDelivery(ctx context.Context, id string) (Delivery, AdRecord, error)
	// GetDelivery returns a delivery or ErrNotFound.
	GetDelivery(ctx context.Context, id string) (Delivery, error)
	// ListDeliveries lists deliveries, newest first.
	ListDeliveries(ctx context.Context, f DeliveryFilter) ([]Delivery, error)
	// DueDeliveries lists pending deliveries whose next attempt is at or
	// before due, oldest first, after the id afterID (for paging).
	DueDeliveries(ctx context.Context, due time.Time, afterID string, limit int) ([]Delivery, error)
	// PendingPublications lists publications on channel in state pending
	// or unknown (not decided yet) last changed before before, oldest
	// first: what a moderating channel is asked about.
	PendingPublications(ctx context.Context, channel string, before time.Time, limit int) ([]Publication, error)
	// UpdatePublication stores what a channel says became of a
	// publication, unless the publication has moved on to a newer revision
	// since; touching it (the same state) restarts its wait. It stores
	// State, URL, Reason and Checks.
	UpdatePublication(ctx context.Context, p Publication) error
	// LivePublications lists channel's live publications after the ad id
	// afterAdID, by ad id (for paging).
	LivePublications(ctx context.Context, channel, afterAdID string, limit int) ([]Publication, error)
	// RepublishAd writes a publish delivery of a live ad's current
	// revision to one channel, unless one is pending already; it returns
	// the delivery and whether it wrote one.
	RepublishAd(ctx context.Context, adID, channel string) (Delivery, bool, error)
	// CountPublications counts publications by channel and state (the
	// key's two strings).
	CountPublications(ctx context.Context) (map[[2]string]int, error)
	// CountDeliveries counts the pending, dead and needs_attention
	// deliveries, by state.
	CountDeliveries(ctx context.Context) (map[string]int, error)
	// OldestPendingDeliveries returns, for each kind and channel with
	// pending deliveries, when the oldest of them was created: how long
	// the longest wait on each destination class has been.
	OldestPendingDeliveries(ctx context.Context) ([]PendingSince, error)
	// CompleteDelivery records a delivered outcome and, when pub is not nil,
	// the publication it produced, in one transaction. It returns
	// ErrConflict when the delivery is no longer pending in that generation.
	CompleteDelivery(ctx context.Context, id string, generation int, pub *Publication) error
	// FailDelivery records a failed attempt: pending with its next attempt,
	// dead, or needs_attention. It returns ErrConflict as CompleteDelivery does.
	FailDelivery(ctx context.Context, id string, generation int, f Failure) error
	// ReplayDelivery puts a dead, needs_attention (or pending) delivery back to pending in a
	// new generation and audits it.
	ReplayDelivery(ctx context.Context, id string) (Delivery, error)
	// ReplayDead replays every dead delivery.
	ReplayDead(ctx context.Context) ([]Delivery, error)

	// ExpiredAds lists live ads whose deadline is over at now (their
	// AdWrite.DeadlineEnd is not after it), earliest first.
	ExpiredAds(ctx context.Context, now time.Time, limit int) ([]AdKey, error)

	// ListAdStates lists the reference, hash and status of every ad of an
	// integration: what a poll diffs its snapshot against.
	ListAdStates(ctx context.Context, integrationID string) ([]AdState, error)

	// AcquirePoll takes the integration's poll lease for owner until until,
	// unless another owner holds an unexpired one; it returns the poll
	// state and whether the lease was taken. It returns ErrNotFound when
	// the integration does not exist.
	AcquirePoll(ctx context.Context, integrationID, owner string, until time.Time) (PollState, bool, error)
	// FinishPoll records a poll's outcome and releases owner's lease. It
	// returns ErrConflict when owner no longer holds the lease.
	FinishPoll(ctx context.Context, owner string, st PollState) error
	// GetPollState returns an integration's poll state, or ErrNotFound
	// before its first poll.
	GetPollState(ctx context.Context, integrationID string) (PollState, error)
	// DuePolls lists active integrations of the given vendors that are due
	// at now and not being polled, most overdue first.
	DuePolls(ctx context.Context, vendors []string, now time.Time, limit int) ([]DuePoll, error)

	// CreateApplication stores an application, its documents and its
	// apply delivery in one transaction, unless it repeats an earlier one
	// (the same ad, idempotency key and content hash, or, without a key,
	// the same ad and content hash within its window): then it returns
	// that one and writes nothing. The same ad and key with another
	// content hash is ErrKeyReused, and writes nothing. It returns
	// ErrNotFound when the ad is not live.
	CreateApplication(ctx context.Context, w ApplicationWrite) (ApplicationResult, error)
	// GetApplication returns an application, without its documents, with
	// the state of its delivery; ErrNotFound when there is none.
	GetApplication(ctx context.Context, id string) (ApplicationRecord, error)
	// LoadApplication returns the application a delivery takes, with its
	// documents' bytes, in order.
	LoadApplication(ctx context.Context, deliveryID string) (ApplicationRecord, []ApplicationDocument, error)
	// CompleteApplication records a delivered application and the ATS's
	// id for it, with its delivery, in one transaction. It returns
	// ErrConflict as CompleteDelivery does.
	CompleteApplication(ctx context.Context, deliveryID string, generation int, atsID string) error

	// ListAudit lists the newest audit entries first.
	ListAudit(ctx context.Context, limit int) ([]AuditEntry, error)
	// Audit writes one audit line (the actor from ctx): who did what to
	// which subject, never personal data.
	Audit(ctx context.Context, action, subject, detail string) error

	// ScheduleStore keeps ads waiting for their publish time (schedule.go).
	ScheduleStore
	// TeamStore keeps the ads' recruiting teams (team.go).
	TeamStore
	// IdentityStore keeps users, sessions and one-time links (identity.go).
	IdentityStore
	// PortalStore reads what a signed-in user may see (portal.go).
	PortalStore
	// PrivacyStore keeps retention, export and erasure (privacy.go).
	PrivacyStore
	// OpsStore reads what the operator console lists (ops.go).
	OpsStore
	// OperationsStore is what the operator console reads and changes
	// (operations.go).
	OperationsStore
	// IntegrationAdmin updates and deletes integrations (integrationadmin.go).
	IntegrationAdmin
	// LatePublish takes down a publish that landed after its ad left
	// (latepublish.go).
	LatePublish
	// LedgerStore keeps every application's hops with times (ledger.go).
	LedgerStore
	// DegradeStore keeps integrations whose direct apply degraded (degrade.go).
	DegradeStore
	// StatsStore keeps the per-ad source counts (stats.go).
	StatsStore
	// ChannelStatsStore keeps statistics channels report (channelstats.go).
	ChannelStatsStore
}

type actorKey struct{}

// WithActor names who acts in ctx ("cli", "key:<id>", "operator"); the
// store writes it into the audit log.
func WithActor(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

// Actor returns the actor named in ctx, or "system".
func Actor(ctx context.Context) string {
	if a, ok := ctx.Value(actorKey{}).(string); ok && a != "" {
		return a
	}
	return "system"
}
