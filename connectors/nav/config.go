package nav

import (
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/jobgate/jobgate/internal/outbound"
)

// Base URLs of NAV's import API; the context path /stillingsimport is part
// of every path (research §1.1, naiserator-prod.json / naiserator-dev.json).
const (
	ProdBaseURL = "https://arbeidsplassen-api.nav.no/stillingsimport"
	DevBaseURL  = "https://arbeidsplassen-api.ekstern.dev.nav.no/stillingsimport"
)

// DefaultAdURLPrefix is where arbeidsplassen shows an ad, followed by NAV's
// uuid for it: the ad_preview_url of naiserator-prod.json (research §1.10).
const DefaultAdURLPrefix = "https://arbeidsplassen.nav.no/stillinger/stilling/"

// DefaultTimeout bounds one request to NAV (outbound.Channel).
var DefaultTimeout = outbound.Channel.Timeout

// Config configures the NAV channel. The hub fills it from
// JOBGATE_NAV_URL, JOBGATE_NAV_PROVIDER_ID and JOBGATE_NAV_TOKEN.
type Config struct {
	// BaseURL is the import API's root including /stillingsimport
	// (ProdBaseURL or DevBaseURL). Required: there is no default, so a
	// test setup never publishes to production by accident.
	BaseURL string
	// ProviderID is the numeric provider id NAV issued (research §1.1).
	// Required.
	ProviderID string
	// Token is NAV's secret bearer token for ProviderID in this
	// environment (research §1.2). Required; never logged or returned.
	Token string
	// HardDelete makes Withdraw delete the ad (?delete=true), which burns
	// its reference for ever (research §1.11): publishing it again then
	// uses a new reference, a new ad at NAV. False, the default, stops the
	// ad, which can be published again under its reference.
	HardDelete bool
	// AdURLPrefix is prepended to NAV's uuid for an ad's public URL when
	// NAV's status gives no url. Empty means DefaultAdURLPrefix, which is
	// production's; the dev environment's is not documented [U].
	AdURLPrefix string
	// Outbound makes the requests; nil means outbound.Default, which
	// allows no private address.
	Outbound *outbound.Client
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// FilingGrace is how long after an upload of an ad a 404 from NAV on
	// it means "not filed yet" rather than "NAV does not have it" (NAV
	// files uploads every 30 s or so, research §1.9). JOBGATE_NAV_FILING_GRACE;
	// zero means DefaultFilingGrace.
	FilingGrace time.Duration
	// UnknownAfter is how many status checks in a row must answer
	// UNKNOWN before the publication is shown as unknown, with NAV's
	// message. Zero means DefaultUnknownAfter.
	UnknownAfter int
	// Mapping holds the mapping choices NAV leaves open.
	Mapping
}

// DefaultFilingGrace is FilingGrace's default: NAV's filing job runs every
// 30 s (research §1.9, SchedulerApplicationContext.kt), so ten minutes
// covers a backlog of twenty runs.
const DefaultFilingGrace = 10 * time.Minute

// DefaultUnknownAfter is UnknownAfter's default: six checks, six hours at
// the hub's default status interval (NAV advises an hour or more between
// checks, research §1.10), so an UNKNOWN NAV answers while its ad master
// is still working on the ad passes without being shown.
const DefaultUnknownAfter = 6

// String describes the configuration without the token.
func (c Config) String() string {
	return "nav.Config{BaseURL: " + c.BaseURL + ", ProviderID: " + c.ProviderID + ", Token: [redacted]}"
}

// GoString is String, so %#v does not print the token either.
func (c Config) GoString() string { return c.String() }

// check refuses a configuration that cannot work, naming the setting.
func (c Config) check() error {
	u, err := url.Parse(c.BaseURL)
	if c.BaseURL == "" || err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return errors.New("nav: BaseURL (JOBGATE_NAV_URL) must be an absolute http(s) URL")
	}
	if c.ProviderID == "" || strings.Trim(c.ProviderID, "0123456789") != "" {
		return errors.New("nav: ProviderID (JOBGATE_NAV_PROVIDER_ID) must be NAV's numeric provider id")
	}
	if strings.TrimSpace(c.Token) == "" {
		return errors.New("nav: Token (JOBGATE_NAV_TOKEN) is required")
	}
	return nil
}
