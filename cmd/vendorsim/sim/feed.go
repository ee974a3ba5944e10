package sim

import (
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Feed is one simulated vendor feed: a Lever site, a Jobylon feed hash or
// a ReachMee installation site. Its postings can be added, changed and
// removed while it is polled; each change makes a new version, whose
// rendered bodies (and ETags) are cached per format until the next change.
// A Feed is safe for concurrent use.
type Feed struct {
	w     wire
	done  <-chan struct{}
	total *atomic.Int64

	mu          sync.Mutex
	ids         []string // in feed order
	postings    map[string]Posting
	modified    time.Time
	cache       map[string]rendition
	fault       faultPlan[FeedFault]
	slow        time.Duration
	cursor      int // where Change goes on
	requests    int
	notModified int
	lastINM     string
}

func newFeed(w wire, done <-chan struct{}, total *atomic.Int64) *Feed {
	return &Feed{w: w, done: done, total: total, postings: map[string]Posting{}, slow: DefaultSlowDelay,
		// A second back, so the first change's Last-Modified is now.
		modified: time.Now().UTC().Truncate(time.Second).Add(-time.Second)}
}

// Vendor is the feed's vendor.
func (f *Feed) Vendor() Vendor { return f.w.vendor() }

// Key is the feed's key: the Lever site, the Jobylon hash, or ReachMee's
// "{siteId}:{InstallationID}:{CustomerName}".
func (f *Feed) Key() string { return f.w.key() }

// URL is the feed's list URL on a Feeds server at base (httptest's
// srv.URL): Lever's with mode=json, Jobylon's XML one, ReachMee's with
// lang=NO.
func (f *Feed) URL(base string) string { return f.w.url(base) }

// Put adds the posting, or replaces the one with its ID. A zero Created
// keeps the replaced posting's, or is now. An unchanged posting makes no
// new version. It panics for an empty ID.
func (f *Feed) Put(p Posting) {
	if p.ID == "" {
		panic("sim: Put of a posting without an ID")
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	old, ok := f.postings[p.ID]
	if p.Created.IsZero() {
		p.Created = old.Created
		if !ok {
			p.Created = time.Now().UTC().Truncate(time.Millisecond)
		}
	}
	// The feed keeps its own lists, so the caller may reuse its slices.
	p.Requirements, p.Benefits = slices.Clone(p.Requirements), slices.Clone(p.Benefits)
	if ok && reflect.DeepEqual(old, p) {
		return
	}
	if !ok {
		f.ids = append(f.ids, p.ID)
	}
	f.postings[p.ID] = p
	f.changedLocked()
}

// Remove takes the posting out of the feed, as an unpublished, closed or
// deleted ad disappears from a vendor's feed; false if it was not there.
func (f *Feed) Remove(id string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.postings[id]; !ok {
		return false
	}
	delete(f.postings, id)
	f.ids = slices.DeleteFunc(f.ids, func(s string) bool { return s == id })
	f.changedLocked()
	return true
}

// Postings returns a copy of the feed's postings, in feed order.
func (f *Feed) Postings() []Posting {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := f.snapshotLocked()
	for i := range out {
		out[i].Requirements, out[i].Benefits = slices.Clone(out[i].Requirements), slices.Clone(out[i].Benefits)
	}
	return out
}

// Posting returns the posting with this id.
func (f *Feed) Posting(id string) (Posting, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, ok := f.postings[id]
	return p, ok
}

// Len is the number of postings.
func (f *Feed) Len() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.ids)
}

// snapshotLocked copies the postings in order; their lists are shared,
// read-only.
func (f *Feed) snapshotLocked() []Posting {
	out := make([]Posting, len(f.ids))
	for i, id := range f.ids {
		out[i] = f.postings[id]
	}
	return out
}

// changedLocked makes a new version: the cached bodies go, and
// Last-Modified moves on by at least a second (HTTP dates have one-second
// resolution), so a client that only sends If-Modified-Since still sees
// every change, at the price of a Last-Modified up to a few seconds ahead
// after a burst of changes.
func (f *Feed) changedLocked() {
	clear(f.cache)
	now := time.Now().UTC().Truncate(time.Second)
	if !now.After(f.modified) {
		now = f.modified.Add(time.Second)
	}
	f.modified = now
}
