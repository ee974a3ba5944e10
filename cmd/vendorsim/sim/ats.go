package sim

import (
	"net/http"
	"strconv"
	"sync"
	"time"
)

// ATS plays the receiving side of direct apply: the intake APIs of the
// ATSs jobgate delivers applications to, as research/ats-vendors.md
// describes them (Teamtailor's /inquiry and /apply §1.5, Lever's Postings
// API apply §2.2, Jobylon's Push API §3.2), and jobgate's own signed apply
// webhook (DESIGN, "The signed apply webhook"), on one handler. Every
// accepted application is recorded as it arrived (its fields and the
// exact bytes of every file), so tests compare what the ATS holds with
// what the candidate sent. Faults (the ChannelFault kinds, outages) come
// from the same gate as the channels'; CloseJob makes a job refuse
// applications as closed, and HangAfterAccept makes the ATS record an
// application and then never answer, as when jobgate's worker dies after
// the ATS took it. An ATS is safe for concurrent use.
type ATS struct {
	*gate
	mux *http.ServeMux

	mu       sync.Mutex
	received []Received
	// byKey maps vendor + idempotency key to the index of the application
	// it created: a vendor that takes a key answers a repeat with the
	// first application instead of creating another.
	byKey  map[string]int
	closed map[string]bool
	hang   int
	nextID int
	keys   map[string]string
	// light drops bodies and file bytes from what is recorded (SetLight).
	light bool
}

// Received is one application an ATS simulator accepted.
type Received struct {
	// Vendor is the intake that took it: "teamtailor", "lever", "jobylon"
	// or "webhook".
	Vendor string
	// Account is the ATS account it went to (Teamtailor's JobBoardId,
	// Lever's site, Jobylon's app id, the webhook's name).
	Account string
	// Job is the vendor's job reference it was for.
	Job string
	// ID is the id the ATS gave it.
	ID string
	// IdempotencyKey is the key it came with (referer-id, Idempotency-Key),
	// empty when the vendor takes none.
	IdempotencyKey string
	// Body is the raw request body of a JSON intake; Fields the values of a
	// multipart or JSON one, flattened to strings.
	Body   []byte
	Fields map[string][]string
	Files  []ReceivedFile
	// Deliveries counts the requests that brought this application: more
	// than one when jobgate sent it again with the same idempotency key.
	Deliveries int
	At         time.Time
	// Erased is true once jobgate's erasure call deleted it: what it
	// carried (Body, Fields, Files) is gone, its ids stay.
	Erased bool
}

// ReceivedFile is a file an application carried, byte for byte.
type ReceivedFile struct {
	// Field is the multipart field, or the JSON path, it came in.
	Field       string
	FileName    string
	ContentType string
	Data        []byte
}

// NewATS returns an ATS simulator with no faults and every job open.
func NewATS() *ATS {
	a := &ATS{gate: newGate(""), mux: http.NewServeMux(), byKey: map[string]int{}, closed: map[string]bool{}, keys: map[string]string{}}
	a.mountWebhook()
	a.mountLever()
	a.mountJobylon()
	a.mountTeamtailor()
	return a
}

// ServeHTTP serves the intake APIs.
func (a *ATS) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.mux.ServeHTTP(w, r) }

// SetKey sets the secret the named account signs or authenticates with:
// the webhook's HMAC key (the integration's API key) under the webhook's
// name, Teamtailor's Integrations Hub key under "teamtailor", Jobylon's
// app key under its app id, Lever's Postings API key under its site.
func (a *ATS) SetKey(account, key string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.keys[account] = key
}

func (a *ATS) key(account string) (string, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	k, ok := a.keys[account]
	return k, ok
}

// CloseJob makes the vendor's job refuse applications as closed (each
// intake answers as its vendor does for a closed job), or open again.
func (a *ATS) CloseJob(vendor, job string, closed bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.closed[vendor+"/"+job] = closed
}

func (a *ATS) isClosed(vendor, job string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.closed[vendor+"/"+job]
}

// HangAfterAccept makes the next n accepted applications hang once they
// are recorded: the request is never answered (until the client gives up
// or the ATS closes), as if the sender died just after the ATS took it.
func (a *ATS) HangAfterAccept(n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.hang = n
}

// Faulted counts the requests a fault or the outage answered (or held,
// for ChannelFaultTimeout) instead of the intake: the calls that failed
// at this ATS.
func (a *ATS) Faulted() int { return a.state().Faulted }

// Received returns what the vendor's intake accepted, oldest first ("" for
// every vendor).
func (a *ATS) Received(vendor string) []Received {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []Received
	for _, r := range a.received {
		if vendor == "" || r.Vendor == vendor {
			out = append(out, r)
		}
	}
	return out
}

// SetLight makes the ATS keep only what identifies each application (its
// vendor, account, job, ids and file names), not the bodies and file
// bytes: for load runs, where thousands of CVs would fill memory.
func (a *ATS) SetLight(light bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.light = light
}

// record stores an accepted application, or, when its idempotency key was
// seen, counts the repeat and returns the first one. hang says whether
// the handler must now hang instead of answering.
func (a *ATS) record(r Received) (stored Received, repeat, hang bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if r.IdempotencyKey != "" {
		if i, ok := a.byKey[r.Vendor+"/"+r.IdempotencyKey]; ok {
			a.received[i].Deliveries++
			return a.received[i], true, false
		}
	}
	a.nextID++
	r.ID, r.At, r.Deliveries = r.Vendor+"-"+strconv.Itoa(a.nextID), time.Now(), 1
	if a.light {
		r.Body, r.Fields = nil, nil
		for i := range r.Files {
			r.Files[i].Data = r.Files[i].Data[:0:0]
		}
	}
	a.received = append(a.received, r)
	if r.IdempotencyKey != "" {
		a.byKey[r.Vendor+"/"+r.IdempotencyKey] = len(a.received) - 1
	}
	if a.hang > 0 {
		a.hang--
		hang = true
	}
	return r, false, hang
}

// accept records rec and answers status with answer(the stored
// application) as JSON; when the ATS is to hang after accepting, it holds
// the request unanswered instead, as stall does for a timeout fault.
func (a *ATS) accept(w http.ResponseWriter, r *http.Request, rec Received, status int, answer func(Received) any) {
	stored, _, hang := a.record(rec)
	if hang {
		a.stall(r)
		return
	}
	writeJSON(w, status, answer(stored))
}
