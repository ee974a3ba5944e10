package httpapi

import (
	"strings"

	"github.com/jobgate/jobgate/internal/ad"
)

// languageCountry is the country of an ad's language, for an ad that
// names no place: a Danish ad is for a job in Denmark.
var languageCountry = map[string]string{"nb": "NO", "nn": "NO", "no": "NO", "sv": "SE", "da": "DK", "fi": "FI", "is": "IS"}

// jobCountry is the country of the job: its first location's, else the
// employer's as its organisation number shows it, else that of the ad's
// language, else Norway (the board's home).
func jobCountry(a ad.Ad) string {
	for _, l := range a.Locations {
		if c := strings.ToUpper(strings.TrimSpace(l.Country)); c != "" {
			return c
		}
	}
	if c := ad.OrgCountry(a.Employer.OrgNumber); c != "" {
		return c
	}
	if c := languageCountry[a.Language]; c != "" {
		return c
	}
	return "NO"
}

// jobLocations is the ad's places. Google requires a jobLocation on every
// job not done wholly remotely; an ad without places gets one in the
// job's country (jobCountry), which is true if not precise.
func jobLocations(a ad.Ad) []any {
	var places []any
	for _, l := range a.Locations {
		country := strings.ToUpper(l.Country)
		if country == "" {
			country = jobCountry(a)
		}
		places = append(places, map[string]any{"@type": "Place", "address": map[string]any{"@type": "PostalAddress",
			"streetAddress": l.Address, "postalCode": l.PostalCode, "addressLocality": firstOf(l.City, l.Municipality),
			"addressRegion": l.County, "addressCountry": country}})
	}
	if len(places) == 0 {
		places = append(places, map[string]any{"@type": "Place", "address": map[string]any{"@type": "PostalAddress", "addressCountry": jobCountry(a)}})
	}
	return places
}

// applicantCountries is where a remote job's applicants may live: the
// countries of its places, else the job's country.
func applicantCountries(a ad.Ad) []any {
	var out []any
	seen := map[string]bool{}
	for _, l := range a.Locations {
		if c := strings.ToUpper(l.Country); c != "" && !seen[c] {
			seen[c] = true
			out = append(out, map[string]any{"@type": "Country", "name": c})
		}
	}
	if len(out) == 0 {
		out = append(out, map[string]any{"@type": "Country", "name": jobCountry(a)})
	}
	return out
}
