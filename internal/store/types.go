package store

import (
	"encoding/json"
	"strconv"
	"time"
)

// Account is an employer, the board's customer.
type Account struct {
	ID        string
	Name      string
	CreatedAt time.Time
}

// Integration is an account's connection to one vendor.
type Integration struct {
	ID        string
	AccountID string
	Vendor    string
	// Settings are the plain settings.
	Settings map[string]string
	// SealedSecrets is the JSON object of secret settings, sealed with the
	// master key (secretbox) for the integration's id.
	SealedSecrets []byte
	// Status is IntegrationActive, or why the integration takes no ads
	// (IntegrationDisabled, IntegrationSuspended; see TakesAds).
	Status    string
	CreatedAt time.Time
}

// APIKey is an issued key as stored.
type APIKey struct {
	ID            string
	IntegrationID string
	AccountID     string
	// Hash is the SHA-256 of the secret.
	Hash []byte
	// SealedSecret is the secret sealed with the master key for the key id,
	// kept only where the vendor signs with it; nil otherwise.
	SealedSecret []byte
	CreatedAt    time.Time
	// ExpiresAt ends a rotated key's grace period; nil means no expiry.
	ExpiresAt *time.Time
	// RevokedAt is when the key was revoked; nil means not revoked.
	RevokedAt *time.Time
	// IntegrationStatus is the status of the key's integration, read with
	// the key by LookupKey: a push sees an integration disabled at once,
	// in every process.
	IntegrationStatus string
}

// ValidAt reports whether the key authenticates at t.
func (k APIKey) ValidAt(t time.Time) bool {
	return k.RevokedAt == nil && (k.ExpiresAt == nil || t.Before(*k.ExpiresAt))
}

// Ad states.
const (
	AdLive      = "live"
	AdWithdrawn = "withdrawn"
	// AdScheduled is an ad held until its publish time: on no channel
	// until ReleaseAd makes it live.
	AdScheduled = "scheduled"
)

// Publication states, as in connectors.Publication.
const (
	PublicationPending   = "pending"
	PublicationLive      = "live"
	PublicationRejected  = "rejected"
	PublicationWithdrawn = "withdrawn"
	PublicationUnknown   = "unknown"
)

// AdWrite is an upsert of an ad, already decoded, validated and hashed.
type AdWrite struct {
	AccountID     string
	IntegrationID string
	Reference     string
	// Content is the canonical ad JSON.
	Content json.RawMessage
	Hash    string
	// Title is copied out of Content.
	Title string
	// EmployerText is the lower-cased employer name the board filters.
	EmployerText string
	// SearchText and LocationText are lower-cased text the board filters.
	SearchText   string
	LocationText string
	// ApplyMode is "direct" or "redirect"; ApplyURL the redirect target.
	ApplyMode string
	ApplyURL  string
	// Channels are the channels the ad is published to.
	Channels []string
	// Deadline is the application deadline, YYYY-MM-DD, or empty.
	Deadline string
	// PublishAt, when set, holds the ad (AdScheduled, on no channel)
	// until then: the caller sets it only when it is in the future.
	PublishAt time.Time
	// DeadlineEnd is when the deadline is over (ad.DeadlineEnd), zero
	// without one: the expiry job withdraws the ad then.
	DeadlineEnd time.Time
	// Warnings are the push's warnings, a JSON array of {field, code,
	// message} (nil is none): kept with the ad, a new revision or not.
	Warnings json.RawMessage
}

// AdRecord is an ad as stored.
type AdRecord struct {
	ID            string
	AccountID     string
	IntegrationID string
	Reference     string
	Status        string
	Revision      int
	Hash          string
	Content       json.RawMessage
	ApplyMode     string
	ApplyURL      string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	// PublishAt is when a scheduled ad goes live; zero otherwise.
	PublishAt time.Time
	// Warnings are the last push's warnings, a JSON array (see
	// AdWrite.Warnings).
	Warnings json.RawMessage
	// Publications is the ad's state per channel (filled by GetAd, GetAdByID).
	Publications []Publication
}

// AdResult is the outcome of UpsertAd or WithdrawAd.
type AdResult struct {
	Ad AdRecord
	// Created is true when the ad did not exist before.
	Created bool
	// Changed is true when a new revision (or a withdrawal) was written.
	Changed bool
	// Deliveries are the outbox rows written, to enqueue after commit.
	Deliveries []Delivery
}

