package httpapi

import "github.com/jobgate/jobgate/internal/ad"

// jobPosting is the schema.org JobPosting for search engines
// (https://developers.google.com/search/docs/appearance/structured-data/job-posting).
func jobPosting(a ad.Ad, posted string) map[string]any {
	jp := map[string]any{"@context": "https://schema.org/", "@type": "JobPosting", "title": a.Title, "description": a.Description,
		"datePosted": posted, "hiringOrganization": map[string]any{"@type": "Organization", "name": a.Employer.Name, "sameAs": a.Employer.Website}}
	// The end of the deadline's day in the employer's zone, with its
	// offset: a time without one is read in the searcher's zone.
	if vt := ad.ValidThrough(a); vt != "" {
		jp["validThrough"] = vt
	}
	var places []map[string]any
	for _, l := range a.Locations {
		places = append(places, map[string]any{"@type": "Place", "address": map[string]any{"@type": "PostalAddress",
			"streetAddress": l.Address, "postalCode": l.PostalCode, "addressLocality": l.City, "addressCountry": l.Country}})
	}
	if len(places) > 0 {
		jp["jobLocation"] = places
	}
	if t := map[string]string{"full_time": "FULL_TIME", "part_time": "PART_TIME"}[a.Extent]; t != "" {
		jp["employmentType"] = t
	}
	if a.Remote == "full" {
		jp["jobLocationType"] = "TELECOMMUTE"
	}
	return jp
}
