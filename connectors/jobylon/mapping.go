package jobylon

import (
	"strings"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
)

// Reference is the ad's key: Jobylon's job id.
func (j Job) Reference() string { return strings.TrimSpace(string(j.ID)) }

// Ad maps the job to the canonical ad; jobgate validates it after.
func (j Job) Ad() ad.Ad {
	a := ad.Ad{Title: j.Title, Description: joinHTML(j.Descr, j.Skills), Language: strings.ToLower(strings.TrimSpace(j.Language)),
		Employer: ad.Employer{Name: j.Company.Name, Website: j.Company.Website}, Deadline: connectors.DateOnly(j.ToDate), ApplyURL: strings.TrimSpace(j.URLs.Apply)}
	a.EmploymentType, a.Extent = employment(j.EmploymentType)
	for _, c := range j.categories() {
		if c.Text = strings.TrimSpace(c.Text); c.Text != "" {
			a.Categories = append(a.Categories, c.Text)
		}
	}
	if ds := j.departments(); len(ds) > 0 {
		a.Department = strings.TrimSpace(ds[0].Descr)
	}
	for _, l := range j.locations() {
		loc := ad.Location{City: strings.TrimSpace(l.City), Municipality: strings.TrimSpace(l.Municipality),
			PostalCode: strings.TrimSpace(l.PostalCode), Country: strings.TrimSpace(l.CountryShort)}
		if loc != (ad.Location{}) {
			a.Locations = append(a.Locations, loc)
		}
	}
	if c := j.Contact; c.Name != "" || c.Email != "" || c.Phone != "" {
		a.Contact = &ad.Contact{Name: strings.TrimSpace(c.Name), Email: strings.TrimSpace(c.Email), Phone: strings.TrimSpace(c.Phone)}
	}
	// The job's contact person (contact{name,email,phone,photo} of the
	// feed's job, jobylon/jbl-developer source/api-feed.html.md; the
	// "main_contact" of its photo URL) is the recruiter handling it: the
	// ad's recruiting team in jobgate. The feed names no other user.
	if e := strings.TrimSpace(j.Contact.Email); e != "" {
		a.Recruiters = []string{e}
	}
	return a
}

// categories, departments and locations read whichever wrapping the feed
// used, JSON's or XML's.
func (j Job) categories() []category {
	out := j.XMLCategories
	for _, c := range j.Categories {
		out = append(out, c.Category)
	}
	return out
}

func (j Job) departments() []department {
	out := j.XMLDepartments
	for _, d := range j.Departments {
		out = append(out, d.Department)
	}
	return out
}

func (j Job) locations() []location {
	out := j.XMLLocations
	for _, l := range j.Locations {
		out = append(out, l.Location)
	}
	return out
}

// employment maps Jobylon's free-text employment_type ("Full-time",
// "Part-time", "Temporary", ...).
func employment(t string) (kind, extent string) {
	s := strings.ToLower(t)
	switch {
	case strings.Contains(s, "full"):
		extent = "full_time"
	case strings.Contains(s, "part"):
		extent = "part_time"
	}
	for _, k := range []string{"temporary", "contract", "internship", "seasonal", "volunteer", "apprenticeship", "permanent"} {
		if strings.Contains(s, k) {
			kind = k
		}
	}
	return kind, extent
}

func joinHTML(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "\n")
}
