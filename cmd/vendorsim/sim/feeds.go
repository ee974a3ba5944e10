package sim

import (
	"cmp"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
)

// Feeds plays the polled vendors' feed hosts over real HTTP, in the wire
// formats of research/ats-vendors.md: Lever's Postings API (§2.1),
// Jobylon's partner feed (§3.1), ReachMee's RSS export (§4) and
// Workbuster's JSON feed (workbuster_feed.go), on one
// handler (their paths do not collide), with faults on demand (FeedFault)
// and a control API under /_sim/ (feedcontrol.go). Routes:
//
//	GET /v0/postings/{site}?mode=json&skip=N&limit=M    Lever list (filters location, commitment, team, department)
//	GET /v0/postings/{site}/{id}                        Lever posting
//	GET /eu/v0/postings/{site}[/{id}]                   the same on Lever's EU instance
//	GET /feeds/{hash}/[?format=json]                    Jobylon list, XML by default
//	GET /feeds/{hash}/{job_id}[?format=json]            Jobylon job
//	GET /Public/rssfeed/external.ashx?id=&InstallationID=&CustomerName=&lang=   ReachMee RSS
//	GET /jobs/feed/{customer}?format=json               Workbuster list (workbuster_feed.go)
//
// An unknown feed is 404. Jobylon and ReachMee answers carry a strong ETag
// (a hash of the body) and Last-Modified, and 304 to a matching
// If-None-Match (or, without one, to an If-Modified-Since not older than
// Last-Modified). That is [I]/[U]: neither vendor documents conditional
// requests; it is there so jobgate's conditional path is exercised. Lever
// documents none, so sends none. A Feeds is safe for concurrent use.
type Feeds struct {
	mux       *http.ServeMux
	done      chan struct{}
	closeOnce sync.Once
	requests  atomic.Int64

	mu    sync.Mutex
	feeds map[Vendor]map[string]*Feed
}

// NewFeeds returns a Feeds with no feeds.
func NewFeeds() *Feeds {
	fs := &Feeds{mux: http.NewServeMux(), done: make(chan struct{}), feeds: map[Vendor]map[string]*Feed{}}
	for _, prefix := range []string{"", "/eu"} {
		v := VendorLever
		if prefix != "" {
			v = VendorLeverEU
		}
		fs.mux.HandleFunc("GET "+prefix+"/v0/postings/{site}", fs.route(v, "site", ""))
		fs.mux.HandleFunc("GET "+prefix+"/v0/postings/{site}/{id}", fs.route(v, "site", "id"))
	}
	fs.mux.HandleFunc("GET /feeds/{hash}/{$}", fs.route(VendorJobylon, "hash", ""))
	fs.mux.HandleFunc("GET /feeds/{hash}/{id}", fs.route(VendorJobylon, "hash", "id"))
	fs.mux.HandleFunc("GET /Public/rssfeed/external.ashx", fs.reachMee)
	fs.mux.HandleFunc("GET /jobs/feed/{customer}", fs.workbuster)
	fs.mountControl()
	return fs
}

// ServeHTTP serves the feeds and the control API.
func (fs *Feeds) ServeHTTP(w http.ResponseWriter, r *http.Request) { fs.mux.ServeHTTP(w, r) }

// Close releases every request a FaultTimeout or FaultSlow is holding, so
// a server's Close does not wait for them. Call it before closing the
// server; the Feeds still serve afterwards, but never stall again.
func (fs *Feeds) Close() { fs.closeOnce.Do(func() { close(fs.done) }) }

// Requests counts the requests answered for all feeds.
func (fs *Feeds) Requests() int { return int(fs.requests.Load()) }

// Lever returns the site on Lever's global instance, creating it.
func (fs *Feeds) Lever(site string) *Feed { return fs.must(VendorLever, site) }

// LeverEU returns the site on Lever's EU instance, creating it.
func (fs *Feeds) LeverEU(site string) *Feed { return fs.must(VendorLeverEU, site) }

// Jobylon returns the feed with this hash, creating it.
func (fs *Feeds) Jobylon(hash string) *Feed { return fs.must(VendorJobylon, hash) }

// ReachMee returns the RSS export of this installation's site, creating
// it. Its key is "{siteID}:{installationID}:{customer}".
func (fs *Feeds) ReachMee(siteID, installationID, customer string) *Feed {
	return fs.must(VendorReachMee, ReachMeeKey(siteID, installationID, customer))
}

// Workbuster returns the customer's job feed, creating it.
func (fs *Feeds) Workbuster(customer string) *Feed { return fs.must(VendorWorkbuster, customer) }

// ReachMeeKey is a ReachMee feed's key.
func ReachMeeKey(siteID, installationID, customer string) string {
	return siteID + ":" + installationID + ":" + customer
}

// Feed returns the vendor's feed with this key, creating it; an error for
// an unknown vendor or a malformed key.
func (fs *Feeds) Feed(v Vendor, key string) (*Feed, error) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if f := fs.feeds[v][key]; f != nil {
		return f, nil
	}
	w, err := newWire(v, key)
	if err != nil {
		return nil, err
	}
	if fs.feeds[v] == nil {
		fs.feeds[v] = map[string]*Feed{}
	}
	f := newFeed(w, fs.done, &fs.requests)
	fs.feeds[v][key] = f
	return f, nil
}

// Lookup returns the vendor's feed with this key, or nil.
func (fs *Feeds) Lookup(v Vendor, key string) *Feed {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.feeds[v][key]
}

// Delete removes the feed, which then answers 404, as a deleted Lever
// site or a revoked Jobylon hash does; false if there was none.
func (fs *Feeds) Delete(v Vendor, key string) bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	_, ok := fs.feeds[v][key]
	delete(fs.feeds[v], key)
	return ok
}

// List returns every feed, by vendor and key.
func (fs *Feeds) List() []*Feed {
	fs.mu.Lock()
	var out []*Feed
	for _, m := range fs.feeds {
		for _, f := range m {
			out = append(out, f)
		}
	}
	fs.mu.Unlock()
	slices.SortFunc(out, func(a, b *Feed) int {
		return cmp.Or(cmp.Compare(a.Vendor(), b.Vendor()), cmp.Compare(a.Key(), b.Key()))
	})
	return out
}

func (fs *Feeds) must(v Vendor, key string) *Feed {
	f, err := fs.Feed(v, key)
	if err != nil {
		panic("sim: " + err.Error())
	}
	return f
}

// route serves a vendor's path-keyed feed; idParam names the posting id's
// path value, "" for the listing.
func (fs *Feeds) route(v Vendor, keyParam, idParam string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f := fs.Lookup(v, r.PathValue(keyParam))
		if f == nil {
			notFound(w, v)
			return
		}
		id := ""
		if idParam != "" {
			id = r.PathValue(idParam)
		}
		f.serve(w, r, id)
	}
}

// reachMee serves the RSS export, keyed by its query. ReachMee runs on
// ASP.NET, whose query names are case-insensitive [I], so these are too.
func (fs *Feeds) reachMee(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	key := ReachMeeKey(queryFold(q, "id"), queryFold(q, "InstallationID"), queryFold(q, "CustomerName"))
	if f := fs.Lookup(VendorReachMee, key); f != nil {
		f.serve(w, r, "")
		return
	}
	notFound(w, VendorReachMee)
}
