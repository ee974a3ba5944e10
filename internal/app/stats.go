package app

import (
	"github.com/jobgate/jobgate/internal/board"
	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/stats"
)

// newStats is the process's statistics recorder: its counters on the
// process's registry, flushed to the store (run by run, closed by
// shutdown after the workers stop).
func (p *process) newStats() *stats.Recorder {
	if p.opt.NoStats {
		return nil
	}
	return stats.NewRecorder(p.env.Store, stats.Config{Metrics: metrics.NewStatsCounters(p.m.Registry), Log: p.env.Log})
}

// countDelivered counts an application delivered to its ATS by the
// source it was submitted from.
func countDelivered(r *stats.Recorder) func(adID, source string) {
	return func(adID, source string) { r.Record(adID, stats.ParseKey(source), stats.Delivered) }
}

// channelJobURL is the ad's page as published on a channel: on an
// external channel (NAV, FINN) it carries utm_source=<channel> and
// utm_medium=jobgate, so that channel's visitors count as its even when
// their browser sends no Referer; the board's own link is plain.
func (e *Env) channelJobURL(channel, adID string) string {
	u := board.JobURL(e.Cfg.PublicURL, adID)
	if channel == board.Name {
		return u
	}
	return stats.TaggedURL(u, channel)
}
