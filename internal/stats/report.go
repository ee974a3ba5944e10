package stats

import (
	"cmp"
	"math"
	"slices"
	"strconv"

	"github.com/jobgate/jobgate/internal/store"
)

// MaxSites is how many other sites a report names (by views); the rest
// are only in the "other" class's counts.
const MaxSites = 20

// Counts are one slice of an ad's figures. Conversion is applications per
// view, rounded to four places; null when there were no views.
type Counts struct {
	Views        int64    `json:"views"`
	ApplyStarts  int64    `json:"apply_starts"`
	Applications int64    `json:"applications"`
	Delivered    int64    `json:"delivered"`
	Conversion   *float64 `json:"conversion"`
}

func (c *Counts) add(r store.AdStats) {
	c.Views += r.Views
	c.ApplyStarts += r.ApplyStarts
	c.Applications += r.Applications
	c.Delivered += r.Delivered
}

func (c *Counts) finish() {
	c.Conversion = nil
	if c.Views > 0 {
		v := math.Round(float64(c.Applications)/float64(c.Views)*10000) / 10000
		c.Conversion = &v
	}
}

// Sources are the figures per source class, every class always present.
type Sources struct {
	Board  Counts `json:"board"`
	NAV    Counts `json:"nav"`
	FINN   Counts `json:"finn"`
	Other  Counts `json:"other"`
	Direct Counts `json:"direct"`
}

// SourceRow is one class's figures, for pages that list them.
type SourceRow struct {
	Class Class
	Counts
}

// List lists the classes' figures in Classes' order.
func (s *Sources) List() []SourceRow {
	return []SourceRow{{Board, s.Board}, {NAV, s.NAV}, {FINN, s.FINN}, {Other, s.Other}, {Direct, s.Direct}}
}

func (s *Sources) of(c Class) *Counts {
	switch c {
	case Board:
		return &s.Board
	case NAV:
		return &s.NAV
	case FINN:
		return &s.FINN
	case Other:
		return &s.Other
	}
	return &s.Direct
}

// SiteCounts are another site's figures (part of the "other" class).
type SiteCounts struct {
	Site string `json:"site"`
	Counts
}

// DayCounts are one UTC day's figures over every source.
type DayCounts struct {
	Date string `json:"date"`
	Counts
}

// Report is an ad's figures over a range of days.
type Report struct {
	From    string       `json:"from"`
	To      string       `json:"to"`
	Totals  Counts       `json:"totals"`
	Sources Sources      `json:"sources"`
	Sites   []SiteCounts `json:"other_sites"`
	Days    []DayCounts  `json:"days"`
	// Channels are the figures channels report of their own, by channel
	// (channels.go); absent when none did.
	Channels map[string]ChannelReport `json:"channels,omitempty"`
}

// Summarise sums an ad's rows (ListAdStats's, by day) into a Report.
func Summarise(from, to string, rows []store.AdStats) Report {
	rep := Report{From: from, To: to, Sites: []SiteCounts{}, Days: []DayCounts{}}
	sites := map[string]*SiteCounts{}
	for _, r := range rows {
		rep.Totals.add(r)
		src := ParseKey(r.Source)
		rep.Sources.of(src.Class).add(r)
		if src.Site != "" {
			sc, ok := sites[src.Site]
			if !ok {
				sc = &SiteCounts{Site: src.Site}
				sites[src.Site] = sc
			}
			sc.add(r)
		}
		if n := len(rep.Days); n == 0 || rep.Days[n-1].Date != r.Day {
			rep.Days = append(rep.Days, DayCounts{Date: r.Day})
		}
		rep.Days[len(rep.Days)-1].add(r)
	}
	for _, sc := range sites {
		rep.Sites = append(rep.Sites, *sc)
	}
	slices.SortFunc(rep.Sites, func(a, b SiteCounts) int {
		return cmp.Or(cmp.Compare(b.Views, a.Views), cmp.Compare(a.Site, b.Site))
	})
	if len(rep.Sites) > MaxSites {
		rep.Sites = rep.Sites[:MaxSites]
	}
	rep.finish()
	return rep
}

func (rep *Report) finish() {
	rep.Totals.finish()
	for _, c := range Classes {
		rep.Sources.of(c).finish()
	}
	for i := range rep.Sites {
		rep.Sites[i].finish()
	}
	for i := range rep.Days {
		rep.Days[i].finish()
	}
}

// ConversionText is Conversion as a percentage with one decimal ("33.3 %"),
// or "–" without views: what the portal and the console show.
func (c Counts) ConversionText() string {
	if c.Conversion == nil {
		return "–"
	}
	return strconv.FormatFloat(*c.Conversion*100, 'f', 1, 64) + " %"
}
