// Package reachmee polls a ReachMee (Talentech) installation's public RSS
// export and maps its vacancies to the canonical ad. ReachMee publishes no
// integration documentation (research/ats-vendors.md §4): the export,
// GET https://site{NNN}.reachmee.com/Public/rssfeed/external.ashx?id=..&InstallationID=..&CustomerName=..&lang=..,
// is known from public third-party code, which lists every published
// vacancy in one RSS 2.0 response with ReachMee's own item elements
// (CommAdSeqNo, Area1, Area2, country, occupationArea, Position,
// Org1..Org3, workingHours, employmentLevel, pubDateTo) beside RSS's.
//
// Every fact of the export is therefore third-party [C] at best, and:
//   - [I] pubDateTo, the end of publication, is the application deadline;
//     its format is [U] (see deadline), and an unreadable one is dropped.
//   - [I] Area1 is the region and Area2 the municipality or town; the
//     deepest of Org3, Org2, Org1 is the department.
//   - [U] The employer's name: the export names no company (its channel
//     title is a heading such as "Available vacancies"). It is the
//     employer_name setting, else the feed URL's CustomerName (a short
//     customer id, not always a name), else the channel title: set
//     employer_name.
//   - [U] Conditional requests: validators are sent when the last answer
//     had them, and a full answer is taken as well.
//   - [U] A direct-apply API: there is none public, so candidates are
//     redirected to the item's link (DirectApply false).
//
// Element names are matched without regard to case and values trimmed, so
// small differences between installations do not break the parse.
package reachmee

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/feedhttp"
	"github.com/jobgate/jobgate/internal/outbound"
)

// Name is the vendor name used in `--vendor reachmee`.
const Name = "reachmee"

// contentTypes are what the export may declare.
var contentTypes = []string{"application/rss+xml", "application/xml", "text/xml"}

// Connector is the ReachMee source.
type Connector struct {
	// out makes every call (nil: outbound.Default).
	out *outbound.Client
	// maxBytes bounds the export, for tests; zero means feedhttp's
	// default.
	maxBytes int64
}

// New returns the ReachMee connector calling through out (nil:
// outbound.Default, which allows no private address).
func New(out *outbound.Client) *Connector { return &Connector{out: out} }

// Name returns "reachmee".
func (*Connector) Name() string { return Name }

// Capabilities: polled; no direct apply (candidates go to the item's
// link) and no secrets (the export is public).
func (*Connector) Capabilities() connectors.Capabilities {
	return connectors.Capabilities{Poll: true, URLSettings: []string{"feed_url"}}
}

// config is an integration's settings, checked.
type config struct {
	feedURL string
	// employer is employer_name, else the feed URL's CustomerName; empty
	// means the channel title.
	employer string
}

// CheckSettings checks feed_url (required: the export's absolute http or
// https URL) and takes employer_name as given; other keys are the hub's.
func (*Connector) CheckSettings(settings map[string]string) error {
	_, err := parseConfig(settings)
	return err
}

func parseConfig(settings map[string]string) (config, error) {
	raw := strings.TrimSpace(settings["feed_url"])
	if raw == "" {
		return config{}, errors.New("setting feed_url is required: the installation's RSS export, https://site{NNN}.reachmee.com/Public/rssfeed/external.ashx?id=..., as ReachMee gives it")
	}
	u, err := feedhttp.ParseURL("feed_url", raw)
	if err != nil {
		return config{}, err
	}
	c := config{feedURL: raw, employer: strings.TrimSpace(settings["employer_name"])}
	if c.employer == "" {
		c.employer = strings.TrimSpace(u.Query().Get("CustomerName"))
	}
	return c, nil
}

// Snapshot fetches the export, conditionally on since, and maps every
// item. A failed fetch, a malformed, HTML or non-RSS body, an item without
// a CommAdSeqNo and one listed twice fail the whole snapshot.
func (c *Connector) Snapshot(ctx context.Context, in connectors.Integration, since connectors.Validators) (connectors.Snapshot, error) {
	cfg, err := parseConfig(in.Settings)
	if err != nil {
		return connectors.Snapshot{}, connectors.NewPermanent(fmt.Errorf("reachmee: %w", err))
	}
	// The employer falls back to the channel title, which only the parsed
	// feed knows: parse keeps it for posting.
	employer := cfg.employer
	parse := func(body []byte) ([]Item, error) {
		feed, err := ParseFeed(body)
		if err != nil {
			return nil, err
		}
		if employer == "" {
			employer = feed.Title
		}
		return feed.Items, nil
	}
	return feedhttp.Snapshot(ctx, Name, feedhttp.Request{URL: cfg.feedURL, Accept: strings.Join(contentTypes, ", "),
		ContentTypes: contentTypes, Since: since, MaxBytes: c.maxBytes, Client: c.out, Secrets: in.SecretValues()},
		parse, func(it Item) connectors.Posting {
			return connectors.Posting{Reference: it.Reference(), Ad: it.Ad(employer), Problem: it.problem}
		})
}

var (
	_ connectors.Poller          = (*Connector)(nil)
	_ connectors.SettingsChecker = (*Connector)(nil)
)
