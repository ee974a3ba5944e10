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
	// RateLimit is the most requests per second the vendor accepts from us.
	// Zero means no limit.
	RateLimit float64
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
// diffs the snapshot against the store.
type Poller interface {
	Connector
	Snapshot(ctx context.Context, in Integration) ([]ad.Ad, error)
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
}

// Publication states.
const (
	PublicationPending   = "pending"
	PublicationLive      = "live"
	PublicationRejected  = "rejected"
	PublicationWithdrawn = "withdrawn"
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
