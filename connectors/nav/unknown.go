package nav

import (
	"fmt"
	"strings"

	"github.com/jobgate/jobgate/connectors"
)

// NAV's UNKNOWN, in both fields of its admin status
// (pam-import-api adadminstatus/AdminStatus.kt): publishStatus is UNKNOWN
// when NAV's ad master reports an ad status outside INACTIVE, ACTIVE,
// REJECTED, STOPPED, DELETED, and status is UNKNOWN when it reports an
// administration status outside RECEIVED, PENDING, DONE
// (adadminstatus/AdTransportToAdminStatus.kt, mapPublishingStatus and
// mapStatus). NAV sets a message only for REJECTED (mapMessage), so an
// UNKNOWN usually comes without one.
const (
	PublishUnknown = "UNKNOWN"
	StatusUnknown  = "UNKNOWN"
)

// unknown reports whether NAV's answer st leaves the ad in a state NAV
// does not name: publishStatus UNKNOWN, or status UNKNOWN while
// publishStatus decides nothing (INACTIVE, or none, for an ad not live).
func (c *Client) unknown(pub connectors.Publication, st AdminStatus) bool {
	if st.PublishStatus == PublishUnknown {
		return true
	}
	undecided := st.PublishStatus == "" || (st.PublishStatus == PublishInactive && pub.State != connectors.PublicationLive)
	return st.Status == StatusUnknown && undecided
}

// stillUnknown is next after its checks-th UNKNOWN answer in a row: at
// Config.UnknownAfter the publication is unknown, with NAV's message (or,
// as NAV usually gives none, what NAV answered); before that its state is
// as it was.
func (c *Client) stillUnknown(next connectors.Publication, checks int, st AdminStatus) connectors.Publication {
	next.Checks = checks
	if checks < c.cfg.UnknownAfter {
		return next
	}
	reason := fmt.Sprintf("NAV answered UNKNOWN at %d status checks in a row (publishStatus %s, status %s)",
		c.cfg.UnknownAfter, orNone(st.PublishStatus), orNone(st.Status))
	if msg := c.scrub(strings.TrimSpace(st.Message)); msg != "" {
		reason += ": " + msg
	}
	next.State, next.Reason = connectors.PublicationUnknown, reason
	return next
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
