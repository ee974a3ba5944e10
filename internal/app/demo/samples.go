package demo

import "time"

// sampleAd is one of the generic integration's sample ads.
type sampleAd struct {
	ref string
	ad  map[string]any
}

// deadline is two months from today, so the sample ads are open.
func deadline() time.Time { return time.Now().AddDate(0, 2, 0) }

// genericAds are canonical ads (DESIGN's ad model) that NAV and FINN take:
// a street address with a postal code, employment type and extent.
func genericAds() []sampleAd {
	ad := func(title, city, postal, description string) map[string]any {
		return map[string]any{"title": title, "description": description, "language": "nb",
			"employer":        map[string]any{"name": accountName, "website": "https://arbeidsgiver.example"},
			"locations":       []any{map[string]any{"address": "Storgata 1", "postal_code": postal, "city": city, "municipality": city, "country": "NO"}},
			"employment_type": "permanent", "extent": "full_time", "positions": 1,
			"deadline": deadline().Format(time.DateOnly), "categories": []any{"warehouse"}}
	}
	return []sampleAd{
		{"demo-lager-1", ad("Lagermedarbeider", "Oslo", "0150", "<p>Vi søker en lagermedarbeider til vårt lager i Oslo.</p>")},
		{"demo-sjafor-1", ad("Sjåfør, varelevering", "Bergen", "5003", "<p>Vi søker en sjåfør med førerkort klasse C.</p>")},
	}
}

// pontyAssignment is an assignment in the shape of Ponty's reference
// (testdata/ponty/assignment.json), in Norway.
func pontyAssignment() map[string]any {
	return map[string]any{"assignment_id": "101", "title": "Regnskapsmedarbeider", "slug": "regnskapsmedarbeider",
		"excerpt": "Vi søker en regnskapsmedarbeider.", "body": "<p>Vi søker en <strong>regnskapsmedarbeider</strong> til Oslo.</p>",
		"withdrawal_date": deadline().Format(time.DateOnly), "organization_name": accountName,
		"location": "Oslo", "address": map[string]any{"address": "Storgata 1", "postalcode": "0150", "city": "Oslo", "country": "Norge"},
		"language": "no", "external_apply_url": "https://ponty.example/jobs/101/apply"}
}

// teamtailorEvent is a job board webhook's POST in the shape of
// Teamtailor's example (testdata/teamtailor/teamtailor-webhook-post.json),
// in Norway.
func teamtailorEvent() map[string]any {
	loc := map[string]any{"address": "Storgata 1", "city": "Oslo", "country": "Norway", "country-code": "NO", "zip": "0150"}
	return map[string]any{"id": "demo-event-1", "reference-id": "demo-tt-1", "created-at": time.Now().Format(time.RFC3339),
		"duration": 30, "job-board-id": teamtailorJobBoard, "location": loc,
		"company": map[string]any{"name": accountName, "url": "https://arbeidsgiver.example"},
		"job": map[string]any{"title": "Kundeservicemedarbeider", "body": "<p>Vi søker en kundeservicemedarbeider.</p>",
			"remote-status": "none", "employment-type": "none", "employment-level": "none",
			"url":       "https://career.teamtailor.example/jobs/1-kundeservice",
			"apply-url": "https://career.teamtailor.example/jobs/1-kundeservice/applications/new",
			"end-date":  deadline().Format(time.RFC3339), "created-date": time.Now().Format(time.RFC3339),
			"locations": []any{loc}}}
}