// Revision is one version of an ad's content.
type Revision struct {
	AdID      string
	Revision  int
	Hash      string
	Content   json.RawMessage
	CreatedAt time.Time
}

// Publication is an ad's state on one channel.
type Publication struct {
	AdID      string
	Channel   string
	State     string
	Revision  int
	Reference string
	URL       string
	Reason    string
	UpdatedAt time.Time
	// SentAt is when the channel last received the ad's content, as the
	// channel said (zero: not known); a delivery that writes the
	// publication sets it.
	SentAt time.Time
	// Checks counts the status checks in a row that found the publication
	// undecided in a way that must end (NAV's UNKNOWN); a delivery that
	// writes the publication starts it again at 0.
	Checks int
}

// JobQuery filters the board listing. Text, Location and Employer match
// case-insensitively as substrings; Place and Category match a whole value
// case-insensitively; EmploymentType, Extent and Remote a canonical value.
type JobQuery struct {
	Text     string
	Location string
	Employer string
	// Place is a city, municipality, county, postal code or country code
	// of one of the ad's locations.
	Place string
	// Category is one of the ad's categories.
	Category       string
	EmploymentType string
	Extent         string
	// Remote is none, hybrid or full; none also lists ads that say
	// nothing about remote work (on site is the default).
	Remote string
	// Sort is SortNewest (the default when empty) or SortDeadline.
	Sort string
	// Cursor is the next_cursor of the previous page; empty for the first.
	Cursor string
	// Limit is the page size; zero means 20.
	Limit int
}

// Delivery kinds.
const (
	KindPublish  = "publish"
	KindWithdraw = "withdraw"
	// KindApply delivers an application into the employer's ATS; its
	// Channel is the applier's name (teamtailor, lever, jobylon, webhook).
	KindApply = "apply"
)

// Delivery states.
const (
	DeliveryPending   = "pending"
	DeliveryDelivered = "delivered"
	DeliveryDead      = "dead"
	// DeliveryNeedsAttention is an application the ATS refused for a
	// field it requires that the form did not ask (Lever's account-level
	// required fields): not lost, not retried, kept with the ATS's message
	// for the operator to mend and replay.
	DeliveryNeedsAttention = "needs_attention"
)

// DeliveryStates lists every state, for metrics.
var DeliveryStates = []string{DeliveryPending, DeliveryDelivered, DeliveryDead, DeliveryNeedsAttention}

// Delivery is an outbox row: one outbound job.
type Delivery struct {
	ID            string
	Kind          string
	Channel       string
	AdID          string
	AccountID     string
	IntegrationID string
	// Revision is the ad revision that caused the delivery.
	Revision int
	State    string
	// Generation grows on every replay; the asynq task id is
	// "<ID>:<Generation>" so a replay never collides with an archived task.
	Generation int
	// Attempts counts failed attempts in this generation.
	Attempts      int
	LastError     string
	NextAttemptAt time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
	DeliveredAt   *time.Time
}

// PendingSince is when the oldest pending delivery of one kind on one
// channel (a channel's name, or an applier's) was created.
type PendingSince struct {
	Kind    string
	Channel string
	// Oldest is the oldest pending delivery's CreatedAt: a replayed
	// delivery counts from its creation, not from its replay.
	Oldest time.Time
}

// TaskID is the asynq task id of the delivery's current generation.
func (d Delivery) TaskID() string {
	return d.ID + ":" + strconv.Itoa(d.Generation)
}

// DeliveryFilter filters ListDeliveries.
type DeliveryFilter struct {
	// State, when set, keeps deliveries in that state.
	State string
	// AdID, when set, keeps the deliveries of one ad.
	AdID string
	// Limit is the most rows; zero means 100.
	Limit int
}

// Failure is a failed delivery attempt.
type Failure struct {
	// Reason is the error, without personal data.
	Reason string
	// Dead is true when the delivery will not be tried again.
	Dead bool
	// NeedsAttention, with Dead, keeps the delivery in
	// DeliveryNeedsAttention rather than DeliveryDead.
	NeedsAttention bool
	// NextAttemptAt is when asynq will try again (ignored when Dead).
	NextAttemptAt time.Time
	// CountsAttempt is false for backpressure, which does not use up an
	// attempt.
	CountsAttempt bool
}

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	ID      string
	At      time.Time
	Actor   string
	Action  string
	Subject string
	Detail  string
}
