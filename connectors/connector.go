package connectors

import (
	"context"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/ad"
)

// Integration is what a connector is told about one employer's connection to
// a vendor: its ids, its plain settings and its decrypted secrets. Connectors
// must never log or return Secrets.
type Integration struct {
	ID        string
	AccountID string
	Vendor    string
	// Settings are the integration's plain settings (`--set k=v`).
	Settings map[string]string
	// Secrets are the decrypted vendor secrets (the settings a connector
	// lists in Capabilities.SecretSettings).
	Secrets map[string]string
	// APIKey is the integration's current jobgate API key, the whole key
	// string the vendor was given; set only when an application is
	// delivered, for the appliers that sign with it (the apply webhook).
	APIKey string
	// Disabled is true while jobgate takes no ads from the integration
	// (an operator disabled it, or it is suspended): Hub.Upsert and
	// Hub.Withdraw refuse with ErrIntegrationDisabled and change nothing.
	Disabled bool
}

// Setting returns the named setting or secret, or def when it is unset.
func (i Integration) Setting(name, def string) string {
	if v, ok := i.Secrets[name]; ok && v != "" {
		return v
	}
	if v, ok := i.Settings[name]; ok && v != "" {
		return v
	}
	return def
}

// SecretValues returns the integration's secret values (its opened
// secrets and its API key): what must never appear in a record, a log
// line or an answer, whatever a vendor quotes back.
func (i Integration) SecretValues() []string {
	out := make([]string, 0, len(i.Secrets)+1)
	for _, v := range i.Secrets {
		if v != "" {
			out = append(out, v)
		}
	}
	if i.APIKey != "" {
		out = append(out, i.APIKey)
	}
	return out
}

// Capabilities is what a connector declares about itself so the hub can
// decide without knowing the vendor.
type Capabilities struct {
	// Push is true when the vendor pushes ads to jobgate (webhooks or the
	// generic ad API).
	Push bool
	// Poll is true when jobgate polls the vendor's feed.
	Poll bool
	// DirectApply is true when applications can be delivered into the
	// vendor's ATS. False means candidates are redirected to ApplyURL.
	DirectApply bool
	// KeySigning is true when the vendor signs requests with the API key
	// jobgate issued (an HMAC or JWT), so the key's secret must be kept
	// encrypted and not only hashed.
	KeySigning bool
	// SecretSettings names the integration settings that are secrets: they
	// are stored encrypted under the master key and never shown.
	SecretSettings []string
	// URLSettings names the integration settings that are URLs jobgate
	// calls (a feed, an intake API): creating or updating an integration
	// checks each against the outbound address guard (apply_url, the
	// hub's own, always is).
	URLSettings []string
	// RateLimit is the most requests per second the vendor accepts from us.
	// Zero means no limit.
	RateLimit float64
	// ConfirmMissing is true for a polled source whose snapshot can miss a
	// posting that is still published (a list read in pages that shift
	// while they are read): a posting is then withdrawn only when two
	// snapshots in a row miss it.
	ConfirmMissing bool
	// FileTypes are the extensions (pdf, docx, ...) of the documents the
	// vendor's direct apply takes, when it takes fewer types than jobgate
	// allows: the application form then takes only those
	// (apply.TakenFileTypes). Empty means every type jobgate allows.
	FileTypes []string
}

// Connector is implemented by every vendor package.
type Connector interface {
	// Name is the vendor's name as used in `--vendor` and in URLs.
	Name() string
	// Capabilities describes what the connector can do.
	Capabilities() Capabilities
}

// Router is where a Pusher mounts its receivers; it is rooted at
// /connectors/<name>/.
type Router = gin.IRouter

// Pusher is a source that receives ads by webhook.
type Pusher interface {
	Connector
	Mount(r Router)
}

// Poller is a source whose full current list of ads jobgate fetches; the hub
// diffs the snapshot against the store. Snapshot must fail (with a
// classified error) rather than return a partial list: a posting missing
// from a snapshot is withdrawn.
type Poller interface {
	Connector
	// Snapshot fetches every posting the source lists now. since holds the
	// validators of the last snapshot the hub applied; a source that
	// supports conditional requests sends them and may answer NotModified.
	Snapshot(ctx context.Context, in Integration, since Validators) (Snapshot, error)
}

// SettingsChecker is implemented by connectors whose integrations need
// settings (a feed URL, a site name): integration creation calls it, so a
// bad setting is refused then, naming the setting, and not at every poll.
type SettingsChecker interface {
	CheckSettings(settings map[string]string) error
}

// SettingApplyURL is the integration setting that sends its applications
// to jobgate's signed apply webhook at that URL, whatever the vendor.
const SettingApplyURL = "apply_url"

// WebhookApplier is the name of the Applier of the signed apply webhook.
const WebhookApplier = "webhook"

// ApplierOf names the Applier of an integration's applications: the
// signed apply webhook when it sets apply_url, whatever the vendor, else
// its vendor's connector.
func ApplierOf(in Integration) string {
	if in.Settings[SettingApplyURL] != "" {
		return WebhookApplier
	}
	return in.Vendor
}

