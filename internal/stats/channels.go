package stats

import (
	"slices"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// ChannelReport is what a channel reports of an ad of its own counting,
// shown beside the hub's counts and labelled as the channel's: its running
// totals since the ad was published there (not limited to the report's
// days), as of UpdatedAt, read at FetchedAt. NAV reports page views and
// clicks on the apply link (pageviews, applicationurlclicks).
type ChannelReport struct {
	// Channel is the channel's name (the map's key in the API).
	Channel              string    `json:"-"`
	Label                string    `json:"label"`
	PageViews            int64     `json:"pageviews"`
	ApplicationURLClicks int64     `json:"applicationurlclicks"`
	UpdatedAt            time.Time `json:"updated_at"`
	FetchedAt            time.Time `json:"fetched_at"`
}

// channelLabels name each reporting channel's figures as its own.
var channelLabels = map[string]string{string(NAV): "NAV arbeidsplassen (reported by NAV)"}

// ChannelLabel is the label of a channel's own figures.
func ChannelLabel(channel string) string {
	if l, ok := channelLabels[channel]; ok {
		return l
	}
	return channel + " (reported by " + channel + ")"
}

// Channels gathers an ad's channel figures (ListChannelStats's) per
// channel; nil when no channel reported any.
func Channels(rows []store.ChannelStat) map[string]ChannelReport {
	if len(rows) == 0 {
		return nil
	}
	out := map[string]ChannelReport{}
	for _, r := range rows {
		c, ok := out[r.Channel]
		if !ok {
			c.Channel, c.Label = r.Channel, ChannelLabel(r.Channel)
		}
		switch r.Metric {
		case "pageviews":
			c.PageViews = r.Total
		case "applicationurlclicks":
			c.ApplicationURLClicks = r.Total
		default:
			continue
		}
		if r.UpdatedAt.After(c.UpdatedAt) {
			c.UpdatedAt = r.UpdatedAt.UTC()
		}
		if r.FetchedAt.After(c.FetchedAt) {
			c.FetchedAt = r.FetchedAt.UTC()
		}
		out[r.Channel] = c
	}
	return out
}

// ChannelList is the channels' figures sorted by channel, for pages.
func (rep *Report) ChannelList() []ChannelReport {
	var out []ChannelReport
	for _, name := range sortedKeys(rep.Channels) {
		out = append(out, rep.Channels[name])
	}
	return out
}

func sortedKeys(m map[string]ChannelReport) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
