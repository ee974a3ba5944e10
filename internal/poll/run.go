package poll

import (
	"context"
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/store"
)

// maxErrorText bounds the failure text kept for the sync view.
const maxErrorText = 500

// run fetches the snapshot and applies it, returning the new state and,
// after a failure, how long the vendor asked us to wait (Retry-After).
func (s *Service) run(ctx context.Context, in store.Integration, poller connectors.Poller, prev store.PollState, t Timing) (store.PollState, time.Duration) {
	now := s.now()
	st := prev
	st.LeaseUntil, st.LastPollAt = time.Time{}, now
	ci, err := s.ingest.ConnectorIntegration(in)
	if err != nil {
		return failed(st, prev, err), 0
	}
	pctx, cancel := context.WithTimeout(ctx, t.Timeout)
	defer cancel()
	since := connectors.Validators{ETag: prev.ETag, LastModified: prev.LastModified}
	snap, err := s.guard.Execute(breakerKey(in), func() (connectors.Snapshot, error) {
		return poller.Snapshot(pctx, ci, since)
	})
	if err != nil {
		return failed(st, prev, err), connectors.RetryAfterOf(err)
	}
	st.Failures, st.Error, st.LastSuccessAt = 0, "", now
	if snap.NotModified {
		// The same feed: the postings skipped or warned about last time
		// still are (st keeps prev's notes).
		pc := prev.Counts
		st.Outcome = store.PollNotModified
		st.Counts = store.PollCounts{Listed: pc.Listed, Unchanged: pc.Listed - pc.Invalid, Invalid: pc.Invalid, Warned: pc.Warned, Held: len(prev.Missing)}
		return st, 0
	}
	confirm := s.sources[in.Vendor].Capabilities().ConfirmMissing
	res, err := s.apply(ctx, ci, snap.Postings, prev.Missing, confirm)
	if err != nil {
		st = failed(st, prev, err)
		st.Counts, st.Notes = res.counts, res.notes
		return st, 0
	}
	st.Counts, st.Missing, st.Notes = res.counts, res.held, res.notes
	st.Outcome, st.ETag, st.LastModified = store.PollOK, snap.Validators.ETag, snap.Validators.LastModified
	if len(res.held) > 0 {
		// Not remembering the validators makes the confirming poll fetch
		// the whole feed again rather than be answered "not modified".
		st.ETag, st.LastModified = "", ""
	}
	if res.drop {
		st.Outcome = store.PollHeld
	}
	return st, 0
}

// failed is the state after a poll that changed nothing it should not
// have: the validators and any held withdrawals stay as they were.
func failed(st, prev store.PollState, err error) store.PollState {
	st.Outcome = store.PollFailed
	st.Error = err.Error()
	if len(st.Error) > maxErrorText {
		st.Error = st.Error[:maxErrorText]
	}
	st.Failures = prev.Failures + 1
	st.Counts = store.PollCounts{Held: len(prev.Missing)}
	st.Notes = store.PollNotes{}
	st.ETag, st.LastModified, st.Missing = prev.ETag, prev.LastModified, prev.Missing
	return st
}
