package store

import (
	"context"
	"time"
)

// AccountRetention is an account with how long its candidates' data is
// kept.
type AccountRetention struct {
	Account
	// RetentionDays is how many days applications are kept; nil takes the
	// installation's default (JOBGATE_RETENTION_DAYS).
	RetentionDays *int
	// CVDaysAfterDelivery, when set, deletes an application's files that
	// many days after the ATS confirmed its delivery; nil keeps them as
	// long as the application.
	CVDaysAfterDelivery *int
}

// HeldQuery selects the applications export and erasure look at. Every
// field set narrows the selection; at least CandidateKey or ApplicationID
// must be set.
type HeldQuery struct {
	// CandidateKey is the HMAC of the candidate's e-mail (see
	// ApplicationWrite.CandidateKey).
	CandidateKey string
	// ApplicationID selects one application.
	ApplicationID string
	// AccountID keeps one account's applications; "" keeps all.
	AccountID string
}

// DocumentInfo is what is held about an application's file, without its
// bytes.
type DocumentInfo struct {
	Kind        string
	FileName    string
	ContentType string
	Size        int64
	SHA256      string
}

// HeldApplication is an application with everything held about it that
// export shows and erasure deletes: its content, its files' metadata, the
// ad it was sent to and the delivery that took it to the ATS.
type HeldApplication struct {
	ApplicationRecord
	CandidateKey   string
	FilesDeletedAt *time.Time
	AdReference    string
	AdTitle        string
	// Vendor is the vendor of the integration the application went to.
	Vendor    string
	Documents []DocumentInfo
	// Delivery is the apply delivery (its Channel is the applier).
	Delivery Delivery
}

// UnkeyedApplication is an application stored without a candidate key
// (before keys existed): export and erasure read its content to find
// whose it is.
type UnkeyedApplication struct {
	ID        string
	AccountID string
	Content   []byte
}

// ExpiringApplication is an application the retention purge deletes.
type ExpiringApplication struct {
	ID string
	// Delivery is its apply delivery, whose queued tasks are removed too.
	Delivery Delivery
}

// ForwardedTo is one place an erased application had been sent to: the
// employer's ATS, so the employer can erase it there too.
type ForwardedTo struct {
	ApplicationID string     `json:"application_id"`
	AccountID     string     `json:"account_id"`
	IntegrationID string     `json:"integration_id"`
	Vendor        string     `json:"vendor"`
	Applier       string     `json:"applier"`
	ATSID         string     `json:"ats_id,omitempty"`
	DeliveredAt   *time.Time `json:"delivered_at,omitempty"`
	// VendorErasure says whether the vendor's erasure API was called:
	// "called", "failed", or "not_offered".
	VendorErasure string `json:"vendor_erasure"`
}

// ErasureReceipt records one erasure: how many applications were erased,
// and where they had been forwarded. Never the e-mail or anything else
// about the candidate.
type ErasureReceipt struct {
	ID    string    `json:"id"`
	At    time.Time `json:"at"`
	Actor string    `json:"actor"`
	// AccountID is the account the erasure was limited to; "" for all.
	AccountID    string        `json:"account_id,omitempty"`
	Applications int           `json:"applications"`
	Forwarded    []ForwardedTo `json:"forwarded"`
}

// ApplicationCount is what stays of applications once they are deleted:
// how many an ad received and delivered on a day (UTC, YYYY-MM-DD).
type ApplicationCount struct {
	AccountID string
	AdID      string
	Day       string
	Received  int
	Delivered int
}

// PrivacyStore keeps retention, export and erasure of candidates' data;
// internal/privacy stands on it.
type PrivacyStore interface {
	// ListAccounts lists every account with its retention, oldest first.
	ListAccounts(ctx context.Context) ([]AccountRetention, error)
	// GetRetention returns an account with its retention; ErrNotFound
	// for an unknown account.
	GetRetention(ctx context.Context, accountID string) (AccountRetention, error)
	// SetRetention sets both of an account's retention settings (nil:
	// the default, or no early file deletion) and audits it; ErrNotFound
	// for an unknown account.
	SetRetention(ctx context.Context, accountID string, retentionDays, cvDaysAfterDelivery *int) (AccountRetention, error)

	// HeldApplications lists the applications q selects, oldest first,
	// with their files' metadata and their delivery.
	HeldApplications(ctx context.Context, q HeldQuery) ([]HeldApplication, error)
	// UnkeyedApplications lists applications without a candidate key
	// (of one account, or all for ""), by id after afterID.
	UnkeyedApplications(ctx context.Context, accountID, afterID string, limit int) ([]UnkeyedApplication, error)
	// SetCandidateKey gives an application stored without one its
	// candidate key.
	SetCandidateKey(ctx context.Context, applicationID, candidateKey string) error
	// ExpiringApplications lists an account's applications created
	// before before, oldest first.
	ExpiringApplications(ctx context.Context, accountID string, before time.Time, limit int) ([]ExpiringApplication, error)
	// EraseApplications deletes applications with everything about them
	// (content, files, their apply delivery) in one transaction, first
	// adding them to the application counts. It returns how many it
	// deleted (ids no longer there are skipped).
	EraseApplications(ctx context.Context, ids []string) (int, error)
	// DeleteDeliveredFiles deletes the files of up to limit applications
	// of the account delivered before deliveredBefore and marks them
	// (FilesDeletedAt); it returns how many applications it changed.
	DeleteDeliveredFiles(ctx context.Context, accountID string, deliveredBefore time.Time, limit int) (int, error)
	// ApplicationCounts lists an account's application counts by ad and
	// day.
	ApplicationCounts(ctx context.Context, accountID string) ([]ApplicationCount, error)

	// SaveErasureReceipt stores a receipt and audits the erasure.
	SaveErasureReceipt(ctx context.Context, r ErasureReceipt) error
	// GetErasureReceipt returns a receipt or ErrNotFound.
	GetErasureReceipt(ctx context.Context, id string) (ErasureReceipt, error)

	// Compact makes deleted data unreadable from the database's files as
	// far as the database can: SQLite checkpoints its WAL and truncates
	// it (secure_delete has already overwritten the freed pages);
	// Postgres vacuums the tables that held candidates' data.
	Compact(ctx context.Context) error
}
