package poll

import (
	"context"
	"time"

	"github.com/jobgate/jobgate/internal/ids"
)

// parkedUntil is the next poll of an integration that is never polled:
// the scheduler lists integrations by vendor, and an integration of a
// polled vendor that pushes its ads instead (connectors.PollChooser) would
// otherwise be due at every tick, first in line, ahead of the feeds that
// are.
var parkedUntil = time.Date(9999, time.January, 1, 0, 0, 0, 0, time.UTC)

// park records that the integration is never due and answers
// ErrNotPolled; when another worker holds its lease (parking it too), it
// is left to that worker.
func (s *Service) park(ctx context.Context, integrationID string) error {
	owner := s.owner + ":" + ids.New("lease")
	prev, taken, err := s.store.AcquirePoll(ctx, integrationID, owner, s.now().Add(leaseMargin))
	if err != nil {
		return err
	}
	if !taken {
		return ErrNotPolled
	}
	prev.NextPollAt, prev.LeaseUntil = parkedUntil, time.Time{}
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := s.store.FinishPoll(rctx, owner, prev); err != nil {
		return err
	}
	return ErrNotPolled
}
