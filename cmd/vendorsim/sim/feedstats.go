package sim

// FeedStats is a snapshot of a feed's state and of what it was asked, as
// GET /_sim/{vendor}/{feed} answers it.
type FeedStats struct {
	// Vendor and Feed name the feed.
	Vendor Vendor `json:"vendor"`
	Feed   string `json:"feed"`
	// URL is the feed's list URL, when the control API knows its host.
	URL string `json:"url,omitempty"`
	// Postings is how many postings it holds.
	Postings int `json:"postings"`
	// Requests counts every answered request for the feed (list, single
	// posting, faulty, 304 or 404 alike); NotModified the 304s among them.
	Requests    int `json:"requests"`
	NotModified int `json:"not_modified"`
	// LastIfNoneMatch is the If-None-Match of the latest request ("" if it
	// sent none).
	LastIfNoneMatch string `json:"last_if_none_match"`
	// Fault is the fault set, and FaultRemaining how many requests it has
	// left (-1: until cleared).
	Fault          FeedFault `json:"fault,omitempty"`
	FaultRemaining int       `json:"fault_remaining,omitempty"`
}

// Stats returns the feed's state and counters.
func (f *Feed) Stats() FeedStats {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := FeedStats{Vendor: f.Vendor(), Feed: f.Key(), Postings: len(f.ids), Requests: f.requests,
		NotModified: f.notModified, LastIfNoneMatch: f.lastINM, Fault: f.fault.kind, FaultRemaining: f.fault.remaining()}
	return s
}

// Requests counts the requests the feed answered (see FeedStats).
func (f *Feed) Requests() int { return f.Stats().Requests }

// NotModified counts the feed's 304 answers.
func (f *Feed) NotModified() int { return f.Stats().NotModified }

// LastIfNoneMatch is the If-None-Match header of the latest request.
func (f *Feed) LastIfNoneMatch() string { return f.Stats().LastIfNoneMatch }

// ResetStats zeroes the counters (not the postings or the fault).
func (f *Feed) ResetStats() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests, f.notModified, f.lastINM = 0, 0, ""
}
