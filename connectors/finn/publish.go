package finn

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jobgate/jobgate/connectors"
)

// Publish creates or updates the ad on FINN under the ORDERNO plan picks
// and returns it live, with the ORDERNO as its Reference and, when FINN's
// answer names a finnkode, the ad's URL. Past its 42 days it is
// re-advertised or stopped and returned withdrawn with ReasonLifeEnded;
// an update FINN refuses with ErrDateOrder is re-advertised at once when
// the employer re-advertises.
// A bad ad or setting, and FINN's refusals, fail permanently.
func (c *Channel) Publish(ctx context.Context, a connectors.PublishedAd, prev *connectors.Publication) (connectors.Publication, error) {
	s, err := parseSettings(a.Settings)
	if err != nil {
		return connectors.Publication{}, connectors.NewPermanent(fmt.Errorf("finn: ad %s: %w", a.ID, err))
	}
	now := c.now()
	st, o, err := plan(a, prev, now, s.readvertise)
	if err != nil {
		return connectors.Publication{}, connectors.NewPermanent(fmt.Errorf("finn: ad %s: %w", a.ID, err))
	}
	switch st {
	case stepNone:
		return c.withdrawn(a, *prev, now), nil
	case stepStop:
		if err := c.stop(ctx, a, s.provider, prev.Reference); err != nil {
			return connectors.Publication{}, fmt.Errorf("finn: ad %s: stop %s after %d days: %w", a.ID, prev.Reference, LifeDays, err)
		}
		return c.withdrawn(a, *prev, now), nil
	}
	pub, err := c.send(ctx, a, prev, o, now)
	if errors.Is(err, ErrDateOrder) && s.readvertise && prev != nil && prev.Reference == o.String() {
		// FINN counts the 42 days from its own first publication (§2.6,
		// §2.7), which may be earlier than the life's start: an update it
		// refuses for the dates is re-advertised at once, from the last
		// publish (so a retry picks the same ORDERNO).
		next, lerr := newLife(a.ID, o.Life+1, prev.UpdatedAt, now)
		if lerr == nil {
			return c.send(ctx, a, prev, next, now)
		}
	}
	return pub, err
}

// send uploads life o of the ad and returns it live.
func (c *Channel) send(ctx context.Context, a connectors.PublishedAd, prev *connectors.Publication, o OrderNo, now time.Time) (connectors.Publication, error) {
	doc, err := Document(a, c.cfg, o, now)
	if err != nil {
		return connectors.Publication{}, err
	}
	ans, err := c.upload(ctx, doc)
	if err != nil {
		return connectors.Publication{}, fmt.Errorf("finn: ad %s: upload %s: %w", a.ID, o, err)
	}
	pub := connectors.Publication{Channel: Name, State: connectors.PublicationLive, Reference: o.String(),
		URL: c.adURL(ans.Finnkode), Revision: a.Revision, UpdatedAt: now}
	if pub.URL == "" && prev != nil && prev.Reference == pub.Reference {
		pub.URL = prev.URL // FINN named the finnkode on an earlier upload
	}
	return pub, nil
}

// Withdraw stops the ad's ORDERNO on FINN. An ad that never reached FINN
// (no reference) is withdrawn without a request.
func (c *Channel) Withdraw(ctx context.Context, a connectors.PublishedAd, prev connectors.Publication) (connectors.Publication, error) {
	now := c.now()
	out := connectors.Publication{Channel: Name, State: connectors.PublicationWithdrawn, Reference: prev.Reference,
		URL: prev.URL, Revision: a.Revision, UpdatedAt: now}
	if prev.Reference == "" {
		return out, nil
	}
	s, err := parseSettings(a.Settings)
	if err != nil {
		return connectors.Publication{}, connectors.NewPermanent(fmt.Errorf("finn: ad %s: %w", a.ID, err))
	}
	if err := c.stop(ctx, a, s.provider, prev.Reference); err != nil {
		return connectors.Publication{}, fmt.Errorf("finn: ad %s: stop %s: %w", a.ID, prev.Reference, err)
	}
	return out, nil
}

// withdrawn is prev withdrawn for the 42-day limit.
func (c *Channel) withdrawn(a connectors.PublishedAd, prev connectors.Publication, now time.Time) connectors.Publication {
	return connectors.Publication{Channel: Name, State: connectors.PublicationWithdrawn, Reference: prev.Reference,
		URL: prev.URL, Reason: ReasonLifeEnded, Revision: a.Revision, UpdatedAt: now}
}

func (c *Channel) stop(ctx context.Context, a connectors.PublishedAd, provider, orderNo string) error {
	doc, err := Stop(c.cfg, provider, orderNo, a.Reference)
	if err != nil {
		return err
	}
	_, err = c.upload(ctx, doc)
	return err
}

// adURL is the ad's page for a finnkode, or empty.
func (c *Channel) adURL(finnkode string) string {
	if finnkode == "" {
		return ""
	}
	return strings.ReplaceAll(c.cfg.AdURL, "{finnkode}", finnkode)
}
