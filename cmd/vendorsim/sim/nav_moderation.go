package sim

import (
	"fmt"
	"net/http"
	"time"
)

// navAdminStatus is AdAdminStatusDTO, in nav-doc-adminstatus.json's shape
// (§1.10): status is DONE once NAV processed the ad, message is null
// unless the ad was rejected.
type navAdminStatus struct {
	UUID          string  `json:"uuid"`
	Status        string  `json:"status"`
	Reference     string  `json:"reference"`
	URL           string  `json:"url"`
	ProviderID    int64   `json:"providerId"`
	Created       string  `json:"created"`
	Updated       string  `json:"updated"`
	Message       *string `json:"message"`
	PublishStatus string  `json:"publishStatus"`
}

// ModerateAfter makes moderation run by itself: an ad waiting for it
// answers its first n adminstatus requests 404 (§1.10: not processed yet)
// and is decided at the next one; n < 0 (the default) leaves deciding to
// Moderate.
func (n *NAV) ModerateAfter(requests int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.moderateAfter = requests
}

// Moderate decides now every ad waiting for moderation, or only those of
// the references given, and answers how many it decided. An ad is decided
// REJECTED with its reason if Reject named it, INACTIVE if it has expired
// (§1.10), else ACTIVE.
func (n *NAV) Moderate(references ...string) int {
	now := time.Now()
	n.mu.Lock()
	defer n.mu.Unlock()
	n.fileDueLocked(now)
	if len(references) == 0 {
		references = sortedKeys(n.ads)
	}
	decided := 0
	for _, ref := range references {
		if rec := n.ads[ref]; rec != nil && rec.pending {
			n.moderateLocked(ref, rec, now)
			decided++
		}
	}
	return decided
}

// Reject makes moderation reject the ad with reason (one of §1.10's:
// NOT_APPROVED_BY_LABOUR_INSPECTION, NO_EMPLOYMENT, DUPLICATE,
// DISCRIMINATING, FOREIGN_JOB, UNKNOWN; "" is UNKNOWN), and every later
// version of it. An ad already approved is rejected at once, as NAV's
// manual check can reject a published ad later (§1.8); one not received
// yet is rejected when it is moderated.
func (n *NAV) Reject(reference, reason string) {
	if reason == "" {
		reason = "UNKNOWN"
	}
	now := time.Now()
	n.mu.Lock()
	defer n.mu.Unlock()
	n.fileDueLocked(now)
	n.rejects[reference] = reason
	if rec := n.ads[reference]; rec != nil && !rec.pending && rec.admin != nil && rec.status == navReceived {
		n.decideLocked(rec, navRejected, reason, now)
	}
}

// Unknown makes moderation answer publishStatus UNKNOWN for the ad, with
// no message, as NAV does when its ad master reports an ad status NAV
// does not map (adadminstatus/AdTransportToAdminStatus.kt,
// mapPublishingStatus; mapMessage sets a message only for REJECTED). An
// ad already moderated turns UNKNOWN at once; Reject wins over it.
func (n *NAV) Unknown(reference string) {
	now := time.Now()
	n.mu.Lock()
	defer n.mu.Unlock()
	n.fileDueLocked(now)
	n.unknowns[reference] = true
	if rec := n.ads[reference]; rec != nil && !rec.pending && rec.admin != nil && rec.status == navReceived && n.rejects[reference] == "" {
		n.decideLocked(rec, navUnknown, "", now)
	}
}

// moderateLocked decides a waiting ad.
func (n *NAV) moderateLocked(ref string, rec *navRecord, now time.Time) {
	rec.pending, rec.polls = false, 0
	switch reason, rejected := n.rejects[ref]; {
	case rejected:
		n.decideLocked(rec, navRejected, reason, now)
	case n.unknowns[ref]:
		n.decideLocked(rec, navUnknown, "", now)
	case !rec.expires.IsZero() && rec.expires.Before(now):
		n.decideLocked(rec, navInactive, "", now)
	default:
		n.decideLocked(rec, navActive, "", now)
	}
}

