package jobylon

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/feedhttp"
	"github.com/jobgate/jobgate/internal/outbound"
)

// Name is the vendor name used in `--vendor jobylon`.
const Name = "jobylon"

// contentTypes are what the feed may declare: JSON with ?format=json, XML
// otherwise.
var contentTypes = []string{"application/json", "application/xml", "text/xml"}

// Connector is the Jobylon source.
type Connector struct {
	// out makes every call (nil: outbound.Default).
	out *outbound.Client
	// maxBytes bounds the feed, for tests; zero means feedhttp's default.
	maxBytes int64
	// hub authenticates and records the webhooks (webhook.go); nil where
	// no receiver is mounted.
	hub connectors.Hub
}

// New returns the Jobylon connector calling through out (nil:
// outbound.Default, which allows no private address).
func New(out *outbound.Client) *Connector { return &Connector{out: out} }

// Name returns "jobylon".
func (*Connector) Name() string { return Name }

// Capabilities: polled; direct apply through the Push API with the app id
// (plain setting app_id) and key (secret app_key) Jobylon issued. The feed
// URL is a secret too: its hash is the feed's only access control
// (api-feed.html.md), so it is sealed at rest and never listed.
func (*Connector) Capabilities() connectors.Capabilities {
	return connectors.Capabilities{Poll: true, DirectApply: true, SecretSettings: []string{"app_key", "feed_url"},
		URLSettings: []string{"feed_url", SettingPushURL}}
}

// CanApply reports whether the integration holds Jobylon's app id and key.
func (*Connector) CanApply(in connectors.Integration) bool {
	return strings.TrimSpace(in.Settings["app_id"]) != "" && strings.TrimSpace(in.Secrets["app_key"]) != ""
}

// CheckSettings checks feed_url (required: the whole partner feed URL, an
// absolute http or https URL), and the Push API's push_url (an absolute
// http or https URL, default DefaultPushURL) and source_type (applied or
// applied-silent, default applied). app_id is optional; other keys are
// the hub's and are ignored. The error never quotes the URL: its hash is
// an access token.
func (*Connector) CheckSettings(settings map[string]string) error {
	if _, err := feedURL(settings["feed_url"]); err != nil {
		return err
	}
	_, err := parsePush(settings)
	return err
}

func feedURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", errors.New("setting feed_url is required: the partner feed URL Jobylon gave, https://.../feeds/<hash>/")
	}
	if _, err := feedhttp.ParseURL("feed_url", raw); err != nil {
		return "", err
	}
	return raw, nil
}

// Snapshot fetches the feed, conditionally on since, and maps every job.
// A failed fetch, a malformed or HTML body, a job without an id and an id
// listed twice fail the whole snapshot; the feed URL is never in the error.
func (c *Connector) Snapshot(ctx context.Context, in connectors.Integration, since connectors.Validators) (connectors.Snapshot, error) {
	u, err := feedURL(in.Setting("feed_url", ""))
	if err != nil {
		return connectors.Snapshot{}, connectors.NewPermanent(fmt.Errorf("jobylon: %w", err))
	}
	req := feedhttp.Request{URL: u, Accept: strings.Join(contentTypes, ", "),
		ContentTypes: contentTypes, Since: since, MaxBytes: c.maxBytes, Client: c.out, Secrets: in.SecretValues()}
	return feedhttp.Snapshot(ctx, Name, req, ParseFeed, func(j Job) connectors.Posting {
		return connectors.Posting{Reference: j.Reference(), Ad: j.Ad(), Problem: j.problem}
	})
}

var (
	_ connectors.Poller          = (*Connector)(nil)
	_ connectors.SettingsChecker = (*Connector)(nil)
	_ connectors.DirectApplier   = (*Connector)(nil)
)
