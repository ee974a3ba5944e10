package connectors

import (
	"context"
	"time"
)

// ChannelStat is one figure a channel reports for an ad it shows: the
// channel's own running total of one metric, as of UpdatedAt. The hub
// shows it beside its own counts, labelled as the channel's.
type ChannelStat struct {
	// Reference is the reference the hub published the ad under at the
	// channel (Publication.Reference).
	Reference string
	// Metric is the channel's name for what it counted (NAV: pageviews,
	// applicationurlclicks).
	Metric string
	// Total is the channel's count since the ad was published there.
	Total int64
	// UpdatedAt is when the channel last updated Total.
	UpdatedAt time.Time
}

// StatsReporter is a channel that reports its own statistics of the ads
// it shows. Channels without documented statistics (FINN) do not
// implement it.
type StatsReporter interface {
	// ReportStats lists the figures the channel updated since since; the
	// channel may clamp since to what it allows.
	ReportStats(ctx context.Context, since time.Time) ([]ChannelStat, error)
	// StatsInterval is the least time between two calls the channel asks
	// for.
	StatsInterval() time.Duration
}
