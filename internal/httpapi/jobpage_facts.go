package httpapi

import (
	"html/template"
	"net/url"
	"strings"

	"github.com/jobgate/jobgate/internal/ad"
)

// jobFacts are an ad's facts as the job page shows them, in a candidate's
// order, each already written in the ad's language; a fact the ad does
// not have is "" (or nil) and draws nothing, not even its label.
type jobFacts struct {
	Employer, EmployerURL, LogoURL, LogoAlt string
	Department                              string
	Places                                  []string
	Remote                                  string
	Employment                              string
	Salary                                  string
	StartDate                               string
	Deadline                                string
	Positions                               string
	Contact                                 *contactView
}

// contactView is the ad's contact person, with links to write and call.
type contactView struct {
	Name, Title, Email, MailTo, Phone string
	// Tel is the phone's tel: link, of digits and + only (html/template
	// takes no tel: URL of its own accord).
	Tel template.URL
}

// factsOf writes the ad's facts in the language of t.
func factsOf(a ad.Ad, t labels) jobFacts {
	f := jobFacts{Employer: a.Employer.Name, EmployerURL: safeURL(a.Employer.Website), Department: a.Department,
		Employment: employmentText(a, t), Salary: t.formatSalary(a.Salary), StartDate: t.formatDay(a.StartDate),
		Deadline: t.formatDay(a.Deadline), Contact: contactOf(a.Contact)}
	if u := safeURL(a.Employer.LogoURL); u != "" {
		f.LogoURL, f.LogoAlt = u, t.format("employer_logo", map[string]any{"Employer": a.Employer.Name})
	}
	for _, l := range a.Locations {
		if p := t.placeText(l); p != "" {
			f.Places = append(f.Places, p)
		}
	}
	if a.Remote == "hybrid" || a.Remote == "full" { // "none" says nothing a candidate needs
		f.Remote = t["remote_"+a.Remote]
	}
	if a.Positions != nil && *a.Positions > 0 {
		f.Positions = t.plural("positions_count", *a.Positions)
	}
	return f
}

// employmentText is the type and the extent in words: "Fast, heltid".
func employmentText(a ad.Ad, t labels) string {
	// A value the catalogue has no word for (none passes validation) is
	// left out rather than drawn as a code.
	typ, hasType := t["emp_"+a.EmploymentType]
	extent, hasExtent := t["extent_"+a.Extent]
	switch {
	case hasType && hasExtent:
		return typ + ", " + extent
	case hasType:
		return typ
	case hasExtent: // the extent alone starts the line
		return strings.ToUpper(extent[:1]) + extent[1:]
	}
	return ""
}

// contactOf is the contact person, nil when the ad names none of them.
func contactOf(c *ad.Contact) *contactView {
	if c == nil || (c.Name == "" && c.Email == "" && c.Phone == "") {
		return nil
	}
	v := &contactView{Name: c.Name, Title: c.Title, Email: c.Email, Phone: c.Phone}
	if c.Email != "" {
		v.MailTo = (&url.URL{Scheme: "mailto", Opaque: c.Email}).String()
	}
	if c.Phone != "" {
		v.Tel = telURL(c.Phone)
	}
	return v
}

// telURL is the tel: link of a phone number: its digits and a leading +,
// nothing else (the ad's validation allows spaces, brackets and dashes).
func telURL(phone string) template.URL {
	var b strings.Builder
	for i, r := range strings.TrimSpace(phone) {
		if (r >= '0' && r <= '9') || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return template.URL("tel:" + b.String()) // digits and + only
}
