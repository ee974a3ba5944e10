package app

import (
	"github.com/jobgate/jobgate/internal/ingest"
	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/poll"
)

// PollService returns the feed poller over ing's store and sources, with
// the configured default interval.
func (e *Env) PollService(ing *ingest.Service, m *metrics.Metrics) *poll.Service {
	return poll.New(e.Store, ing, ing.Sources, m, e.Log, poll.Config{Interval: e.Cfg.PollInterval})
}
