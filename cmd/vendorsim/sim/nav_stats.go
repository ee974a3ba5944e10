package sim

import (
	"slices"
	"time"
)

// navCounters are NAV's counters, kept under its lock.
type navCounters struct {
	requests, batch, stream, delete, status, refused int
	received, skipped, errors, stopped, deleted      int
	batchSizes                                       []int
}

// NAVStats is a snapshot of what NAV holds and was asked, as GET
// /_sim/nav answers it.
type NAVStats struct {
	ProviderID int64 `json:"provider_id"`
	// Requests counts every request to NAV's API (not the control API),
	// and the others those per endpoint: batch and stream uploads,
	// DELETEs, adminstatus requests.
	Requests       int `json:"requests"`
	BatchRequests  int `json:"batch_requests"`
	StreamRequests int `json:"stream_requests"`
	DeleteRequests int `json:"delete_requests"`
	StatusRequests int `json:"status_requests"`
	// Refused counts the 401 and 403 answers of the access check (not
	// those of ChannelFault401).
	Refused int `json:"refused"`
	// BatchSizes is the number of ads in each batch body that parsed, in
	// order (the first 10,000 batches).
	BatchSizes []int `json:"batch_sizes"`
	// Received counts the ads answered RECEIVED (a batch counts all of
	// its ads), Skipped the SKIPPED receipts, Errors the ERROR receipts
	// and the refused batches; Stopped and Deleted the DELETEs that
	// stopped or deleted an ad.
	Received int `json:"received"`
	Skipped  int `json:"skipped"`
	Errors   int `json:"errors"`
	Stopped  int `json:"stopped"`
	Deleted  int `json:"deleted"`
	// Ads counts the references NAV holds, Pending those waiting for
	// moderation, and PublishStatus those moderated, per publishStatus.
	Ads           int            `json:"ads"`
	Pending       int            `json:"pending"`
	PublishStatus map[string]int `json:"publish_status"`
	FaultState
}

// Stats returns NAV's counters and state.
func (n *NAV) Stats() NAVStats {
	fs := n.state()
	n.mu.Lock()
	defer n.mu.Unlock()
	n.fileDueLocked(time.Now())
	c := n.stats
	s := NAVStats{ProviderID: n.cfg.ProviderID, Requests: c.requests, BatchRequests: c.batch, StreamRequests: c.stream,
		DeleteRequests: c.delete, StatusRequests: c.status, Refused: c.refused, BatchSizes: slices.Clone(c.batchSizes),
		Received: c.received, Skipped: c.skipped, Errors: c.errors, Stopped: c.stopped, Deleted: c.deleted,
		Ads: len(n.ads), PublishStatus: map[string]int{}, FaultState: fs}
	if s.BatchSizes == nil {
		s.BatchSizes = []int{}
	}
	for _, rec := range n.ads {
		if rec.pending {
			s.Pending++
		}
		if rec.admin != nil {
			s.PublishStatus[rec.admin.publishStatus]++
		}
	}
	return s
}

// Requests counts the requests to NAV's API.
func (n *NAV) Requests() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.stats.requests
}

// ResetStats zeroes the counters (not the ads, faults or moderation).
func (n *NAV) ResetStats() {
	n.resetFaulted()
	n.mu.Lock()
	defer n.mu.Unlock()
	n.stats = navCounters{}
}
