package store

import "time"

// Poll outcomes, as PollState.Outcome and the sync view show them.
const (
	// PollOK: the snapshot was applied.
	PollOK = "ok"
	// PollNotModified: the source answered that nothing changed (HTTP 304).
	PollNotModified = "not_modified"
	// PollHeld: the snapshot was applied but for its withdrawals, held back
	// because it dropped more than half the live ads; the next poll
	// confirms or cancels them.
	PollHeld = "held"
	// PollFailed: the poll failed and nothing changed.
	PollFailed = "failed"
)

// PollCounts are what one poll found and did.
type PollCounts struct {
	// Listed is how many postings the snapshot held.
	Listed int
	// Created, Updated and Withdrawn count the ads written.
	Created   int
	Updated   int
	Withdrawn int
	// Unchanged counts postings whose content hash matched the stored ad.
	Unchanged int
	// Invalid counts postings refused by validation or unreadable (left
	// as they were, never withdrawn for it).
	Invalid int
	// Warned counts postings stored without a value that was dropped (a
	// code not in its registry, a number out of range).
	Warned int
	// Held counts withdrawals held back for a confirming poll.
	Held int
}

// PollState is what jobgate knows of one integration's feed polling.
type PollState struct {
	IntegrationID string
	// LastPollAt and LastSuccessAt are zero when never.
	LastPollAt    time.Time
	LastSuccessAt time.Time
	// Outcome is one of the Poll* outcomes; empty before the first poll.
	Outcome string
	// Error is the last failure, without personal data or secrets.
	Error string
	// Failures counts consecutive failed polls, for backoff.
	Failures int
	Counts   PollCounts
	// ETag and LastModified are the validators of the last applied
	// snapshot, for a conditional next request.
	ETag         string
	LastModified string
	// Missing are the references the last snapshot missed whose
	// withdrawal is held until the next snapshot misses them too.
	Missing []string
	// Notes name the postings the last poll skipped or stored with a
	// warning, and why.
	Notes PollNotes
	// NextPollAt is when the integration is due; zero is at once.
	NextPollAt time.Time
	// LeaseUntil is when the running poll's lease ends; zero when none runs.
	LeaseUntil time.Time
}

// AdState is the part of a stored ad a poll diffs against.
type AdState struct {
	Reference string
	Hash      string
	Status    string
}

// DuePoll is an integration due a poll.
type DuePoll struct {
	IntegrationID string
	// NextPollAt is when it fell due; zero when it was never polled.
	NextPollAt time.Time
}

// AdKey names an ad by its upsert key.
type AdKey struct {
	IntegrationID string
	Reference     string
}

// PollNotes are what one poll found wrong with single postings: at most
// MaxPollNotes of each kind, with field names and codes, never values.
type PollNotes struct {
	// Skipped are postings not stored: their ad stays as it was.
	Skipped []PostingNote `json:"skipped,omitempty"`
	// Warnings are postings stored without the values named.
	Warnings []PostingNote `json:"warnings,omitempty"`
}

// PostingNote names one posting by the vendor's reference and says why.
type PostingNote struct {
	Reference string   `json:"reference"`
	Reasons   []string `json:"reasons"`
}

// Bounds of PollNotes: the sync view says what is wrong, not everything.
const (
	MaxPollNotes     = 20
	MaxNoteReasons   = 10
	MaxNoteReference = 200
	MaxNoteReason    = 200
)
