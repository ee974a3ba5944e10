package sim

import (
	"fmt"
	"html"
	"strings"
)

// posting renders p in Lever's shape (§2.1). Lever has no deadline,
// contact or language field, so the deadline and contact are written into
// additional, as Lever customers do in the text.
func (l leverWire) posting(p Posting) leverPosting {
	hosted := "https://jobs.lever.co/"
	if l.eu {
		hosted = "https://jobs.eu.lever.co/" // [I] the EU instance's job site
	}
	hosted += l.site + "/" + p.ID
	apply := p.ApplyURL
	if apply == "" {
		apply = hosted + "/apply"
	}
	body := p.DescriptionHTML + p.revisionHTML()
	additional := leverAdditional(p)
	lp := leverPosting{
		ID: p.ID, Text: p.Title, Country: p.Country,
		Categories: leverCategories{Location: p.City, Commitment: leverCommitment(p), Team: p.Team,
			Department: p.Department, AllLocations: []string{}},
		Opening: p.Opening, OpeningPlain: plainText(p.Opening),
		Description: p.Opening + body, DescriptionPlain: plainText(p.Opening + body),
		DescriptionBody: body, DescriptionBodyPlain: plainText(body),
		Lists:      []leverList{},
		Additional: additional, AdditionalPlain: plainText(additional),
		HostedURL: hosted, ApplyURL: apply, WorkplaceType: leverWorkplace[p.Remote],
		CreatedAt: p.Created.UnixMilli(),
	}
	if p.City != "" {
		lp.Categories.AllLocations = []string{p.City}
	}
	if lp.WorkplaceType == "" {
		lp.WorkplaceType = "unspecified"
	}
	for _, list := range []leverList{{"Kvalifikasjoner", liHTML(p.Requirements)}, {"Vi tilbyr", liHTML(p.Benefits)}} {
		if list.Content != "" {
			lp.Lists = append(lp.Lists, list)
		}
	}
	if p.SalaryMin > 0 || p.SalaryMax > 0 {
		lp.SalaryRange = &leverSalary{Currency: p.SalaryCurrency, Interval: leverInterval(p.SalaryPeriod), Min: p.SalaryMin, Max: p.SalaryMax}
		lp.SalaryDescription = fmt.Sprintf("<p>Lønn: %s %d–%d %s.</p>", p.SalaryCurrency, p.SalaryMin, p.SalaryMax, salaryPer[p.SalaryPeriod])
		lp.SalaryDescriptionPlain = plainText(lp.SalaryDescription)
	}
	return lp
}

// leverWorkplace maps jobgate's remote to Lever's workplaceType.
var leverWorkplace = map[string]string{"none": "on-site", "hybrid": "hybrid", "full": "remote"}

// salaryPer is the Norwegian "per ..." of a pay period.
var salaryPer = map[string]string{"hour": "per time", "day": "per dag", "week": "per uke", "month": "per måned", "year": "per år"}

// leverInterval is salaryRange.interval: Lever's values are like
// "per-year-salary" and "per-hour-wage".
func leverInterval(period string) string {
	switch period {
	case "hour", "day":
		return "per-" + period + "-wage"
	case "":
		return "per-year-salary"
	}
	return "per-" + period + "-salary"
}

// leverCommitment is categories.commitment: Posting.Commitment verbatim,
// else the terms in the English words Lever's defaults use ("Full-time").
func leverCommitment(p Posting) string {
	if p.Commitment != "" {
		return p.Commitment
	}
	var parts []string
	if k := commitmentKinds[p.EmploymentType]; k != "" {
		parts = append(parts, k)
	}
	switch p.Extent {
	case "full_time":
		parts = append(parts, "Full-time")
	case "part_time":
		parts = append(parts, "Part-time")
	}
	return strings.Join(parts, ", ")
}

var commitmentKinds = map[string]string{"permanent": "Permanent", "temporary": "Temporary", "contract": "Contract",
	"seasonal": "Seasonal", "internship": "Internship", "apprenticeship": "Apprenticeship", "volunteer": "Volunteer"}

// leverAdditional is the closing text: deadline and contact, if any.
func leverAdditional(p Posting) string {
	var b strings.Builder
	if p.Deadline != "" {
		b.WriteString("<p>Søknadsfrist: " + html.EscapeString(p.Deadline) + ".</p>")
	}
	if p.ContactName != "" {
		contact := strings.Join(nonEmpty(p.ContactName, p.ContactPhone, p.ContactEmail), ", ")
		b.WriteString("<p>Spørsmål om stillingen? Kontakt " + html.EscapeString(contact) + ".</p>")
	}
	return b.String()
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
