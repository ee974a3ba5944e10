// Package lever polls a Lever customer's published postings and maps them
// to the canonical ad. The wire format is Lever's Postings API
// (https://github.com/lever/postings-api, README "Get a list of job
// postings"; research/ats-vendors.md §2.1): GET
// {base_url}/v0/postings/{site}?mode=json&skip=N&limit=M lists the site's
// published postings, without authentication, as a JSON array; EU
// customers are served from https://api.eu.lever.co instead of
// https://api.lever.co (setting base_url). Unpublished, closed and deleted
// postings are simply absent, so the hub's diff withdraws them.
//
// What Lever does not document, and how jobgate handles it:
//   - [U] Conditional requests: the README names no ETag or
//     Last-Modified, so every poll fetches the whole list and Snapshot
//     returns no Validators.
//   - [U] A company object: the employer's name is the employer_name
//     setting, by default the site name.
//   - [U] Deadline and language: Lever has neither; the language setting
//     may set the ad's language.
//   - [I] salaryRange.interval values: the README gives none; jobgate reads
//     the values Lever's hosted pages and third-party clients show
//     (per-year-salary, per-month-salary, per-week-salary, per-day-wage,
//     per-hour-wage) and omits the period for any other.
//   - [I] Pagination is by offset (skip), so a posting published or closed
//     between two page requests shifts the pages: a shifted posting is
//     either seen twice (the snapshot fails, as it must on duplicate ids)
//     or not at all for this one poll.
//
// Direct apply (README "Apply to a job posting"; research/ats-vendors.md
// §2.2) POSTs each application as multipart/form-data to
// {base_url}/v0/postings/{site}/{posting id}?key={api_key}, with the
// customer's Postings API key (secret api_key): name (first and last
// name), email, phone, comments (the cover letter), resume (the CV, as a
// file part with its name and content type), source (the board's name),
// silent, and consent[store] and consent[marketing] from the candidate's
// privacy_policy and future_jobs consents. Lever answers 200
// {"ok":true,"applicationId":...}, and errors with their status and
// {"ok":false,"error":...}. At most 2 applications a second go to one
// Lever account (README "POST Application Rate Limit"): RateKey is the
// base URL's host and the site, and a 429 is backpressure for its
// Retry-After. The key is in the URL, so it is kept out of every error.
//
// What jobgate decided where Lever says nothing:
//   - [C] The Postings API exposes no custom questions, yet "Lever account
//     administrators can customize their job applications and choose to
//     make other fields required" (README "Apply to a job posting"): the
//     form is the standard one (names and e-mail required, phone, cover
//     letter and CV optional) with the two consents, plus, when the
//     integration holds a Lever API key (secret data_api_key), the
//     posting's own questions read from the Lever API (form.go,
//     questions.go), answered as the hosted form names them (answers.go).
//     A 400 or 422 to an application is a field the account requires:
//     connectors.NewNeedsAttention, so the hub keeps the application to be
//     mended and replayed.
//   - [C] resume is the only file field Lever documents: a cover letter
//     file and other attachments are not sent (a cover letter text is, as
//     comments).
//   - [I] Idempotency: Lever takes no idempotency key. A retry after a
//     timeout (Lever took the application but its answer was lost) can
//     create a second application on the same opportunity; Lever merges
//     candidates by e-mail, so it is the same candidate twice, not two
//     candidates.
//   - [I] silent: false by default, so Lever sends the candidate its
//     confirmation e-mail; the setting silent=true suppresses it (when
//     the board confirms the application itself).
//   - [I] A 404 to an apply means the posting is no longer published and
//     is reported as a closed job: Lever documents no status for a closed
//     posting.
package lever

import (
	"log/slog"
	"strings"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound"
)

// Name is the vendor name used in `--vendor lever`.
const Name = "lever"

// Connector is the Lever source.
type Connector struct {
	// out makes every call (nil: outbound.Default).
	out *outbound.Client
	// maxBytes bounds a page, for tests; zero means feedhttp's default.
	maxBytes int64
	// questions keeps each posting's last application questions read.
	questions questionsCache
	// log says when the form falls back (nil: slog.Default()).
	log *slog.Logger
}

// secretDataAPIKey is the integration's Lever API key (Lever's v1 API,
// https://hire.lever.co/developer/documentation#authentication), which
// reads a posting's application questions; optional.
const secretDataAPIKey = "data_api_key"

// WithLogger sets the logger the connector says a form's fallback with.
func (c *Connector) WithLogger(l *slog.Logger) *Connector {
	c.log = l
	return c
}

// New returns the Lever connector calling through out (nil:
// outbound.Default, which allows no private address).
func New(out *outbound.Client) *Connector { return &Connector{out: out} }

// Name returns "lever".
func (*Connector) Name() string { return Name }

// Capabilities: polled; direct apply with the customer's Postings API key
// (api_key), at most 2 applications a second per Lever account (RateKey)
// as Lever's README documents.
func (*Connector) Capabilities() connectors.Capabilities {
	// Offset paging (skip/limit) can skip a posting when one before it
	// closes between two page requests: confirm a missing posting once.
	return connectors.Capabilities{Poll: true, DirectApply: true, SecretSettings: []string{"api_key", secretDataAPIKey}, URLSettings: []string{"base_url"}, RateLimit: 2, ConfirmMissing: true}
}

// CanApply reports whether the integration holds a Postings API key.
func (*Connector) CanApply(in connectors.Integration) bool {
	return strings.TrimSpace(in.Secrets["api_key"]) != ""
}

var (
	_ connectors.Poller          = (*Connector)(nil)
	_ connectors.SettingsChecker = (*Connector)(nil)
	_ connectors.DirectApplier   = (*Connector)(nil)
)
