package nav

import (
	"context"
	"fmt"
	"slices"

	"github.com/jobgate/jobgate/connectors"
)

// Publish sends one ad as a batch of one: the batch endpoint answers with
// a plain HTTP status and one receipt, where the stream endpoint answers
// 200 even for a refused ad (research §1.4), and it keeps every upload of
// an ad in one md5 space, so a re-sent unchanged ad is SKIPPED.
func (c *Client) Publish(ctx context.Context, a connectors.PublishedAd, prev *connectors.Publication) (connectors.Publication, error) {
	pubs, errs, err := c.PublishBatch(ctx, []connectors.PublishedAd{a}, []*connectors.Publication{prev})
	if err != nil {
		return connectors.Publication{}, err
	}
	return pubs[0], errs[0]
}

// PublishBatch uploads ads in batches of at most MaxBatch (POST
// /api/v1/transfers/batch/{providerId}, research §1.3 row 2). An ad that
// fails the mapping or Validate is not sent and gets a permanent error.
//
// NAV answers a batch with one receipt for the whole array: it names no
// ad, so every ad sent gets its outcome, whatever their order. One ad NAV
// refuses fails the whole batch with 400 and nothing is stored (research
// §1.4); each ad of such a batch is then sent alone, so only the bad one
// fails. A failure of the request itself (network, 5xx, 429, 401/403) is
// err: re-sending is safe, as NAV skips content it already has.
func (c *Client) PublishBatch(ctx context.Context, ads []connectors.PublishedAd, prevs []*connectors.Publication) ([]connectors.Publication, []error, error) {
	if len(prevs) != len(ads) {
		return nil, nil, connectors.NewPermanent(fmt.Errorf("nav: %d ads but %d previous publications", len(ads), len(prevs)))
	}
	pubs := make([]connectors.Publication, len(ads))
	errs := make([]error, len(ads))
	for lo := 0; lo < len(ads); lo += c.MaxBatch() {
		hi := min(lo+c.MaxBatch(), len(ads))
		if err := c.batch(ctx, ads[lo:hi], prevs[lo:hi], pubs[lo:hi], errs[lo:hi]); err != nil {
			return nil, nil, err
		}
	}
	return pubs, errs, nil
}

// batch maps and validates ads, sends the valid ones in one request and
// fills pubs and errs.
func (c *Client) batch(ctx context.Context, ads []connectors.PublishedAd, prevs []*connectors.Publication, pubs []connectors.Publication, errs []error) error {
	now := c.now()
	var sent []int
	var dtos []Ad
	prevs = slices.Clone(prevs) // the caller's slice is not ours to change
	for i, a := range ads {
		prevs[i] = c.since(a, prevs[i])
		d, err := c.cfg.Ad(a, prevs[i], now)
		if err == nil {
			err = Validate(d)
		}
		if err != nil {
			errs[i] = mappingError(Reference(a, prevs[i]), err)
			continue
		}
		sent = append(sent, i)
		dtos = append(dtos, d)
	}
	if len(dtos) == 0 {
		return nil
	}
	up, err := c.upload(ctx, dtos)
	if err != nil {
		return err
	}
	if up.refused != nil && len(dtos) > 1 {
		return c.oneByOne(ctx, ads, prevs, sent, dtos, pubs, errs)
	}
	for k, i := range sent {
		pubs[i], errs[i] = c.result(up, ads[i], prevs[i], dtos[k].Reference)
	}
	return nil
}

// since is the publication an ad is mapped against. A deleted ad's
// reference can never be used again (research §1.11), so with HardDelete
// an ad published again after its withdrawal gets a new reference, made
// from the time of that withdrawal so that retries reuse it.
func (c *Client) since(a connectors.PublishedAd, prev *connectors.Publication) *connectors.Publication {
	if !c.cfg.HardDelete || prev == nil || prev.State != connectors.PublicationWithdrawn {
		return prev
	}
	p := *prev
	p.Reference, p.URL = fmt.Sprintf("%s-r%d", a.ID, a.Revision), ""
	if !prev.UpdatedAt.IsZero() {
		p.Reference = a.ID + "-" + prev.UpdatedAt.UTC().Format("20060102T150405")
	}
	return &p
}

// oneByOne sends each ad of a refused batch alone. A failure of a request
// ends it: the ads already sent are skipped by NAV when retried.
func (c *Client) oneByOne(ctx context.Context, ads []connectors.PublishedAd, prevs []*connectors.Publication, sent []int, dtos []Ad,
	pubs []connectors.Publication, errs []error) error {
	for k, d := range dtos {
		up, err := c.upload(ctx, []Ad{d})
		if err != nil {
			return err
		}
		i := sent[k]
		pubs[i], errs[i] = c.result(up, ads[i], prevs[i], d.Reference)
	}
	return nil
}

// result is one ad's outcome of an upload NAV answered. Accepted content
// (RECEIVED, DONE) is pending: NAV moderates every ad and may take a day
// (research §1.10). SKIPPED means NAV already has exactly this content, so
// the previous state stands; with no previous state on NAV, or a stopped
// one (the content then differs, see dates), it is pending. NAV assigns
// the ad's uuid and URL per reference, so a known URL is kept.
//
// SentAt is now for content NAV received (it files it within about 30 s,
// see notFiledYet); for SKIPPED content it stays the time that content was
// sent, when known.
func (c *Client) result(up uploaded, a connectors.PublishedAd, prev *connectors.Publication, ref string) (connectors.Publication, error) {
	if up.refused != nil {
		return connectors.Publication{}, fmt.Errorf("ad %s: %w", ref, up.refused)
	}
	pub := connectors.Publication{Channel: Name, State: connectors.PublicationPending, Reference: ref, Revision: a.Revision, UpdatedAt: c.now(),
		SentAt: c.now()}
	same := prev != nil && prev.Reference == ref
	if same {
		pub.URL = prev.URL
	}
	skipped := up.receipt.Status == StatusSkipped && same
	if skipped && !prev.SentAt.IsZero() {
		pub.SentAt = prev.SentAt
	}
	if skipped && prev.State != connectors.PublicationWithdrawn {
		pub.State, pub.Reason, pub.UpdatedAt = prev.State, prev.Reason, prev.UpdatedAt
	}
	return pub, nil
}
