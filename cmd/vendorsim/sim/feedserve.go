package sim

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// wire is one vendor's rendering of a feed: lever_feed.go, jobylon_feed.go,
// reachmee_feed.go.
type wire interface {
	vendor() Vendor
	key() string
	url(base string) string
	genID(i int) string
	// format is the body kind a request asks for: "json", "xml" or "rss".
	format(q url.Values) string
	// hasXML is true when the vendor serves XML at all.
	hasXML() bool
	// listKey names the listing a query asks for, for the cache.
	listKey(q url.Values) string
	list(ps []Posting, q url.Values) []byte
	// one renders a single posting (nil when the vendor has no such route).
	one(p Posting, q url.Values) []byte
	// empty is a valid listing with no postings.
	empty(q url.Values) []byte
	// conditional is true when the feed sends ETag and Last-Modified.
	conditional() bool
}

// rendition is a rendered body and its validators.
type rendition struct {
	body     []byte
	ctype    string
	etag     string // "" when the vendor sends none
	modified time.Time
}

// maxCached bounds a feed's cache: Lever's pages are cached per skip and
// limit, and a client could ask for any number of those.
const maxCached = 64

// contentTypes is the Content-Type of each format.
var contentTypes = map[string]string{
	"json": "application/json; charset=utf-8",
	"xml":  "application/xml; charset=utf-8",
	"rss":  "application/rss+xml; charset=utf-8",
}

// serve answers one request for the feed: its listing when id is "", else
// the posting with that id.
func (f *Feed) serve(w http.ResponseWriter, r *http.Request, id string) {
	fault, delay := f.begin(r)
	switch fault {
	case FaultNone:
	case FaultSlow:
		if !f.wait(r.Context(), delay) {
			return
		}
	default:
		f.serveFault(w, r, fault, id)
		return
	}
	rend, ok := f.render(r.URL.Query(), id)
	if !ok {
		notFound(w, f.Vendor())
		return
	}
	if rend.etag != "" && notModified(r, rend) {
		f.mu.Lock()
		f.notModified++
		f.mu.Unlock()
		setValidators(w.Header(), rend)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	writeRendition(w, rend, rend.ctype)
}

// begin counts the request and takes its fault.
func (f *Feed) begin(r *http.Request) (FeedFault, time.Duration) {
	f.total.Add(1)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests++
	f.lastINM = strings.Join(r.Header.Values("If-None-Match"), ", ")
	return f.fault.take(), f.slow
}

// wait sleeps d, or less if the client gives up (false) or the Feeds close.
func (f *Feed) wait(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-f.done:
	case <-t.C:
	}
	return true
}

// render returns the current body for the query, from the cache when this
// version was rendered before; false when the posting is not there.
func (f *Feed) render(q url.Values, id string) (rendition, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	format := f.w.format(q)
	if id != "" {
		p, ok := f.postings[id]
		if !ok {
			return rendition{}, false
		}
		return f.finishLocked(f.w.one(p, q), format), true
	}
	key := f.w.listKey(q)
	if rend, ok := f.cache[key]; ok {
		return rend, true
	}
	rend := f.finishLocked(f.w.list(f.snapshotLocked(), q), format)
	if f.cache == nil || len(f.cache) >= maxCached {
		f.cache = make(map[string]rendition)
	}
	f.cache[key] = rend
	return rend, true
}

// finishLocked adds the content type and, for the vendors that get them,
// validators: a strong ETag hashing the body, and the version's time.
func (f *Feed) finishLocked(body []byte, format string) rendition {
	rend := rendition{body: body, ctype: contentTypes[format]}
	if f.w.conditional() {
		sum := sha256.Sum256(body)
		rend.etag, rend.modified = `"`+hex.EncodeToString(sum[:16])+`"`, f.modified
	}
	return rend
}

// notModified applies RFC 9110 §13.1: If-None-Match when sent (weak
// comparison, as §13.1.2 asks), else If-Modified-Since.
func notModified(r *http.Request, rend rendition) bool {
	if inm := r.Header.Values("If-None-Match"); len(inm) > 0 {
		for _, tag := range strings.Split(strings.Join(inm, ","), ",") {
			tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
			if tag == "*" || tag == rend.etag {
				return true
			}
		}
		return false
	}
	t, err := http.ParseTime(r.Header.Get("If-Modified-Since"))
	return err == nil && !rend.modified.After(t)
}

func setValidators(h http.Header, rend rendition) {
	if rend.etag != "" {
		h.Set("ETag", rend.etag)
		h.Set("Last-Modified", rend.modified.Format(http.TimeFormat))
	}
}

// writeRendition sends the body whole, as ctype.
func writeRendition(w http.ResponseWriter, rend rendition, ctype string) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(rend.body)))
	setValidators(h, rend)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(rend.body)
}
