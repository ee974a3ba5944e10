package ad

import (
	"strings"
	"time"
	_ "time/tzdata" // the Nordic zones wherever jobgate runs, also in a scratch image
)

// Oslo is the default zone of an ad: the board is Norwegian, and an ad
// that says nothing of its country is taken to be Norwegian.
var Oslo = mustLoadLocation("Europe/Oslo")

// zones are the employer's time zones of the Nordic countries jobgate
// publishes for, by ISO 3166-1 alpha-2 code. An ad's deadline is a date
// in its employer's zone: "2027-01-31" of a Swedish ad means until the end
// of that day in Stockholm.
var zones = map[string]*time.Location{
	"NO": Oslo,
	"SE": mustLoadLocation("Europe/Stockholm"),
	"DK": mustLoadLocation("Europe/Copenhagen"),
	"FI": mustLoadLocation("Europe/Helsinki"),
}

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Zone is the time zone an ad's dates are read in: that of its first
// location's country, else that of the employer's country as its
// organisation number shows it (OrgCountry), else Oslo. A country jobgate
// has no zone for (an ad for a job abroad) counts as no country.
func Zone(a Ad) *time.Location {
	for _, l := range a.Locations {
		if c := strings.ToUpper(strings.TrimSpace(l.Country)); c != "" {
			if z, ok := zones[c]; ok {
				return z
			}
			break
		}
	}
	if z, ok := zones[OrgCountry(a.Employer.OrgNumber)]; ok {
		return z
	}
	return Oslo
}

// OrgCountry is the country whose organisation number org has the form of,
// or "": Finland's Y-tunnus is 1234567-8, a Norwegian organisation number 9
// digits, a Swedish one 10 (often written 556677-8899), a Danish CVR 8.
func OrgCountry(org string) string {
	org = strings.TrimSpace(org)
	if len(org) == 9 && org[7] == '-' && digits(org[:7]) == 7 && digits(org[8:]) == 1 {
		return "FI"
	}
	n := digits(org)
	if n != len(strings.NewReplacer(" ", "", "-", "").Replace(org)) {
		return ""
	}
	switch n {
	case 9:
		return "NO"
	case 10:
		return "SE"
	case 8:
		return "DK"
	}
	return ""
}

func digits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// DeadlineEnd is the instant an ad's deadline is over: midnight after the
// deadline's date in the ad's Zone. ok is false when the ad has no
// deadline or its deadline is not a date.
func DeadlineEnd(a Ad) (end time.Time, ok bool) {
	d, err := time.ParseInLocation(time.DateOnly, a.Deadline, Zone(a))
	if err != nil {
		return time.Time{}, false
	}
	return d.AddDate(0, 0, 1), true
}

// ValidThrough is the last second to apply, as an ISO 8601 time with the
// offset of the ad's zone ("2027-01-31T23:59:59+01:00"), or "" without a
// deadline: schema.org's JobPosting validThrough.
func ValidThrough(a Ad) string {
	end, ok := DeadlineEnd(a)
	if !ok {
		return ""
	}
	return end.Add(-time.Second).Format(time.RFC3339)
}

// DeadlinePassed reports whether the ad's deadline is over at now.
func DeadlinePassed(a Ad, now time.Time) bool {
	end, ok := DeadlineEnd(a)
	return ok && !now.Before(end)
}
