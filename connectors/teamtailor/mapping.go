package teamtailor

import (
	"strings"
	"time"

	"github.com/jobgate/jobgate/internal/ad"
)

// Ad maps the event to the canonical ad; jobgate validates it after.
func (e Event) Ad() ad.Ad {
	j := e.Job
	a := ad.Ad{Title: j.Title, Description: j.Body, Employer: ad.Employer{Name: e.Company.Name, Website: e.Company.URL},
		Remote: remote(j.RemoteStatus), Deadline: deadline(j.EndDate), ApplyURL: j.ApplyURL}
	if a.Description == "" {
		a.Description = j.Pitch
	}
	a.EmploymentType, a.Extent = employment(j.EmploymentType)
	a.Locations = locations(j.Locations, e.Location)
	if j.Department != nil {
		a.Department = j.Department.Name
	}
	if j.Role != nil && j.Role.Name != "" {
		a.Categories = []string{j.Role.Name}
	}
	// The category the recruiter chose in our config form.
	if c, ok := e.WebhookData["category"].(string); ok && strings.TrimSpace(c) != "" {
		a.Categories = append(a.Categories, strings.TrimSpace(c))
	}
	if r := j.Recruiter; r != nil && (r.Name != "" || r.Email != "" || r.Phone != "") {
		a.Contact = &ad.Contact{Name: r.Name, Email: r.Email, Phone: r.Phone}
	}
	// The job's recruiter (job.recruiter{name,email,phone} of the webhook
	// body, Teamtailor/tt-partner-docs source/includes/job_boards/
	// _webhooks.md.erb) is the user in Teamtailor who owns the job: the
	// ad's recruiting team in jobgate.
	if r := j.Recruiter; r != nil && strings.TrimSpace(r.Email) != "" {
		a.Recruiters = []string{strings.TrimSpace(r.Email)}
	}
	a.Salary = pay(j.Salary)
	return a
}

// employment maps Teamtailor's employment-type (none, fully, part,
// contract, temporary, apprenticeship, internship, volunteer): "fully" and
// "part" say how much, not which kind.
func employment(t string) (kind, extent string) {
	switch t {
	case "fully":
		return "", "full_time"
	case "part":
		return "", "part_time"
	case "contract", "temporary", "apprenticeship", "internship", "volunteer":
		return t, ""
	}
	return "", ""
}

// remote maps remote-status (none, temporary, hybrid, fully). "temporary"
// (remote for now) is read as hybrid [I].
func remote(s string) string {
	switch s {
	case "none":
		return "none"
	case "hybrid", "temporary":
		return "hybrid"
	case "fully":
		return "full"
	}
	return ""
}

// deadline is the last day the ad is listed: the day before the one
// end-date starts, in end-date's own offset. Teamtailor's end-date is a
// timestamp, "Date when job ad will be unlisted", given at midnight in the
// company's zone ("2021-03-31T00:00:00+02:00" in the webhook example,
// Teamtailor/tt-partner-docs source/includes/job_boards/_webhooks.md.erb,
// and the same in the XML feed's enddate and the e-mail's "End date"):
// the ad leaves at the start of 31 March, so its last day, the canonical
// deadline (a date meaning until the end of that day), is 30 March. Taking
// the instant just before the end keeps a later time of day on its own
// day (an end at 12:00 lists the ad that morning). A bare date is read
// the same way, as midnight at its start.
func deadline(endDate string) string {
	s := strings.TrimSpace(endDate)
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		if t, err = time.Parse(time.DateOnly, s); err != nil {
			return ""
		}
	}
	return t.Add(-time.Nanosecond).Format(time.DateOnly)
}

// locations are the job's places, without repeats, or the one the user
// picked when the job has none.
func locations(places []Place, picked *Place) []ad.Location {
	if len(places) == 0 && picked != nil {
		places = []Place{*picked}
	}
	var out []ad.Location
	seen := map[ad.Location]bool{}
	for _, p := range places {
		l := ad.Location{Address: p.Address, PostalCode: p.Zip, City: p.City, Country: p.CountryCode}
		if l == (ad.Location{}) || seen[l] {
			continue
		}
		seen[l] = true
		out = append(out, l)
	}
	return out
}

func pay(s *salary) *ad.Salary {
	if s == nil || (s.Min == 0 && s.Max == 0) {
		return nil
	}
	periods := map[string]string{"hourly": "hour", "daily": "day", "monthly": "month", "yearly": "year"}
	return &ad.Salary{Min: float64(s.Min), Max: float64(s.Max), Currency: s.Currency, Period: periods[s.TimeUnit]}
}