// decideLocked sets the ad's admin status, creating it.
func (n *NAV) decideLocked(rec *navRecord, publishStatus, message string, now time.Time) {
	if rec.admin == nil {
		rec.admin = &navAdmin{created: now}
	}
	rec.admin.publishStatus, rec.admin.message, rec.admin.updated = publishStatus, message, now
}

// adminStatus serves GET /api/v1/adminstatus/{providerId}/{reference}:
// 404 NOT_FOUND until the ad has been filed and moderated once (§1.10),
// counting the request towards ModerateAfter while it waits once filed.
func (n *NAV) adminStatus(w http.ResponseWriter, r *http.Request) {
	ref := r.PathValue("reference")
	n.mu.Lock()
	n.fileDueLocked(time.Now())
	rec := n.ads[ref]
	if rec != nil && rec.pending && n.moderateAfter >= 0 {
		if rec.polls++; rec.polls > n.moderateAfter {
			n.moderateLocked(ref, rec, time.Now())
		}
	}
	var body *navAdminStatus
	if rec != nil && rec.admin != nil {
		body = n.adminBodyLocked(ref, rec)
	}
	n.mu.Unlock()
	if body == nil {
		writeNAVError(w, navNotFound, fmt.Sprintf("AdAdminStatus for %d, %s not found", n.cfg.ProviderID, ref))
		return
	}
	writeJSONBody(w, http.StatusOK, body)
}

// adminBodyLocked is the admin status of a moderated ad. An ACTIVE ad
// past its expires (as NAV's §1.8 rule left it) is INACTIVE: NAV's ads
// expire by themselves (§1.8).
func (n *NAV) adminBodyLocked(ref string, rec *navRecord) *navAdminStatus {
	a := rec.admin
	body := &navAdminStatus{UUID: rec.uuid, Status: "DONE", Reference: ref, URL: n.cfg.PreviewURL + rec.uuid,
		ProviderID: n.cfg.ProviderID, Created: navTime(a.created), Updated: navTime(a.updated), PublishStatus: a.publishStatus}
	if a.publishStatus == navActive && !rec.expires.IsZero() && !time.Now().Before(rec.expires) {
		body.PublishStatus, body.Updated = navInactive, navTime(rec.expires)
	}
	if a.message != "" {
		msg := a.message
		body.Message = &msg
	}
	return body
}

// NAVAdStatus is what NAV holds for one reference, for tests and the
// control API.
type NAVAdStatus struct {
	Reference string `json:"reference"`
	UUID      string `json:"uuid"`
	// Status is the ad's state: RECEIVED, STOPPED or DELETED (§1.11).
	Status string `json:"status"`
	// VersionID and MD5 are those of the transfer that carried the ad
	// last; Versions counts the uploads of it that were received.
	VersionID int64  `json:"version_id"`
	MD5       string `json:"md5"`
	Versions  int    `json:"versions"`
	// Pending is true while a received version waits for moderation.
	Pending bool `json:"pending"`
	// PublishStatus (ACTIVE, REJECTED, INACTIVE, STOPPED, DELETED,
	// UNKNOWN) and Message (a rejection's reason) are "" until the ad is
	// moderated.
	PublishStatus string `json:"publish_status,omitempty"`
	Message       string `json:"message,omitempty"`
	// Expires is the ad's expires as NAV stored it, after NAV's §1.8 rule
	// (Oslo local time, as NAV writes it); "" if none.
	Expires string `json:"expires,omitempty"`
}

// Status is what NAV holds for the reference; false if it has none (an
// upload not filed yet included).
func (n *NAV) Status(reference string) (NAVAdStatus, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.fileDueLocked(time.Now())
	rec := n.ads[reference]
	if rec == nil {
		return NAVAdStatus{}, false
	}
	s := NAVAdStatus{Reference: reference, UUID: rec.uuid, Status: rec.status, VersionID: rec.version, MD5: rec.md5,
		Versions: rec.versions, Pending: rec.pending}
	if rec.admin != nil {
		s.PublishStatus, s.Message = rec.admin.publishStatus, rec.admin.message
	}
	if !rec.expires.IsZero() {
		s.Expires = navLocalTime(rec.expires)
	}
	return s, true
}
