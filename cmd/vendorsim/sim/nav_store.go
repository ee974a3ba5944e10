package sim

import (
	"encoding/json"
	"slices"
	"time"
)

// navRecord is what NAV holds for one reference: its ad state (§1.11) and
// its admin status (§1.10).
type navRecord struct {
	raw      []byte // the ad's JSON exactly as last received
	md5      string // the md5 of the transfer that carried it
	version  int64  // that transfer's versionId
	uuid     string // NAV's id for the ad, made on first sight (§1.11)
	status   string // the ad's AdStatus: RECEIVED, STOPPED or DELETED
	expires  time.Time
	versions int       // uploads received for it
	pending  bool      // a version waits for moderation
	polls    int       // adminstatus requests while pending
	admin    *navAdmin // nil until moderated once
	created  time.Time
}

// navAdmin is the moderation outcome the adminstatus route answers.
type navAdmin struct {
	publishStatus, message string
	created, updated       time.Time
}

// navItem is one valid ad of an upload.
type navItem struct {
	raw     []byte
	ref     string
	expires time.Time
}

// The AdStatus and publishStatus values (§1.5, §1.10).
const (
	navStopped  = "STOPPED"
	navDeleted  = "DELETED"
	navActive   = "ACTIVE"
	navRejected = "REJECTED"
	navInactive = "INACTIVE"
	navUnknown  = "UNKNOWN"
)

// save stores one transfer (a batch, or one streamed ad) whose md5 is sum:
// SKIPPED if a transfer with that md5 was received before (§1.9), else
// RECEIVED with the next versionId, to be filed (nav_filing.go). The check
// and the save are one step, as NAV's unique md5 makes them.
func (n *NAV) save(items []navItem, sum string) navReceipt {
	now := time.Now()
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.md5s[sum] {
		n.stats.skipped++
		return n.receiptLocked(0, navSkipped, navSkippedMessage, sum, 1, now)
	}
	n.md5s[sum] = true
	n.version++
	n.unfiled = append(n.unfiled, navTransfer{items: items, sum: sum, version: n.version, at: now})
	n.fileDueLocked(now)
	n.stats.received += len(items)
	return n.receiptLocked(n.version, navReceived, "", sum, len(items), now)
}

// storeLocked files one received ad, waiting for moderation. A deleted
// reference stays deleted (NAV never uses it again, §1.11) though its
// latest JSON is kept.
func (n *NAV) storeLocked(it navItem, t navTransfer) {
	rec := n.ads[it.ref]
	if rec == nil {
		rec = &navRecord{uuid: newUUID(), created: t.at}
		n.ads[it.ref] = rec
	}
	rec.raw, rec.md5, rec.version, rec.expires = it.raw, t.sum, t.version, it.expires
	rec.versions++
	if rec.status == navDeleted {
		return
	}
	rec.status, rec.pending, rec.polls = navReceived, true, 0
}

// stopLocked stops or deletes the filed ad (§1.11): NAV saves a transfer
// of the ad with status and expires a minute ago and answers its receipt;
// the ad's state and admin status follow when that transfer is filed.
func (n *NAV) stopLocked(ref, status string) navReceipt {
	now := time.Now()
	rec := n.ads[ref]
	n.version++
	sum := navMD5(append(slices.Clone(rec.raw), []byte(status+now.String())...))
	n.md5s[sum] = true
	if status == navDeleted {
		n.stats.deleted++
	} else {
		n.stats.stopped++
	}
	n.unfiled = append(n.unfiled, navTransfer{ref: ref, stop: status, sum: sum, version: n.version, at: now})
	n.fileDueLocked(now)
	return n.receiptLocked(n.version, navReceived, status, sum, 1, now)
}

func (n *NAV) receiptLocked(version int64, status, msg, sum string, items int, now time.Time) navReceipt {
	t := navTime(now)
	return navReceipt{VersionID: version, ProviderID: n.cfg.ProviderID, Status: status, Message: msg, MD5: sum,
		Items: items, Created: t, Updated: t}
}

// References lists the references NAV holds (filed), sorted.
func (n *NAV) References() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.fileDueLocked(time.Now())
	return sortedKeys(n.ads)
}

// AdJSON is the ad with this reference exactly as last received, filed
// or not; nil if none was.
func (n *NAV) AdJSON(reference string) []byte {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.fileDueLocked(time.Now())
	if raw := n.unfiledLocked(reference); raw != nil {
		return slices.Clone(raw)
	}
	if rec := n.ads[reference]; rec != nil {
		return slices.Clone(rec.raw)
	}
	return nil
}

// Ad is the ad with this reference as last received, decoded; nil if none
// was.
func (n *NAV) Ad(reference string) map[string]any {
	raw := n.AdJSON(reference)
	if raw == nil {
		return nil
	}
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	return m
}
