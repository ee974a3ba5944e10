package lever

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/feedhttp"
)

const (
	// pageSize is the limit asked for; a shorter page is the last.
	pageSize = 100
	// maxPages bounds one snapshot (20,000 postings): a site that never
	// answers a short page fails instead of polling forever.
	maxPages = 200
)

// Snapshot fetches every published posting of the site, page by page, and
// maps each. Lever documents no conditional requests, so since is not
// sent and the snapshot has no Validators. Any failed or malformed page,
// a posting without an id and an id listed twice fail the whole snapshot.
func (c *Connector) Snapshot(ctx context.Context, in connectors.Integration, _ connectors.Validators) (connectors.Snapshot, error) {
	cfg, err := parseConfig(in.Settings)
	if err != nil {
		return connectors.Snapshot{}, connectors.NewPermanent(fmt.Errorf("lever: %w", err))
	}
	var snap connectors.Snapshot
	seen := map[string]bool{}
	for page := range maxPages {
		ps, err := c.page(ctx, cfg, page*pageSize)
		if err != nil {
			return connectors.Snapshot{}, fmt.Errorf("lever: page %d: %w", page+1, err)
		}
		for _, p := range ps {
			ref := p.Reference()
			if seen[ref] {
				return connectors.Snapshot{}, connectors.NewPermanent(fmt.Errorf("lever: page %d: posting %s is listed twice (the list changed while it was paged?)", page+1, ref))
			}
			seen[ref] = true
			snap.Postings = append(snap.Postings, connectors.Posting{Reference: ref, Ad: p.Ad(cfg.employer, cfg.language), Problem: p.problem})
		}
		if len(ps) < pageSize {
			return snap, nil
		}
	}
	return connectors.Snapshot{}, connectors.NewPermanent(fmt.Errorf("lever: more than %d pages of %d postings", maxPages, pageSize))
}

// page fetches the postings from skip on.
func (c *Connector) page(ctx context.Context, cfg config, skip int) ([]Posting, error) {
	u := cfg.baseURL.JoinPath("v0", "postings", cfg.site)
	u.RawQuery = url.Values{"mode": {"json"}, "skip": {strconv.Itoa(skip)}, "limit": {strconv.Itoa(pageSize)}}.Encode()
	resp, err := feedhttp.Get(ctx, feedhttp.Request{URL: u.String(), Accept: "application/json",
		ContentTypes: []string{"application/json"}, MaxBytes: c.maxBytes, Client: c.out})
	if err != nil {
		return nil, err
	}
	if resp.NotModified {
		// Nothing conditional was sent: a 304 is not an answer to us.
		return nil, connectors.NewPermanent(errors.New("unexpected 304 to an unconditional request"))
	}
	ps, err := ParsePage(resp.Body)
	if err != nil {
		return nil, connectors.NewPermanent(err)
	}
	if len(ps) > pageSize {
		return nil, connectors.NewPermanent(fmt.Errorf("%d postings on a page of at most %d (limit ignored?)", len(ps), pageSize))
	}
	return ps, nil
}
