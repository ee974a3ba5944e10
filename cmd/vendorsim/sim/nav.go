package sim

import (
	"crypto/subtle"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// NAV plays NAV's stillingsimport API (research/channels-finn-nav.md Part
// 1) over real HTTP, so jobgate's NAV channel is tested against it: the
// Bearer token and the path's providerId are checked (§1.2), ads are
// mapped and validated as NAV does (§1.5-1.7, §1.13), answered with NAV's
// receipts and error bodies (§1.9), deduplicated by md5 (§1.9), stopped or
// deleted (§1.11), filed a delay after they are received (§1.9, FilingDelay)
// and moderated under the test's control (§1.10); with
// faults and outages on demand (ChannelFault, Down) and a control API
// under /_sim/nav (nav_control.go). Routes, each also under NAV's context
// path /stillingsimport (§1.1):
//
//	POST   /api/v1/transfers/batch/{providerId}          JSON array of 1..100 ads → 201 receipt (200 SKIPPED)
//	POST   /api/v1/transfers/{providerId}                ads one after another (application/x-json-stream) → 200, one receipt per ad
//	DELETE /api/v1/transfers/{providerId}/{reference}    stop the ad (?delete=true: delete it) → 200 receipt; 404 until filed
//	GET    /api/v1/adminstatus/{providerId}/{reference}  the ad's moderation status; 404 until filed and moderated
//	GET    /api/v1/stats/{providerId}?from=&page=        the ads' statistics (nav_puls.go)
//	GET    /api/v1/properties/names                      the allowed property keys (no auth)
//	GET    /api/v1/properties/values                     the allowed values of the enumerated ones (no auth)
//
// A NAV is safe for concurrent use.
type NAV struct {
	*gate
	cfg NAVConfig
	mux *http.ServeMux

	mu            sync.Mutex
	ads           map[string]*navRecord
	md5s          map[string]bool // every transfer's md5 (§1.9: UNIQUE(provider_id, md5))
	unfiled       []navTransfer   // received, not yet filed, oldest first (nav_filing.go)
	unknowns      map[string]bool // references moderation answers UNKNOWN for
	version       int64           // the last versionId given
	rejects       map[string]string
	moderateAfter int // status requests an ad answers 404 to before it is decided; < 0: only Moderate decides
	stats         navCounters
	puls          map[string]*navPuls // NAV's ad statistics by reference and type (nav_puls.go)
}

// NAVConfig is what NAV issues a provider (§1.1): its id and its token.
type NAVConfig struct {
	// ProviderID is the provider's numeric id (DefaultNAVProviderID if 0).
	ProviderID int64
	// Token is the Bearer token the provider must send, compared as an
	// opaque string (NAV's is a JWT the gateway never reads, §1.2);
	// DefaultNAVToken if "".
	Token string
	// MaxBatchBytes bounds a batch body; a bigger one is answered 413
	// (default 1,000,000: Javalin's default maximum request size, which
	// probably applies to the batch endpoint, §1.4 [I]).
	MaxBatchBytes int64
	// PreviewURL is where an ad's uuid is appended to make the
	// adminstatus url (default NAV's prod ad_preview_url, §1.10).
	PreviewURL string
	// FilingDelay is how long after an upload (or a stop) NAV files it:
	// until then a new reference has no ad state, and DELETE and
	// adminstatus answer 404. Zero means DefaultNAVFilingDelay, as NAV
	// does; NAVFilesAtOnce files at once.
	FilingDelay time.Duration
}

// Defaults for a zero NAVConfig. NAV's provider ids start at 10000 (§1.1).
const (
	DefaultNAVProviderID = 10000
	DefaultNAVToken      = "vendorsim-nav-token"
)

// maxStreamBytes bounds a stream upload, which NAV reads as a stream (§1.4).
const maxStreamBytes = 64 << 20

// NewNAV returns a NAV with no ads whose moderation runs only when the test
// calls Moderate (see ModerateAfter).
func NewNAV(cfg NAVConfig) *NAV {
	if cfg.ProviderID == 0 {
		cfg.ProviderID = DefaultNAVProviderID
	}
	if cfg.Token == "" {
		cfg.Token = DefaultNAVToken
	}
	if cfg.MaxBatchBytes <= 0 {
		cfg.MaxBatchBytes = 1_000_000
	}
	if cfg.PreviewURL == "" {
		cfg.PreviewURL = "https://arbeidsplassen.nav.no/stillinger/stilling/"
	}
	n := &NAV{gate: newGate(""), cfg: cfg, mux: http.NewServeMux(), ads: map[string]*navRecord{},
		md5s: map[string]bool{}, rejects: map[string]string{}, unknowns: map[string]bool{}, moderateAfter: -1}
	for _, prefix := range []string{"", "/stillingsimport"} {
		api := prefix + "/api/v1/"
		n.mux.HandleFunc("POST "+api+"transfers/batch/{providerId}", n.provider(&n.stats.batch, n.batch))
		n.mux.HandleFunc("POST "+api+"transfers/{providerId}", n.provider(&n.stats.stream, n.stream))
		n.mux.HandleFunc("DELETE "+api+"transfers/{providerId}/{reference}", n.provider(&n.stats.delete, n.stop))
		n.mux.HandleFunc("GET "+api+"adminstatus/{providerId}/{reference}", n.provider(&n.stats.status, n.adminStatus))
		n.mux.HandleFunc("GET "+api+"stats/{providerId}", n.provider(nil, n.pulsStats))
		n.mux.HandleFunc("GET "+api+"properties/names", n.open(func(w http.ResponseWriter, _ *http.Request) {
			writeJSONBody(w, http.StatusOK, navPropertyNames)
		}))
		n.mux.HandleFunc("GET "+api+"properties/values", n.open(func(w http.ResponseWriter, _ *http.Request) {
			writeJSONBody(w, http.StatusOK, NAVPropertyValues())
		}))
	}
	n.mountControl()
	return n
}

// ServeHTTP serves NAV's API and the control API.
func (n *NAV) ServeHTTP(w http.ResponseWriter, r *http.Request) { n.mux.ServeHTTP(w, r) }

// ProviderID is the provider id the NAV accepts.
func (n *NAV) ProviderID() int64 { return n.cfg.ProviderID }

// Token is the Bearer token the NAV accepts.
func (n *NAV) Token() string { return n.cfg.Token }

// URL is NAV's base URL on a server at base, with the context path
// (§1.1): what JOBGATE_NAV_URL is set to.
func (n *NAV) URL(base string) string { return strings.TrimRight(base, "/") + "/stillingsimport" }

// open wraps a route that needs no token: counted, and gated by the
// outage and the faults.
func (n *NAV) open(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n.count(nil)
		if n.admit(w, r) {
			h(w, r)
		}
	}
}

