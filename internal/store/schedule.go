package store

import (
	"context"
	"time"
)

// ScheduleStore keeps ads that wait for their publish time: UpsertAd
// stores an AdWrite with PublishAt as AdScheduled, writing no publish
// delivery (and withdrawing it from the channels it was on, when it was
// live); the release pass makes it live when the time comes.
type ScheduleStore interface {
	// DueScheduledAds lists scheduled ads whose publish time is at or
	// before now, the earliest first.
	DueScheduledAds(ctx context.Context, now time.Time, limit int) ([]AdKey, error)
	// ReleaseAd makes a scheduled ad whose publish time is at or before
	// now live, and writes a publish delivery of its current revision per
	// channel, in one transaction. Anything else (an ad not scheduled, or
	// not yet due) changes nothing. ErrNotFound when there is no such ad.
	ReleaseAd(ctx context.Context, integrationID, reference string, channels []string, now time.Time) (AdResult, error)
}
