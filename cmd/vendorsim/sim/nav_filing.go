package sim

import "time"

// DefaultNAVFilingDelay is how long NAV takes to file an upload when
// NAVConfig.FilingDelay is zero: its TransferLogJob files the RECEIVED
// transfers every 30 s (§1.9; pam-import-api
// config/SchedulerApplicationContext.kt, repeatSecondlyForever(30);
// transferlog/TransferLogTasks.kt processTransferLogTask).
const DefaultNAVFilingDelay = 30 * time.Second

// NAVFilesAtOnce, as NAVConfig.FilingDelay, files every transfer as it is
// received: for tests that are not about the delay.
const NAVFilesAtOnce time.Duration = -1

// navTransfer is a transfer NAV received and has not filed yet: the ads of
// an upload, or the stop (STOPPED, DELETED) of ref. Until it is filed NAV
// has no ad state for a new reference, so DELETE and adminstatus answer
// 404 (§1.11, §1.10).
type navTransfer struct {
	items   []navItem
	ref     string
	stop    string
	sum     string
	version int64
	at      time.Time
}

// filingDelay is the configured delay; NAVFilesAtOnce is none.
func (n *NAV) filingDelay() time.Duration {
	switch d := n.cfg.FilingDelay; {
	case d < 0:
		return 0
	case d == 0:
		return DefaultNAVFilingDelay
	default:
		return d
	}
}

// fileDueLocked files, in the order received, the transfers received at
// least the filing delay before now. The sim files when it is next asked
// anything, which a client cannot tell from NAV's job running on time.
func (n *NAV) fileDueLocked(now time.Time) {
	delay, due := n.filingDelay(), 0
	for due < len(n.unfiled) && !n.unfiled[due].at.Add(delay).After(now) {
		n.fileLocked(n.unfiled[due])
		due++
	}
	n.unfiled = n.unfiled[due:]
}

// fileLocked files one transfer: its ads wait for moderation; a stop
// takes the ad out of search, its admin status following at once.
func (n *NAV) fileLocked(t navTransfer) {
	if t.stop == "" {
		for _, it := range t.items {
			n.storeLocked(it, t)
		}
		return
	}
	rec := n.ads[t.ref]
	rec.status, rec.pending, rec.polls = t.stop, false, 0
	n.decideLocked(rec, t.stop, "", t.at)
}

// unfiledLocked is the JSON of the last unfiled upload of ref; nil if none.
func (n *NAV) unfiledLocked(ref string) []byte {
	for i := len(n.unfiled) - 1; i >= 0; i-- {
		for _, it := range n.unfiled[i].items {
			if it.ref == ref {
				return it.raw
			}
		}
	}
	return nil
}
