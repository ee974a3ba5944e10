package nav

import (
	"strings"

	"github.com/jobgate/jobgate/internal/ad"
)

// countryNames are NAV's names for the countries jobgate's ads are in: NAV
// writes countries as Norwegian names ("NORGE", "Danmark" in NAV-SRC's
// tests) and compares them case-insensitively. [U] NAV documents no list;
// a country not named here is sent as its ISO code.
var countryNames = map[string]string{
	"NO": "NORGE", "SE": "SVERIGE", "DK": "DANMARK", "FI": "FINLAND", "IS": "ISLAND",
	"DE": "TYSKLAND", "GB": "STORBRITANNIA", "NL": "NEDERLAND", "PL": "POLEN", "EE": "ESTLAND",
}

// norway are the country values NAV reads as Norway (research §1.6); an
// empty country is Norway too, NAV's default.
var norway = []string{"", "NORGE", "NOREG", "NORWAY", "NO"}

// abroad reports whether NAV reads country as outside Norway.
func abroad(country string) bool {
	c := strings.ToUpper(strings.TrimSpace(country))
	for _, n := range norway {
		if c == n {
			return false
		}
	}
	return true
}

// placeable reports whether NAV accepts l as the first work location:
// research §1.6 reads NAV's validate as "postalCode or county or municipal
// on the first location, or a foreign country". Only the first location is
// checked, so the mapping puts a placeable one first.
func placeable(l Location) bool {
	return strings.TrimSpace(l.PostalCode) != "" || strings.TrimSpace(l.County) != "" ||
		strings.TrimSpace(l.Municipal) != "" || abroad(l.Country)
}

// locations maps the ad's work locations, the placeable ones first (so
// the first is one and a cap keeps the most useful), each group in the
// ad's order, at most max of them (max < 0: all). ok is false when no
// location is placeable.
func locations(in []ad.Location, max int) (out []Location, ok bool) {
	var rest []Location
	for _, l := range in {
		if nl := location(l); placeable(nl) {
			out = append(out, nl)
		} else {
			rest = append(rest, nl)
		}
	}
	if len(out) == 0 {
		return nil, false
	}
	out = append(out, rest...)
	if max >= 0 && len(out) > max {
		out = out[:max]
	}
	return out, true
}

func location(l ad.Location) Location {
	country := ""
	if c := strings.ToUpper(strings.TrimSpace(l.Country)); c != "" {
		country = countryNames[c]
		if country == "" {
			country = c
		}
	}
	return Location{Address: l.Address, PostalCode: l.PostalCode, City: l.City, Municipal: l.Municipality, Country: country}
}
