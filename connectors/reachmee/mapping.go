package reachmee

import (
	"cmp"
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/jobgate/jobgate/internal/ad"
)

// Ad maps the item to the canonical ad under the integration's employer
// name; jobgate validates it after. It names no recruiters: the RSS
// export's item has no contact person (research/ats-vendors.md §4). ReachMee ads redirect: ApplyURL is the
// item's link to the vacancy on the career site.
func (it Item) Ad(employer string) ad.Ad {
	a := ad.Ad{Title: it.Title, Description: it.Description, Employer: ad.Employer{Name: employer},
		ApplyURL: it.Link, Department: department(it)}
	kind, extent := employment(it.EmploymentLevel)
	k2, e2 := employment(it.WorkingHours)
	if e2 != "" {
		extent = e2
	}
	if kind == "" {
		kind = k2
	}
	a.EmploymentType, a.Extent = kind, extent
	if loc := location(it); loc != (ad.Location{}) {
		a.Locations = []ad.Location{loc}
	}
	for _, c := range []string{it.OccupationArea, it.Position} {
		if c != "" && !slices.Contains(a.Categories, c) {
			a.Categories = append(a.Categories, c)
		}
	}
	// A time in pubDateTo is read in the employer's zone, which the
	// place decides (ad.Zone): a deadline is a date there.
	a.Deadline = deadline(it.PubDateTo, ad.Zone(a))
	return a
}

// location: Area1 is the region (fylke, län) and Area2 the municipality
// or town within it (research/ats-vendors.md §4, the public RSS export
// adapter; ReachMee's labels say no more, [I]). Area1 is the county, kept
// because NAV places a Norwegian job by its county when the town alone
// does not (a town the register lacks, or a name several municipalities
// share, internal/places). Area2 is the city, Area1 also the city when
// there is no Area2, so boards and FINN still show a place.
func location(it Item) ad.Location {
	return ad.Location{City: cmp.Or(it.Area2, it.Area1), County: it.Area1, Country: countryCode(it.Country)}
}

// countryCode maps ReachMee's country label, in the export's language, to
// an ISO 3166-1 alpha-2 code; a label it does not know is dropped rather
// than failing the ad.
func countryCode(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	if len(n) == 2 && n[0] >= 'a' && n[0] <= 'z' && n[1] >= 'a' && n[1] <= 'z' {
		return strings.ToUpper(n)
	}
	codes := map[string]string{"norge": "NO", "noreg": "NO", "norway": "NO", "sverige": "SE", "sweden": "SE",
		"danmark": "DK", "denmark": "DK", "suomi": "FI", "finland": "FI", "island": "IS", "iceland": "IS"}
	return codes[n]
}

// department is the most specific org unit named: Org1 is the top of
// the customer's organisation tree in ReachMee (often the company or a
// faculty), Org2 and Org3 the units under it ([I]: the export's org levels
// are undocumented). The deepest is where the candidate would work.
func department(it Item) string {
	for _, o := range []string{it.Org3, it.Org2, it.Org1} {
		if o != "" {
			return o
		}
	}
	return ""
}

// deadlineLayouts are the forms pubDateTo is read in. Its format is not
// documented ([U]): public code shows RFC 1123 dates with a numeric zone
// ("Mon, 03 Aug 2026 23:59:00 +0200"), and ISO dates are accepted too.
var deadlineLayouts = []string{time.DateTime, "2006-01-02T15:04:05", time.RFC3339, time.RFC1123Z, time.RFC1123}

// deadline keeps the date of pubDateTo, the end of the advertising period
// ([I]: taken as the application deadline), read in zone (the
// employer's) where it has a time. An unreadable value is no deadline,
// rather than a refused ad.
func deadline(s string, zone *time.Location) string {
	s = strings.TrimSpace(s)
	if _, err := time.ParseInLocation(time.DateOnly, s, zone); err == nil {
		return s
	}
	for _, l := range deadlineLayouts {
		if t, err := time.ParseInLocation(l, s, zone); err == nil {
			return t.In(zone).Format(time.DateOnly)
		}
	}
	// RFC 5322 dates in their other spellings (one-digit day, no weekday).
	if t, err := mail.ParseDate(s); err == nil {
		return t.In(zone).Format(time.DateOnly)
	}
	return ""
}
