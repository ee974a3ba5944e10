package ad

import "time"

// PublishAtLayout is how PublishAt is stored: RFC 3339 in UTC, to the
// second.
const PublishAtLayout = "2006-01-02T15:04:05Z"

// PublishTime is the moment the ad may go live, and whether it has one.
// Call it on a normalised ad.
func (a Ad) PublishTime() (time.Time, bool) {
	if a.PublishAt == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, a.PublishAt)
	return t, err == nil
}

// ScheduledAfter reports whether the ad must wait until its PublishAt,
// which is after now: before then it is on no channel.
func (a Ad) ScheduledAfter(now time.Time) (time.Time, bool) {
	t, ok := a.PublishTime()
	if !ok || !t.After(now) {
		return time.Time{}, false
	}
	return t, true
}

// validatePublishAt reads PublishAt as an RFC 3339 date-time (an offset
// or Z is required: a moment, not a wall-clock time) and writes it in UTC.
// A past moment is valid: the ad is published at once.
func validatePublishAt(v *ValidationError, a *Ad) {
	if a.PublishAt == "" {
		return
	}
	t, err := time.Parse(time.RFC3339, a.PublishAt)
	if err != nil {
		v.add("publish_at", "invalid_format", "must be an RFC 3339 date-time with an offset, such as 2027-01-31T08:00:00+01:00")
		return
	}
	a.PublishAt = t.UTC().Truncate(time.Second).Format(PublishAtLayout)
}