// provider wraps a provider route: counted under endpoint, gated, then the
// access check of §1.2 in its order: the token (401, plain text), then the
// path's providerId against the token's (403, plain text).
func (n *NAV) provider(endpoint *int, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n.count(endpoint)
		if !n.admit(w, r) {
			return
		}
		if !n.authorized(r) {
			n.bump(&n.stats.refused)
			http.Error(w, "Unauthorized", http.StatusUnauthorized)
			return
		}
		if id, err := strconv.ParseInt(r.PathValue("providerId"), 10, 64); err != nil || id != n.cfg.ProviderID {
			n.bump(&n.stats.refused)
			http.Error(w, "Forbidden", http.StatusForbidden)
			return
		}
		h(w, r)
	}
}

// authorized checks the Bearer token; NAV strips the prefix in any case
// (§1.2).
func (n *NAV) authorized(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	if len(h) < 7 || !strings.EqualFold(h[:7], "Bearer ") {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(strings.TrimSpace(h[7:])), []byte(n.cfg.Token)) == 1
}

// count adds one request, and one to the endpoint's counter when it is
// not nil.
func (n *NAV) count(endpoint *int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.stats.requests++
	if endpoint != nil {
		*endpoint++
	}
}

// bump adds one to a counter.
func (n *NAV) bump(counter *int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	*counter++
}
