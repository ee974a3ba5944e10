package ingest

import (
	"context"
	"time"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/store"
)

// now is the clock that decides whether an ad's publish time is still to
// come.
func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

// scheduleFor sets w to hold its ad until a's publish time when that is
// still to come; a past publish time publishes at once.
func (s *Service) scheduleFor(w *store.AdWrite, a ad.Ad) {
	if at, ok := a.ScheduledAfter(s.now()); ok {
		w.PublishAt = at
	}
}

// Release makes a scheduled ad whose publish time has come live on the
// board and its integration's channels (as they are set now), and hands
// the publish deliveries to the dispatcher. It reports whether it
// released the ad: one not scheduled, or not yet due, is left alone.
func (s *Service) Release(ctx context.Context, key store.AdKey) (bool, error) {
	in, err := s.Store.GetIntegration(ctx, key.IntegrationID)
	if err != nil {
		return false, err
	}
	res, err := s.Store.ReleaseAd(ctx, key.IntegrationID, key.Reference, ChannelsOf(in.Settings), s.now())
	if err != nil {
		return false, err
	}
	s.Dispatcher.Dispatch(res.Deliveries...)
	if res.Changed {
		s.Metrics.AdChanges.WithLabelValues("released").Inc()
	}
	return res.Changed, nil
}
