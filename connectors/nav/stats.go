package nav

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
)

// NAV's statistics endpoint (navikt/pam-import-api docs/index.md "Stats",
// adpuls/AdPulsController.kt): GET /api/v1/stats/{providerId}?from=&page=
// answers the provider's ads' running totals (AdPulsDTO) updated after
// from, a LocalDateTime (Oslo) at most 24 hours back, 1000 per page
// (RestSliceAdPulsDTO). NAV aggregates with a delay of about 2 hours and
// asks for at most one call an hour.
const (
	// StatsPageSize is the page size asked for: half NAV's maximum
	// (1000), so a page of rows with 255-character references stays far
	// inside the outbound layer's 1 MiB answer bound.
	StatsPageSize = 500
	// StatsMaxPages bounds one fetch: 100 000 figures, 50 000 ads.
	StatsMaxPages = 200
	// StatsWindow is how far back a fetch asks: NAV refuses a from more
	// than 24 hours back; 22 hours leaves room for a server whose clock
	// or zone differs from Oslo's by up to 2 hours.
	StatsWindow = 22 * time.Hour
	// DefaultStatsInterval is NAV's advice: at most one call an hour.
	DefaultStatsInterval = time.Hour
)

// Stat types NAV reports (PulsEventTypes.kt).
const (
	StatPageViews = "pageviews"
	StatApplyURL  = "applicationurlclicks"
)

// statsPage is RestSliceAdPulsDTO, the fields jobgate reads.
type statsPage struct {
	Content []struct {
		// UUID is NAV's id of the ad; Reference the provider's (jobgate's
		// publication reference, see Reference).
		UUID      string `json:"uuid"`
		Reference string `json:"reference"`
		Type      string `json:"type"`
		Total     int64  `json:"total"`
		// Updated is a LocalDateTime (Oslo) with fractional seconds,
		// e.g. 2021-12-08T08:09:30.159884.
		Updated string `json:"updated"`
	} `json:"content"`
	NumberOfElements *int `json:"numberOfElements"`
}

// ReportStats fetches NAV's figures updated since since (clamped to
// StatsWindow back from now), paging until a page is short.
func (c *Client) ReportStats(ctx context.Context, since time.Time) ([]connectors.ChannelStat, error) {
	if early := c.now().Add(-StatsWindow); since.Before(early) {
		since = early
	}
	from := since.In(ad.Oslo).Format("2006-01-02T15:04")
	var out []connectors.ChannelStat
	for page := range StatsMaxPages {
		path := "/api/v1/stats/" + url.PathEscape(c.cfg.ProviderID) + "?from=" + url.QueryEscape(from) +
			"&sort=updated,asc&size=" + strconv.Itoa(StatsPageSize) + "&page=" + strconv.Itoa(page)
		r, err := c.do(ctx, http.MethodGet, path, nil)
		if err != nil {
			return nil, err
		}
		if r.status < 200 || r.status > 299 {
			return nil, c.fail("stats", r)
		}
		stats, n, err := ParseStats(r.body)
		if err != nil {
			return nil, connectors.NewRetryable(err, 0)
		}
		out = append(out, stats...)
		if n < StatsPageSize {
			return out, nil
		}
	}
	return out, nil
}

// StatsInterval is NAV's advice, an hour.
func (*Client) StatsInterval() time.Duration { return DefaultStatsInterval }

// ParseStats reads one page of NAV's statistics: the figures of known
// types with a reference and a total of zero or more, and the page's
// number of elements (of any type) for paging.
func ParseStats(body []byte) ([]connectors.ChannelStat, int, error) {
	var p statsPage
	if err := json.Unmarshal(body, &p); err != nil {
		return nil, 0, fmt.Errorf("nav: stats: not a page of ad statistics: %w", err)
	}
	n := len(p.Content)
	if p.NumberOfElements != nil && *p.NumberOfElements > n {
		n = *p.NumberOfElements
	}
	out := make([]connectors.ChannelStat, 0, len(p.Content))
	for _, e := range p.Content {
		if e.Reference == "" || len(e.Reference) > 255 || e.Total < 0 || (e.Type != StatPageViews && e.Type != StatApplyURL) {
			continue
		}
		at, err := time.ParseInLocation("2006-01-02T15:04:05.999999999", e.Updated, ad.Oslo)
		if err != nil {
			continue
		}
		out = append(out, connectors.ChannelStat{Reference: e.Reference, Metric: e.Type, Total: e.Total, UpdatedAt: at.UTC()})
	}
	return out, n, nil
}

var _ connectors.StatsReporter = (*Client)(nil)
