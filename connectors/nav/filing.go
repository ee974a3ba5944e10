package nav

import (
	"fmt"
	"time"

	"github.com/jobgate/jobgate/connectors"
)

// filingCycle is how often NAV files the uploads it received: its
// TransferLogJob runs every 30 s (research §1.9; pam-import-api
// config/SchedulerApplicationContext.kt). Until then NAV has no ad state
// for the reference, and DELETE and adminstatus answer 404
// (adstate/AdStateService.kt, adadminstatus/AdminStatusService.kt).
const filingCycle = 30 * time.Second

// notFiledYet reports whether a 404 from NAV on the ad of pub can mean that
// NAV has not filed its last upload yet: pub.SentAt is within
// Config.FilingGrace. It also says how long to wait before asking again:
// as long as the upload has waited (at least a second, at most a filing
// cycle), so a quick filing is seen quickly, and never past the grace, so
// the last question falls after it.
func (c *Client) notFiledYet(pub connectors.Publication) (time.Duration, bool) {
	if pub.SentAt.IsZero() {
		return 0, false
	}
	waited := c.now().Sub(pub.SentAt)
	left := c.cfg.FilingGrace - waited
	if left <= 0 {
		return 0, false
	}
	wait := min(max(waited, time.Second), filingCycle)
	return max(min(wait, left), time.Second), true
}

// notFiled is the error of a stop NAV answered 404 within the grace: the
// outbox asks again after wait, without spending an attempt or counting
// against NAV's breaker (NAV is well, only not done), until NAV has the
// ad and stops it, or the grace ends and the 404 means NAV never got it.
func notFiled(ref string, sent time.Time, wait time.Duration) error {
	return connectors.NewBackpressure(fmt.Errorf("nav: stop ad %s: NAV has not filed the upload of %s yet (404 within JOBGATE_NAV_FILING_GRACE); asking again",
		ref, sent.UTC().Format(time.RFC3339)), wait)
}
