package lever

import (
	"cmp"
	"html"
	"regexp"
	"strings"
	"unicode"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/places"
)

// Ad maps the posting to the canonical ad under the integration's employer
// name and language; jobgate validates it after. It names no recruiters:
// the Postings API's posting has no owner or hiring manager (the JSON
// field table of lever/postings-api README.md); only Lever's v1 Data API
// has them, as user ids, behind the customer's v1 API key, which jobgate
// does not hold.
func (p Posting) Ad(employer, language string) ad.Ad {
	a := ad.Ad{Title: p.Text, Description: p.description(), Language: language, Employer: ad.Employer{Name: employer},
		Remote: remote(p.WorkplaceType), Salary: p.SalaryRange.pay(), ApplyURL: strings.TrimSpace(p.ApplyURL)}
	if a.ApplyURL == "" {
		a.ApplyURL = strings.TrimSpace(p.HostedURL)
	}
	a.EmploymentType, a.Extent = employment(p.Categories.Commitment)
	a.Locations = p.locations()
	team, dept := strings.TrimSpace(p.Categories.Team), strings.TrimSpace(p.Categories.Department)
	a.Department = dept
	if a.Department == "" {
		a.Department = team
	}
	if team != "" {
		a.Categories = append(a.Categories, team)
	}
	if dept != "" && dept != team {
		a.Categories = append(a.Categories, dept)
	}
	return a
}

// description is Lever's description (opening and body), or the two
// apart when it is empty, then each list under its heading, then the
// closing text: the order of Lever's hosted posting page.
func (p Posting) description() string {
	var b strings.Builder
	body := strings.TrimSpace(p.Description)
	if body == "" {
		body = strings.TrimSpace(strings.TrimSpace(p.Opening) + "\n" + strings.TrimSpace(p.DescriptionBody))
	}
	if body == "" && strings.TrimSpace(p.DescriptionPlain) != "" {
		body = "<p>" + html.EscapeString(strings.TrimSpace(p.DescriptionPlain)) + "</p>"
	}
	b.WriteString(body)
	for _, l := range p.Lists {
		if strings.TrimSpace(l.Text) == "" && strings.TrimSpace(l.Content) == "" {
			continue
		}
		b.WriteString("\n<h3>" + html.EscapeString(strings.TrimSpace(l.Text)) + "</h3>" + listHTML(l.Content))
	}
	if add := strings.TrimSpace(p.Additional); add != "" {
		b.WriteString("\n" + add)
	}
	return strings.TrimSpace(b.String())
}

// listHTML is a list's content as one list: the README gives content as
// "unstyled HTML of list elements", and Lever's demo postings send <li>
// items (as mirrored in NangoHQ/integration-templates,
// integrations/lever/mocks/nango/get/proxy/v1/postings/get-posting.json),
// which get their <ul>; content that already is a <ul> or <ol> (or any
// other block, such as a <p>) is kept as it is: wrapping it again gave a
// <ul> inside a <ul>.
func listHTML(content string) string {
	content = strings.TrimSpace(content)
	if !reItems.MatchString(content) {
		return content
	}
	return "<ul>" + content + "</ul>"
}

// reItems is content that starts with a list item.
var reItems = regexp.MustCompile(`(?i)^<li[\s>]`)

// locations are allLocations (or the one location) as cities, in the
// posting's country when Lever gives one (ISO 3166-1 alpha-2, or null).
// A location is the account's free text (postings-api README, "Get a list
// of job postings": categories.location and allLocations name no parts),
// often "City, Country" ("Oslo, Norway"): a country named after the last
// comma is split off into the location's country, which it overrides for
// that location (a posting in Oslo and Stockholm has one country field).
func (p Posting) locations() []ad.Location {
	country := strings.ToUpper(strings.TrimSpace(p.Country))
	if len(country) != 2 {
		country = ""
	}
	cities := p.Categories.AllLocations
	if len(cities) == 0 {
		cities = []string{p.Categories.Location}
	}
	var out []ad.Location
	seen := map[ad.Location]bool{}
	for _, c := range cities {
		city, cc := places.SplitCountry(strings.TrimSpace(c))
		l := ad.Location{City: city, Country: cmp.Or(cc, country)}
		if city != "" && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	if len(out) == 0 && country != "" {
		out = []ad.Location{{Country: country}}
	}
	return out
}

// remote maps workplaceType (unspecified, on-site, remote, hybrid);
// "onsite" is accepted too, as some sites send it.
func remote(t string) string {
	switch strings.ToLower(strings.TrimSpace(t)) {
	case "on-site", "onsite":
		return "none"
	case "remote":
		return "full"
	case "hybrid":
		return "hybrid"
	}
	return ""
}

// periods maps salaryRange.interval ([I], see the package doc).
var periods = map[string]string{"per-year-salary": "year", "per-month-salary": "month", "per-week-salary": "week",
	"per-day-wage": "day", "per-hour-wage": "hour"}

func (s *Salary) pay() *ad.Salary {
	if s == nil || (s.Min == 0 && s.Max == 0) {
		return nil
	}
	return &ad.Salary{Min: s.Min, Max: s.Max, Currency: strings.ToUpper(strings.TrimSpace(s.Currency)),
		Period: periods[strings.ToLower(strings.TrimSpace(s.Interval))]}
}

// employment maps the commitment, free text the customer names in Lever
// ("Full-time", "Part-time", "Contract", "Intern", "Temporary",
// "Permanent"), word by word so "Internal" is not an internship.
func employment(commitment string) (kind, extent string) {
	words := strings.FieldsFunc(strings.ToLower(commitment), func(r rune) bool { return !unicode.IsLetter(r) })
	for i, w := range words {
		switch {
		case w == "full" || w == "fulltime" || w == "heltid":
			extent = "full_time"
		case w == "part" || w == "parttime" || w == "deltid":
			extent = "part_time"
		case w == "permanent":
			kind = "permanent"
		case w == "temporary" || w == "temp" || (w == "fixed" && i+1 < len(words) && words[i+1] == "term"):
			kind = "temporary"
		case strings.HasPrefix(w, "contract") || strings.HasPrefix(w, "freelance"):
			kind = "contract"
		case w == "intern" || w == "internship" || w == "trainee":
			kind = "internship"
		case w == "seasonal":
			kind = "seasonal"
		case strings.HasPrefix(w, "apprentice"):
			kind = "apprenticeship"
		case strings.HasPrefix(w, "volunteer"):
			kind = "volunteer"
		}
	}
	return kind, extent
}
