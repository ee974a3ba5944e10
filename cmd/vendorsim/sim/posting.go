package sim

import (
	"html"
	"strconv"
	"strings"
	"time"
)

// Posting is one job ad as a simulated feed holds it, in no vendor's
// shape: Lever, Jobylon, ReachMee and Workbuster each render it into
// their own wire format (lever_feed.go, jobylon_feed.go, reachmee_feed.go,
// workbuster_feed.go), so a test drives the vendors the same way. Enumerated fields take jobgate's
// canonical values (README, "The canonical ad"); a vendor without a field
// (Lever has no deadline or contact, research/ats-vendors.md §2.1; ReachMee
// no salary, §4) simply does not render it.
type Posting struct {
	// ID is the vendor's id for the ad, rendered verbatim: Lever's id,
	// Jobylon's id, ReachMee's CommAdSeqNo.
	ID string `json:"id"`
	// Title is the ad's headline.
	Title string `json:"title"`
	// Opening is an HTML introduction (Lever's opening); the other vendors
	// put it first in the description.
	Opening string `json:"opening,omitempty"`
	// DescriptionHTML is the body of the ad, HTML.
	DescriptionHTML string `json:"description_html"`
	// Requirements and Benefits are list items (Lever's lists, Jobylon's
	// skills; appended to the description elsewhere).
	Requirements []string `json:"requirements,omitempty"`
	// Benefits are what the employer offers, one item each.
	Benefits []string `json:"benefits,omitempty"`
	// Company is the employer's name; CompanyWebsite its site.
	Company        string `json:"company"`
	CompanyWebsite string `json:"company_website,omitempty"`
	// Department and Team are org units (Lever categories, Jobylon
	// departments, ReachMee Org2 and Org3).
	Department string `json:"department,omitempty"`
	Team       string `json:"team,omitempty"`
	// Category is the occupational field (Jobylon categories, ReachMee
	// occupationArea); Occupation the role (Jobylon function, ReachMee
	// Position).
	Category   string `json:"category,omitempty"`
	Occupation string `json:"occupation,omitempty"`
	// Address, PostalCode, City, Municipality, Region (county) and Country
	// (ISO 3166-1 alpha-2) place the job.
	Address      string `json:"address,omitempty"`
	PostalCode   string `json:"postal_code,omitempty"`
	City         string `json:"city,omitempty"`
	Municipality string `json:"municipality,omitempty"`
	Region       string `json:"region,omitempty"`
	Country      string `json:"country,omitempty"`
	// EmploymentType is permanent, temporary, contract, seasonal,
	// internship, apprenticeship, volunteer or other.
	EmploymentType string `json:"employment_type,omitempty"`
	// Extent is full_time or part_time.
	Extent string `json:"extent,omitempty"`
	// Commitment, when set, is Lever's commitment text verbatim; otherwise
	// it is made from EmploymentType and Extent.
	Commitment string `json:"commitment,omitempty"`
	// Remote is none, hybrid or full (Lever's workplaceType on-site,
	// hybrid, remote).
	Remote string `json:"remote,omitempty"`
	// SalaryMin and SalaryMax bound the pay, in SalaryCurrency (ISO 4217)
	// per SalaryPeriod (hour, day, week, month, year). Lever only.
	SalaryMin      int    `json:"salary_min,omitempty"`
	SalaryMax      int    `json:"salary_max,omitempty"`
	SalaryCurrency string `json:"salary_currency,omitempty"`
	SalaryPeriod   string `json:"salary_period,omitempty"`
	// Deadline is the last day to apply, YYYY-MM-DD (Jobylon to_date,
	// ReachMee pubDateTo; Lever only mentions it in the text).
	Deadline string `json:"deadline,omitempty"`
	// ContactName, ContactEmail and ContactPhone are the recruiter
	// (Jobylon's contact; in the text elsewhere). Generated ones are
	// fictional.
	ContactName  string `json:"contact_name,omitempty"`
	ContactEmail string `json:"contact_email,omitempty"`
	ContactPhone string `json:"contact_phone,omitempty"`
	// Language is ISO 639-1 (Jobylon's language).
	Language string `json:"language,omitempty"`
	// ApplyURL, when set, replaces the vendor's own apply link.
	ApplyURL string `json:"apply_url,omitempty"`
	// Created is when the ad was published (Lever createdAt, Jobylon
	// from_date, ReachMee pubDate); zero means when it was first put.
	Created time.Time `json:"created,omitzero"`
	// Revision counts Touch's edits; when non-zero every vendor appends a
	// paragraph naming it to the description, so the ad really changes.
	Revision int `json:"revision,omitempty"`
}

// bodyHTML is the description the vendors without an opening field show:
// the opening, the body and the revision marker.
func (p Posting) bodyHTML() string {
	return p.Opening + p.DescriptionHTML + p.revisionHTML()
}

// revisionHTML is Touch's visible edit.
func (p Posting) revisionHTML() string {
	if p.Revision == 0 {
		return ""
	}
	return "<p>Annonsen er oppdatert (revisjon " + strconv.Itoa(p.Revision) + ").</p>"
}

// fullHTML is the description with the lists, for vendors with no list
// fields (ReachMee).
func (p Posting) fullHTML() string {
	return p.bodyHTML() + listHTML("Kvalifikasjoner", p.Requirements) + listHTML("Vi tilbyr", p.Benefits)
}

// listHTML is a headed <ul>, or nothing for no items.
func listHTML(heading string, items []string) string {
	if len(items) == 0 {
		return ""
	}
	return "<p><strong>" + heading + "</strong></p><ul>" + liHTML(items) + "</ul>"
}

// liHTML is the items as <li> elements, escaped.
func liHTML(items []string) string {
	var b strings.Builder
	for _, it := range items {
		b.WriteString("<li>" + html.EscapeString(it) + "</li>")
	}
	return b.String()
}

// plainText strips tags and entities, for Lever's *Plain twins.
func plainText(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
			b.WriteByte(' ')
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}
