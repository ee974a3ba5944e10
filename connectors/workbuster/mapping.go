package workbuster

import (
	"html"
	"regexp"
	"strings"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
)

// Ad maps the job to the canonical ad, under employer when the job names
// no company (package doc, Mapping); jobgate validates it after.
func (j Job) Ad(employer string) ad.Ad {
	a := ad.Ad{Title: j.Title, Description: descriptionHTML(j.DescriptionShort),
		Employer: ad.Employer{Name: strings.TrimSpace(j.Company.Name)}, ApplyURL: strings.TrimSpace(j.ApplyURL),
		Deadline: connectors.DateOnly(j.LastApplication)}
	if a.Employer.Name == "" {
		a.Employer.Name = employer
	}
	city := strings.TrimSpace(j.Location.City)
	if city == "" {
		city = strings.TrimSpace(j.Location.Name)
	}
	if city != "" {
		a.Locations = []ad.Location{{City: city}}
	}
	if d := strings.TrimSpace(j.Department.Name); d != "" {
		a.Department, a.Categories = d, []string{d}
	}
	return a
}

// reTag finds an HTML tag, telling a description written in HTML from
// plain text.
var reTag = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9]*[\s/>]`)

// descriptionHTML is description_short as HTML: HTML as it is (jobgate
// sanitises it), plain text escaped, a paragraph per blank-line-separated
// block and a line break per single newline.
func descriptionHTML(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	if s == "" || reTag.MatchString(s) {
		return s
	}
	var b strings.Builder
	for _, block := range strings.Split(s, "\n\n") {
		if block = strings.TrimSpace(block); block != "" {
			b.WriteString("<p>" + strings.ReplaceAll(html.EscapeString(block), "\n", "<br>") + "</p>")
		}
	}
	return b.String()
}