// DirectApplier is implemented by sources that can deliver applications
// into the vendor's ATS once the integration holds apply credentials (a
// Lever Postings API key, Jobylon's app id and key). Ads of such an
// integration are marked for direct apply.
type DirectApplier interface {
	CanApply(in Integration) bool
}

// Validators are what a source said about a snapshot that lets the next
// request be conditional (RFC 9110 section 13: ETag, Last-Modified).
type Validators struct {
	ETag         string
	LastModified string
}

// Snapshot is a source's full current list of postings.
type Snapshot struct {
	// NotModified is true when the source answered that nothing changed
	// since the validators sent (HTTP 304); Postings is then empty and
	// means nothing.
	NotModified bool
	// Postings are the ads listed, each under the vendor's reference.
	Postings []Posting
	// Validators are to be sent with the next poll; empty when the source
	// gave none.
	Validators Validators
}

// Posting is one ad of a snapshot.
type Posting struct {
	// Reference is the vendor's stable id for the ad (Lever's posting id,
	// Jobylon's job id, ReachMee's CommAdSeqNo).
	Reference string
	Ad        ad.Ad
	// Problem, when set, is why the posting cannot be read as it came: a
	// NUL or bytes that are not UTF-8 in its part of the feed, named by
	// path and never quoted. The hub skips it, with this reason in the
	// sync view, and leaves the ad it was as it is (never withdrawn for
	// it); the rest of the snapshot is applied.
	Problem string
}

// Publication is an ad's state on one channel.
type Publication struct {
	// Channel is the channel's name.
	Channel string
	// State is one of the Publication* states.
	State string
	// Reference is the channel's own id for the ad, if it has one.
	Reference string
	// URL is where the ad can be seen on the channel.
	URL string
	// Reason explains a rejected state.
	Reason string
	// Revision is the ad revision the channel holds.
	Revision int
	// UpdatedAt is when the state last changed.
	UpdatedAt time.Time
	// SentAt is when the channel last received the ad's content (zero:
	// not known). A channel that files uploads asynchronously (NAV) reads
	// it to tell "not filed yet" from "gone".
	SentAt time.Time
	// Checks counts the status checks in a row that found the
	// publication undecided in a way that must end (NAV's UNKNOWN): the
	// hub stores what CheckStatus returns and passes it back.
	Checks int
}

// Publication states.
const (
	PublicationPending   = "pending"
	PublicationLive      = "live"
	PublicationRejected  = "rejected"
	PublicationWithdrawn = "withdrawn"
	// PublicationUnknown is a channel that keeps answering a state it
	// cannot name (NAV's UNKNOWN): shown with the channel's message in
	// Reason, and still asked about.
	PublicationUnknown = "unknown"
)

// PublishedAd is what a channel is asked to publish: the canonical ad with
// the ids and addresses the hub gives it.
type PublishedAd struct {
	ID            string
	AccountID     string
	IntegrationID string
	Reference     string
	Revision      int
	Ad            ad.Ad
	// ApplyMode is "direct" or "redirect".
	ApplyMode string
	// JobURL is the ad's page on the board.
	JobURL string
	// ApplyURL is where a candidate applies: JobURL for direct apply, the
	// vendor's apply page for redirect.
	ApplyURL string
	// Settings are the integration's plain settings (a channel's
	// per-employer choices, such as FINN's finn_provider).
	Settings map[string]string
	// CreatedAt is when the ad first came to jobgate.
	CreatedAt time.Time
}

// BatchPublisher is a Channel that takes many ads in one request (NAV's
// batch upload): the hub coalesces the publishes queued for it within a
// short window, up to MaxBatch, into one PublishBatch call.
type BatchPublisher interface {
	Channel
	// MaxBatch is the most ads one PublishBatch takes.
	MaxBatch() int
	// PublishBatch publishes ads, prevs[i] being ads[i]'s current
	// publication (nil when none). It returns a Publication or a
	// classified error per ad, in order; a failure of the whole request
	// (network, 5xx, 401) is err, and then the per-ad results mean
	// nothing.
	PublishBatch(ctx context.Context, ads []PublishedAd, prevs []*Publication) ([]Publication, []error, error)
}

// StatusChecker is a Channel that moderates what it accepted (NAV): the
// hub asks it, on a slow schedule, what became of a pending publication.
type StatusChecker interface {
	Channel
	// CheckStatus returns the publication as the channel has it now: live,
	// rejected (with the reason), withdrawn, unknown (with the channel's
	// message), or still pending; with Checks as it is to be stored.
	CheckStatus(ctx context.Context, pub Publication) (Publication, error)
}

// LifeLimited is a Channel on which a publication lives a limited time
// (FINN: 42 days): when Expires has passed, the hub publishes the ad
// again, and the channel re-advertises it or withdraws it as the
// employer's settings say.
type LifeLimited interface {
	Channel
	Expires(pub Publication) time.Time
}

// Channel is a place where ads are published.
type Channel interface {
	// Name is the channel's name as used in the `channels` setting.
	Name() string
	// Publish creates or updates the ad on the channel. prev is the current
	// publication, nil when there is none.
	Publish(ctx context.Context, a PublishedAd, prev *Publication) (Publication, error)
	// Withdraw removes the ad from the channel.
	Withdraw(ctx context.Context, a PublishedAd, prev Publication) (Publication, error)
}
