package store

import "errors"

// ErrInvalidCursor is returned by ListJobs for a cursor it did not hand
// out for the query's sort.
var ErrInvalidCursor = errors.New("store: invalid cursor")

// Sorts of the board listing (JobQuery.Sort).
const (
	// SortNewest lists the newest ads first; it is the default.
	SortNewest = "newest"
	// SortDeadline lists the soonest deadline first and the ads without
	// a deadline last, newest first among equals.
	SortDeadline = "deadline"
)

// JobSorts lists the sorts ListJobs knows.
var JobSorts = []string{SortNewest, SortDeadline}
