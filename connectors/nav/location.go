package nav

import (
	"cmp"
	"errors"
	"strings"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/places"
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
// NAV's TransferLogService.validate (navikt/pam-import-api,
// transferlog/TransferLogService.kt, locationMustHavePostalCodeOrCountyMunicipal
// and LocationDTO.isCountryAbroad) wants a postalCode, county or municipal
// on the first location, or a country outside Norway. Only the first
// location is checked, so the mapping puts a placeable one first.
func placeable(l Location) bool {
	return strings.TrimSpace(l.PostalCode) != "" || strings.TrimSpace(l.County) != "" ||
		strings.TrimSpace(l.Municipal) != "" || abroad(l.Country)
}

// locations maps the ad's work locations, the placed ones first (so the
// first is one NAV accepts, and a cap keeps the most useful), each group
// in the ad's order, at most max of them (max < 0: all). When none can be
// placed the error says why the first could not, naming the place.
func locations(in []ad.Location, max int) ([]Location, error) {
	var out, rest []Location
	var first error
	for _, l := range in {
		nl, err := location(l)
		if err == nil {
			out = append(out, nl)
			continue
		}
		first = cmp.Or(first, err)
		rest = append(rest, nl)
	}
	if len(out) == 0 {
		if first == nil {
			first = errors.New("the ad has no work location")
		}
		return nil, first
	}
	out = append(out, rest...)
	if max >= 0 && len(out) > max {
		out = out[:max]
	}
	return out, nil
}

// location maps one work location. A Norwegian one is placed with the
// bundled register (internal/places): a postal code, else the
// municipality, city or county, becomes the municipal and county NAV
// files an ad under, written as NAV's own geography writes them
// (navikt/pam-geography: upper-case names, "VESTLAND", "NES (AKERSHUS)";
// the examples in pam-import-api's docs/index.md send the same). NAV's
// import only checks that one is present (placeable), but its search and
// statistics place the ad by them. A location abroad keeps its fields;
// NAV needs only its country. A "City, Country" city is split first.
func location(l ad.Location) (Location, error) {
	city, country := l.City, strings.ToUpper(strings.TrimSpace(l.Country))
	if rest, c := places.SplitCountry(city); c != "" {
		city, country = rest, cmp.Or(country, c)
	}
	out := Location{Address: l.Address, PostalCode: l.PostalCode, City: city, Municipal: l.Municipality, County: l.County,
		Country: countryName(country)}
	if country != "" && country != "NO" {
		return out, nil
	}
	p, err := places.Resolve(places.Query{PostalCode: l.PostalCode, City: city, Municipality: l.Municipality, County: l.County})
	if err != nil {
		return out, err
	}
	out.PostalCode, out.City = p.PostalCode, cmp.Or(city, p.PostPlace)
	out.Municipal, out.County = p.Municipality.Name, p.County.Name
	return out, nil
}

// countryName is NAV's name for an ISO country code ("" stays "", NAV's
// default Norway).
func countryName(code string) string {
	if code == "" {
		return ""
	}
	return cmp.Or(countryNames[code], code)
}
