package store

import "time"

// ApplicationWrite is a new application with its documents and the
// delivery that takes it to the ATS, written in one transaction.
type ApplicationWrite struct {
	ID            string
	AccountID     string
	IntegrationID string
	AdID          string
	// Revision is the ad's revision when the candidate applied.
	Revision int
	// Applier is the name of the connector that delivers it.
	Applier string
	// TokenHash is the hash of the candidate's status token.
	TokenHash []byte
	// CandidateKey is the hex HMAC-SHA256 of the candidate's trimmed,
	// lower-cased e-mail under a key derived from the master key
	// (secretbox.Box.CandidateKey): export and erasure find a candidate's
	// applications by it, without the e-mail being indexed in clear.
	CandidateKey string
	// IdempotencyKey is the client's Idempotency-Key, or empty: a second
	// write with the same key for the same ad returns the first
	// application when its ContentHash is the same, and is
	// ErrKeyReused when it is not.
	IdempotencyKey string
	// ContentHash identifies the submission's content (every field,
	// answer, consent and file): without an IdempotencyKey, a second write
	// with the same hash for the same ad within DedupeWindow returns the
	// first application.
	ContentHash  string
	DedupeWindow time.Duration
	// Content is the application's JSON (candidate, answers, consents,
	// documents without their bytes): personal data.
	Content   []byte
	Documents []ApplicationDocument
	// Source is where the candidate came from before the job page, as
	// internal/stats classifies it (board, nav, finn, direct, or another
	// site's host): no personal data, bounded in length.
	Source string
	// ReceivedAt is when the request arrived, before its files were read
	// and checked: the ledger's received hop (zero: the commit time).
	ReceivedAt time.Time
}

// ApplicationDocument is a file of an application.
type ApplicationDocument struct {
	Kind        string
	FileName    string
	ContentType string
	SHA256      string
	Data        []byte
}

// ApplicationRecord is a stored application with the state of its
// delivery.
type ApplicationRecord struct {
	ID            string
	AccountID     string
	IntegrationID string
	AdID          string
	Applier       string
	TokenHash     []byte
	// ContentHash is the submission's (ApplicationWrite's).
	ContentHash string
	Content     []byte
	// ATSID is the ATS's id for the application, once delivered.
	ATSID      string
	DeliveryID string
	// State is the delivery's state (DeliveryPending, DeliveryDelivered,
	// DeliveryDead, DeliveryNeedsAttention) and LastError its last failure, without personal data.
	State       string
	LastError   string
	Attempts    int
	CreatedAt   time.Time
	DeliveredAt *time.Time
	// Source is ApplicationWrite's: where the candidate came from.
	Source string
}

// ApplicationResult is the outcome of CreateApplication.
type ApplicationResult struct {
	Application ApplicationRecord
	// Delivery is the new delivery to enqueue; zero when the write
	// returned an earlier application.
	Delivery Delivery
	// Created is false when the write was a repeat of an earlier
	// application (the same idempotency key and content, or the same
	// content within the window).
	Created bool
}
