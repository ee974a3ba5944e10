package ad

import (
	"strings"
	"unicode/utf8"
)

// textField is one string of an ad and its JSON path.
type textField struct {
	path string
	p    *string
}

// textFields lists every string of the ad with its JSON path (the paths
// Decode and Normalize report), so a check of all text misses none.
func textFields(a *Ad) []textField {
	fs := []textField{{"title", &a.Title}, {"description", &a.Description}, {"language", &a.Language},
		{"employment_type", &a.EmploymentType}, {"extent", &a.Extent}, {"remote", &a.Remote},
		{"deadline", &a.Deadline}, {"start_date", &a.StartDate}, {"department", &a.Department}, {"apply_url", &a.ApplyURL},
		{"employer.name", &a.Employer.Name}, {"employer.org_number", &a.Employer.OrgNumber}, {"employer.website", &a.Employer.Website},
		{"employer.logo_url", &a.Employer.LogoURL}}
	for i := range a.Locations {
		l, p := &a.Locations[i], "locations["+itoa(i)+"]."
		fs = append(fs, textField{p + "address", &l.Address}, textField{p + "postal_code", &l.PostalCode},
			textField{p + "city", &l.City}, textField{p + "municipality", &l.Municipality}, textField{p + "county", &l.County}, textField{p + "country", &l.Country})
	}
	for i := range a.Categories {
		fs = append(fs, textField{"categories[" + itoa(i) + "]", &a.Categories[i]})
	}
	for i := range a.Recruiters {
		fs = append(fs, textField{"recruiters[" + itoa(i) + "]", &a.Recruiters[i]})
	}
	if s := a.Salary; s != nil {
		fs = append(fs, textField{"salary.currency", &s.Currency}, textField{"salary.period", &s.Period})
	}
	if c := a.Contact; c != nil {
		fs = append(fs, textField{"contact.name", &c.Name}, textField{"contact.title", &c.Title},
			textField{"contact.email", &c.Email}, textField{"contact.phone", &c.Phone})
	}
	return fs
}

// CodeInvalidText is the field code of text that is not valid UTF-8 or
// holds a NUL byte.
const CodeInvalidText = "invalid_text"

// TextProblem says what is wrong with s as text, or "" when nothing is:
// a NUL byte (PostgreSQL's text cannot hold one, and no ad needs one) or
// bytes that are not UTF-8 (stored as they came, they would reach every
// reader and channel broken).
func TextProblem(s string) string {
	switch {
	case !utf8.ValidString(s):
		return "must be valid UTF-8"
	case strings.IndexByte(s, 0) >= 0:
		return "must not contain NUL bytes"
	}
	return ""
}

// validateTextBytes reports every string holding a NUL byte or invalid
// UTF-8. It runs before anything else reads the text: trimming would keep
// them, and the HTML sanitiser would replace them, hiding the fault.
func validateTextBytes(v *ValidationError, a *Ad) {
	for _, f := range textFields(a) {
		if msg := TextProblem(*f.p); msg != "" {
			v.add(f.path, CodeInvalidText, "%s", msg)
		}
	}
}
