package store

import (
	"context"
	"time"
)

// ChannelStat is a channel's own running total of one metric for an ad
// (NAV's pageviews, applicationurlclicks), as the channel reported it.
type ChannelStat struct {
	AdID    string
	Channel string
	Metric  string
	Total   int64
	// UpdatedAt is when the channel last updated Total; FetchedAt when
	// the hub last read it.
	UpdatedAt time.Time
	FetchedAt time.Time
}

// ChannelStatReport is one figure as a channel reports it, naming the ad
// by the reference the hub published it under there.
type ChannelStatReport struct {
	Reference string
	Metric    string
	Total     int64
	UpdatedAt time.Time
}

// ChannelStatsStore keeps the statistics channels report of their own
// (channel_stats). A channel's figures are running totals, so a figure
// replaces the stored one unless it is older: fetching overlapping
// windows again never counts twice.
type ChannelStatsStore interface {
	// PutChannelStats stores the channel's figures in one transaction,
	// each for the ad whose publication on channel has its reference;
	// figures of unknown references are skipped. It returns how many
	// were stored.
	PutChannelStats(ctx context.Context, channel string, stats []ChannelStatReport, fetchedAt time.Time) (int, error)
	// ListChannelStats lists an ad's figures by channel then metric.
	ListChannelStats(ctx context.Context, adID string) ([]ChannelStat, error)
}
