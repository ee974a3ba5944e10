package httpapi

import (
	"strings"
	"time"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/store"
)

// jobPosting is the schema.org JobPosting for search engines, with
// Google's required properties always present and its recommended ones
// whenever the ad has them
// (https://developers.google.com/search/docs/appearance/structured-data/job-posting).
// directApply is false here: the job page sets it to true when it shows
// its own apply form. Nothing in the answer is an empty string, object or
// list: Google reads an empty value as a wrong one.
func jobPosting(rec store.AdRecord, a ad.Ad) map[string]any {
	zone := ad.Zone(a)
	jp := map[string]any{"@context": "https://schema.org/", "@type": "JobPosting", "title": a.Title, "description": a.Description,
		"datePosted": rec.CreatedAt.In(zone).Format(time.RFC3339), "directApply": false,
		"hiringOrganization": map[string]any{"@type": "Organization", "name": a.Employer.Name, "sameAs": a.Employer.Website},
		"identifier":         map[string]any{"@type": "PropertyValue", "name": a.Employer.Name, "value": firstOf(rec.Reference, rec.ID)},
		// The end of the deadline's day in the employer's zone, with its
		// offset: a time without one is read in the searcher's zone.
		"validThrough":   ad.ValidThrough(a),
		"employmentType": employmentTypes(a),
		"baseSalary":     baseSalary(a),
	}
	if a.Remote == "full" {
		// Google: TELECOMMUTE only for jobs done remotely all the time
		// (not hybrid), with the countries applicants may live in.
		jp["jobLocationType"] = "TELECOMMUTE"
		jp["applicantLocationRequirements"] = applicantCountries(a)
	}
	if len(a.Locations) > 0 || a.Remote != "full" {
		jp["jobLocation"] = jobLocations(a)
	}
	return prune(jp).(map[string]any)
}

// googleEmploymentTypes maps the canonical employment_type to Google's
// list (FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN, VOLUNTEER,
// PER_DIEM, OTHER). A permanent job says nothing beyond its extent.
var googleEmploymentTypes = map[string]string{
	"full_time": "FULL_TIME", "part_time": "PART_TIME",
	"contract": "CONTRACTOR", "temporary": "TEMPORARY", "seasonal": "TEMPORARY",
	"internship": "INTERN", "apprenticeship": "INTERN", "volunteer": "VOLUNTEER", "other": "OTHER",
}

// employmentTypes is the ad's extent and employment type as Google's
// employmentType list, extent first, without repeats.
func employmentTypes(a ad.Ad) []any {
	var out []any
	seen := map[string]bool{}
	for _, v := range []string{a.Extent, a.EmploymentType} {
		if t := googleEmploymentTypes[v]; t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// baseSalary is the ad's pay as a MonetaryAmount: one value when the
// range is a single amount, else its bounds; nil without a salary or
// without a currency to state it in.
func baseSalary(a ad.Ad) map[string]any {
	s := a.Salary
	if s == nil || (s.Min <= 0 && s.Max <= 0) {
		return nil
	}
	currency := s.Currency
	if currency == "" {
		currency = countryCurrency[jobCountry(a)]
	}
	if currency == "" {
		return nil
	}
	value := map[string]any{"@type": "QuantitativeValue", "unitText": strings.ToUpper(s.Period)}
	switch {
	case s.Min > 0 && s.Max > 0 && s.Min != s.Max:
		value["minValue"], value["maxValue"] = s.Min, s.Max
	case s.Min > 0:
		value["value"] = s.Min
	default:
		value["value"] = s.Max
	}
	return map[string]any{"@type": "MonetaryAmount", "currency": currency, "value": value}
}

// countryCurrency is the currency a salary without one is paid in.
var countryCurrency = map[string]string{"NO": "NOK", "SE": "SEK", "DK": "DKK", "FI": "EUR", "IS": "ISK"}

// prune drops empty strings, and the objects and lists that are empty
// or become so, at every depth; nil when v itself is empty.
func prune(v any) any {
	switch x := v.(type) {
	case string:
		if strings.TrimSpace(x) == "" {
			return nil
		}
	case map[string]any:
		for k, e := range x {
			if p := prune(e); p == nil {
				delete(x, k)
			} else {
				x[k] = p
			}
		}
		if len(x) == 0 || (len(x) == 1 && x["@type"] != nil) {
			return nil
		}
	case []any:
		out := x[:0]
		for _, e := range x {
			if p := prune(e); p != nil {
				out = append(out, p)
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
	return v
}
