package sim

import (
	"fmt"
	"time"
)

// FeedFault is a way a simulated feed misbehaves on purpose, so that
// jobgate's poller is tested against every answer a real feed host can give
// and never withdraws ads because of one broken response. A feed with no
// fault set answers correctly.
type FeedFault string

// The faults a feed can produce (Feed.Fault).
const (
	// FaultNone answers correctly.
	FaultNone FeedFault = ""
	// Fault5xx answers 503 with a small body (JSON for Lever, text elsewhere).
	Fault5xx FeedFault = "5xx"
	// FaultTimeout accepts the request and sends nothing until the client
	// gives up (its request context ends), the Feeds are closed, or two
	// minutes pass; then the connection is dropped.
	FaultTimeout FeedFault = "timeout"
	// FaultSlow answers correctly after the feed's slow delay
	// (Feed.SetSlowDelay, DefaultSlowDelay), unless the client gives up first.
	FaultSlow FeedFault = "slow"
	// FaultTruncated sends the correct status and headers, with a
	// Content-Length of the whole body, then half the body, and closes the
	// connection: the client reads an unexpected EOF.
	FaultTruncated FeedFault = "truncated"
	// FaultMalformed answers 200 with the right content type and a
	// syntactically broken body.
	FaultMalformed FeedFault = "malformed"
	// FaultEmpty answers a valid empty list ([], <jobs></jobs>, an RSS
	// channel with no items); a single posting is then 404.
	FaultEmpty FeedFault = "empty"
	// Fault429 answers 429 Too Many Requests with Retry-After: 30.
	Fault429 FeedFault = "429"
	// FaultHTML answers 200 with an HTML error page as text/html, as a
	// proxy or a login wall does.
	FaultHTML FeedFault = "html"
	// FaultWrongContentType answers the correct body as text/plain.
	FaultWrongContentType FeedFault = "wrong-content-type"
	// FaultHuge answers 200 with the right content type and a body of over
	// 10 MiB (HugeBodySize), streamed in chunks with no Content-Length: a
	// valid opening, padding inside one text field, and a valid close.
	FaultHuge FeedFault = "huge"
	// FaultXMLEntities (XML feeds only) answers a "billion laughs" body:
	// nested internal entities in the DTD that expand to gigabytes.
	FaultXMLEntities FeedFault = "xml-entities"
	// FaultXMLExternalEntity (XML feeds only) answers a body whose DTD
	// declares <!ENTITY x SYSTEM "file:///etc/passwd"> and uses &x;.
	FaultXMLExternalEntity FeedFault = "xml-external-entity"
)

// HugeBodySize is the least size of FaultHuge's body.
const HugeBodySize = 10 << 20

// DefaultSlowDelay is FaultSlow's delay until Feed.SetSlowDelay changes it.
const DefaultSlowDelay = 2 * time.Second

// stallLimit is how long FaultTimeout holds a request at most.
const stallLimit = 2 * time.Minute

// FeedFaults lists every fault but FaultNone, for tests and the CLI.
func FeedFaults() []FeedFault {
	return []FeedFault{Fault5xx, FaultTimeout, FaultSlow, FaultTruncated, FaultMalformed, FaultEmpty, Fault429,
		FaultHTML, FaultWrongContentType, FaultHuge, FaultXMLEntities, FaultXMLExternalEntity}
}

// ParseFeedFault reads a fault's name ("empty", "429", ...).
func ParseFeedFault(s string) (FeedFault, error) {
	for _, f := range FeedFaults() {
		if string(f) == s {
			return f, nil
		}
	}
	return FaultNone, fmt.Errorf("unknown feed fault %q (want one of %v)", s, FeedFaults())
}

// xmlOnly is true for the faults only an XML feed can serve.
func (k FeedFault) xmlOnly() bool {
	return k == FaultXMLEntities || k == FaultXMLExternalEntity
}

// Fault makes the feed's next times requests (every request until
// ClearFault when times <= 0) answer with kind; FaultNone clears. It panics
// for a kind the feed cannot serve (an unknown kind, or an XML-only fault
// on a Lever feed, which is JSON only): that is a mistake in the test.
func (f *Feed) Fault(kind FeedFault, times int) {
	if err := f.checkFault(kind); err != nil {
		panic("sim: " + err.Error())
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fault.set(kind, times)
}

// ClearFault makes the feed answer correctly again.
func (f *Feed) ClearFault() { f.Fault(FaultNone, 0) }

// SetSlowDelay sets how long FaultSlow waits before answering.
func (f *Feed) SetSlowDelay(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.slow = d
}

// checkFault says why the feed cannot serve kind, if it cannot.
func (f *Feed) checkFault(kind FeedFault) error {
	if kind == FaultNone {
		return nil
	}
	if _, err := ParseFeedFault(string(kind)); err != nil {
		return err
	}
	if kind.xmlOnly() && !f.w.hasXML() {
		return fmt.Errorf("fault %q is for XML feeds; %s serves JSON only", kind, f.w.vendor())
	}
	return nil
}
