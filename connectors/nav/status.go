package nav

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/jobgate/jobgate/connectors"
)

// Withdraw stops the ad (DELETE /api/v1/transfers/{providerId}/{reference},
// research §1.3 row 5): NAV takes it out of search and it can be published
// again under the same reference. With Config.HardDelete it is deleted
// instead (?delete=true), and the reference can never be used again.
//
// NAV answers 404 for a reference it has no ad state for. Within
// Config.FilingGrace of the last upload (prev.SentAt) that is an upload
// NAV has not filed yet, which NAV would publish after the stop: the stop
// is asked again (backpressure, see notFiled) until NAV has the ad. After
// the grace, a 404 means NAV never got the ad: there is nothing to stop.
func (c *Client) Withdraw(ctx context.Context, a connectors.PublishedAd, prev connectors.Publication) (connectors.Publication, error) {
	ref := Reference(a, &prev)
	path := "/api/v1/transfers/" + c.cfg.ProviderID + "/" + url.PathEscape(ref)
	if c.cfg.HardDelete {
		path += "?delete=true"
	}
	r, err := c.do(ctx, http.MethodDelete, path, nil)
	if err != nil {
		return connectors.Publication{}, err
	}
	gone := r.status == http.StatusNotFound && fromNAV(r)
	if wait, early := c.notFiledYet(prev); gone && early {
		return connectors.Publication{}, notFiled(ref, prev.SentAt, wait)
	}
	if !gone && (r.status < 200 || r.status > 299) {
		return connectors.Publication{}, fmt.Errorf("ad %s: %w", ref, c.fail("stop", r))
	}
	return connectors.Publication{Channel: Name, State: connectors.PublicationWithdrawn, Reference: ref, URL: prev.URL,
		Revision: a.Revision, UpdatedAt: c.now(), SentAt: prev.SentAt}, nil
}

// Publish statuses of an ad on arbeidsplassen (research §1.10).
const (
	PublishActive   = "ACTIVE"
	PublishInactive = "INACTIVE"
	PublishRejected = "REJECTED"
	PublishStopped  = "STOPPED"
	PublishDeleted  = "DELETED"
)

// CheckStatus asks NAV what became of the ad (GET
// /api/v1/adminstatus/{providerId}/{reference}, research §1.10). NAV
// answers 404 until it has filed the upload (within Config.FilingGrace of
// it) and its ad master has processed the ad (after): either way the
// publication is unchanged, to be asked again. NAV advises an hour or
// more between checks.
//
// ACTIVE is live, REJECTED rejected with NAV's reason, STOPPED and
// DELETED withdrawn. INACTIVE means "not in search": NAV's own example
// shows it for an ad just processed (AdminStatus defaults to it), so it is
// still pending for an ad not yet live, and withdrawn (expired) for a live
// one. UNKNOWN is counted, and shown as unknown once it lasts (see
// unknownAfter).
func (c *Client) CheckStatus(ctx context.Context, pub connectors.Publication) (connectors.Publication, error) {
	if pub.Reference == "" {
		return pub, connectors.NewPermanent(errors.New("nav: status: the publication has no NAV reference"))
	}
	r, err := c.do(ctx, http.MethodGet, "/api/v1/adminstatus/"+c.cfg.ProviderID+"/"+url.PathEscape(pub.Reference), nil)
	if err != nil {
		return pub, err
	}
	if r.status == http.StatusNotFound && fromNAV(r) {
		return pub, nil
	}
	if r.status < 200 || r.status > 299 {
		return pub, fmt.Errorf("ad %s: %w", pub.Reference, c.fail("status", r))
	}
	var st AdminStatus
	if err := json.Unmarshal(r.body, &st); err != nil || st.PublishStatus == "" && st.Status == "" {
		return pub, connectors.NewRetryable(fmt.Errorf("nav: status of ad %s is not an admin status object", pub.Reference), 0)
	}
	if st.Reference != "" && st.Reference != pub.Reference {
		return pub, connectors.NewPermanent(fmt.Errorf("nav: status of ad %s answered for another reference", pub.Reference))
	}
	return c.apply(pub, st), nil
}

// apply is pub after NAV's status st.
func (c *Client) apply(pub connectors.Publication, st AdminStatus) connectors.Publication {
	next := pub
	next.Channel = Name
	if u := c.adURL(st); u != "" {
		next.URL = u
	}
	next.Checks = 0
	switch {
	case c.unknown(pub, st):
		next = c.stillUnknown(next, pub.Checks+1, st)
	case st.PublishStatus == PublishActive:
		next.State, next.Reason = connectors.PublicationLive, ""
	case st.PublishStatus == PublishRejected:
		next.State, next.Reason = connectors.PublicationRejected, c.scrub(strings.TrimSpace(st.Message))
		if next.Reason == "" {
			next.Reason = "UNKNOWN"
		}
	case st.PublishStatus == PublishStopped || st.PublishStatus == PublishDeleted:
		next.State = connectors.PublicationWithdrawn
	case st.PublishStatus == PublishInactive && pub.State == connectors.PublicationLive:
		next.State = connectors.PublicationWithdrawn
	case st.PublishStatus == PublishInactive && pub.State == connectors.PublicationUnknown:
		next.State, next.Reason = connectors.PublicationPending, ""
	}
	if next.State != pub.State || next.URL != pub.URL || next.Reason != pub.Reason {
		next.UpdatedAt = c.now()
	}
	return next
}

// adURL is the ad's page on arbeidsplassen: NAV's url, else the public
// URL pattern with NAV's uuid (research §1.10).
func (c *Client) adURL(st AdminStatus) string {
	if u, err := url.Parse(st.URL); err == nil && st.URL != "" && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
		return st.URL
	}
	if st.UUID != "" {
		return c.cfg.AdURLPrefix + url.PathEscape(st.UUID)
	}
	return ""
}
