package store

import "context"

// AdStats is one ad's counts on one UTC day from one source (a class
// name, or another site's host: internal/stats' Source.Key). As a write
// it is an increment.
type AdStats struct {
	AdID string
	// Day is the UTC date, YYYY-MM-DD.
	Day          string
	Source       string
	Views        int64
	ApplyStarts  int64
	Applications int64
	Delivered    int64
}

// StatsStore keeps the per-ad source counts. They are not personal data:
// no visitor is identifiable from them, so retention and erasure of
// applications leave them; ads are never deleted (they are withdrawn), so
// an ad's counts stay with it.
type StatsStore interface {
	// AddAdStats adds every increment to its (ad, day, source) row,
	// creating rows as needed, in one transaction: all or none.
	AddAdStats(ctx context.Context, incs []AdStats) error
	// ListAdStats lists an ad's rows with days from..to (inclusive,
	// YYYY-MM-DD), by day then source.
	ListAdStats(ctx context.Context, adID, from, to string) ([]AdStats, error)
}
