package workbuster

import (
	"context"
	"fmt"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/feedhttp"
	"github.com/jobgate/jobgate/internal/outbound"
)

// Name is the vendor name used in `--vendor workbuster`.
const Name = "workbuster"

// contentTypes are what the feed may declare ([I], see the package doc).
var contentTypes = []string{"application/json"}

// Connector is the Workbuster source.
type Connector struct {
	// out makes every call (nil: outbound.Default).
	out *outbound.Client
	// maxBytes bounds the feed, for tests; zero means feedhttp's default.
	maxBytes int64
}

// New returns the Workbuster connector calling through out (nil:
// outbound.Default, which allows no private address).
func New(out *outbound.Client) *Connector { return &Connector{out: out} }

// Name returns "workbuster".
func (*Connector) Name() string { return Name }

// Capabilities: polled when the integration names a feed, pushed through
// the generic ad API when it does not; no direct apply. The feed is one
// document, not pages, so a missing job is withdrawn at once.
func (*Connector) Capabilities() connectors.Capabilities {
	return connectors.Capabilities{Push: true, Poll: true, URLSettings: []string{SettingFeedURL, SettingBaseURL}}
}

// Polls reports whether the integration names a feed (customer or
// feed_url); one without pushes through the generic ad API.
func (*Connector) Polls(settings map[string]string) bool {
	return named(settings, SettingCustomer) || named(settings, SettingFeedURL)
}

// CheckSettings checks the feed settings: customer (a slug) or feed_url
// (an absolute http or https URL), not both; base_url (an absolute http or
// https URL without query, default DefaultBaseURL) only with customer.
// None of them makes a pushed integration. Other keys are the hub's and
// are ignored.
func (*Connector) CheckSettings(settings map[string]string) error {
	_, err := parseConfig(settings)
	return err
}

// Snapshot fetches the integration's feed, conditionally on since, and
// maps every job. A failed fetch, a body that is not the feed's object, a
// job without an id and an id listed twice fail the whole snapshot.
func (c *Connector) Snapshot(ctx context.Context, in connectors.Integration, since connectors.Validators) (connectors.Snapshot, error) {
	cfg, err := parseConfig(in.Settings)
	if err == nil && cfg.feedURL == "" {
		err = errPushed
	}
	if err != nil {
		return connectors.Snapshot{}, connectors.NewPermanent(fmt.Errorf("workbuster: %w", err))
	}
	req := feedhttp.Request{URL: cfg.feedURL, Accept: contentTypes[0], ContentTypes: contentTypes,
		Since: since, MaxBytes: c.maxBytes, Client: c.out, Secrets: in.SecretValues()}
	return feedhttp.Snapshot(ctx, Name, req, ParseFeed, func(j Job) connectors.Posting {
		return connectors.Posting{Reference: j.Reference(), Ad: j.Ad(cfg.employer), Problem: j.problem}
	})
}

var (
	_ connectors.PollChooser     = (*Connector)(nil)
	_ connectors.SettingsChecker = (*Connector)(nil)
)
