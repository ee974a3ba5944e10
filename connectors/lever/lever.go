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
// Direct apply (POST /v0/postings/{site}/{id}?key=..., README "Apply to a
// job posting") needs the customer's Postings API key (secret api_key) and
// is limited to 2 applications a second (README "POST Application Rate
// Limit"); its delivery is a later issue, the capability is declared now.
package lever

import (
	"net/http"
	"strings"

	"github.com/jobgate/jobgate/connectors"
)

// Name is the vendor name used in `--vendor lever`.
const Name = "lever"

// Connector is the Lever source.
type Connector struct {
	// client and maxBytes are feedhttp's, for tests; zero means feedhttp's
	// shared client and default limit.
	client   *http.Client
	maxBytes int64
}

// New returns the Lever connector.
func New() *Connector { return &Connector{} }

// Name returns "lever".
func (*Connector) Name() string { return Name }

// Capabilities: polled; direct apply with the customer's Postings API key
// (api_key), at most 2 applications a second as Lever's README documents.
func (*Connector) Capabilities() connectors.Capabilities {
	// Offset paging (skip/limit) can skip a posting when one before it
	// closes between two page requests: confirm a missing posting once.
	return connectors.Capabilities{Poll: true, DirectApply: true, SecretSettings: []string{"api_key"}, RateLimit: 2, ConfirmMissing: true}
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
