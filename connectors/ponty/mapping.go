package ponty

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
)

// Payload is the ad Ponty pushes, with the fields jobgate uses (from the
// connector's docs-page.php and dummy-ad.json); unknown fields are ignored.
type Payload struct {
	AssignmentID     connectors.FlexString `json:"assignment_id"`
	SystemSlug       string                `json:"system_slug"`
	Title            string                `json:"title"`
	Body             string                `json:"body"`
	Excerpt          string                `json:"excerpt"`
	PublishDate      string                `json:"publish_date"`
	WithdrawalDate   string                `json:"withdrawal_date"`
	OrganizationName string                `json:"organization_name"`
	Name             string                `json:"name"`
	UserTitle        string                `json:"user_title"`
	Phone            string                `json:"phone"`
	Email            string                `json:"email"`
	Location         string                `json:"location"`
	Region           string                `json:"region"`
	Address          *struct {
		Address    string `json:"address"`
		PostalCode string `json:"postalcode"`
		City       string `json:"city"`
		Country    string `json:"country"`
	} `json:"address"`
	Language         string `json:"language"`
	Showcase         bool   `json:"showcase"`
	ExternalApplyURL string `json:"external_apply_url"`
}

// Decode reads a pushed ad. It fails, naming the field, on malformed JSON,
// a missing assignment_id or system_slug, or a showcase page (Ponty's
// non-job content).
func Decode(body []byte) (Payload, error) {
	var p Payload
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&p); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return p, fmt.Errorf("invalid field: %s", te.Field)
		}
		return p, errors.New("the body is not a JSON object")
	}
	switch {
	case strings.TrimSpace(string(p.AssignmentID)) == "":
		return p, errors.New("missing field: assignment_id")
	case strings.TrimSpace(p.SystemSlug) == "":
		return p, errors.New("missing field: system_slug")
	case p.Showcase:
		return p, errors.New("showcase pages are not job ads")
	}
	if _, err := publishAt(p.PublishDate); err != nil {
		return p, err
	}
	return p, nil
}

// publishDateLayouts are the forms publish_date takes: a date, as in the
// reference's dummy-ad.json ("2022-05-01"), or a date and time as
// WordPress stores post_date ("2022-05-01 08:00:00"), or the same with a
// T, with or without an offset.
var publishDateLayouts = []string{time.DateOnly, time.DateTime, "2006-01-02T15:04:05", time.RFC3339}

// publishAt reads publish_date into the canonical publish_at (RFC 3339,
// UTC); "" for none. The reference receiver hands publish_date to
// WordPress as both post_date and post_date_gmt
// (ponty-connector/ponty-connector.php, api), and WordPress schedules a
// post whose post_date_gmt is in the future (status "future") and
// publishes it when that GMT moment comes: a publish_date without an
// offset is therefore a UTC time, and a date alone is its midnight UTC.
func publishAt(date string) (string, error) {
	date = strings.TrimSpace(date)
	if date == "" {
		return "", nil
	}
	for _, layout := range publishDateLayouts {
		if t, err := time.ParseInLocation(layout, date, time.UTC); err == nil {
			return t.UTC().Format(ad.PublishAtLayout), nil
		}
	}
	return "", errors.New("invalid field: publish_date (a date, YYYY-MM-DD, or a date and time, YYYY-MM-DD HH:MM:SS)")
}

// Reference is the ad's upsert key: system_slug and assignment_id.
func (p Payload) Reference() string {
	return reference(p.SystemSlug, string(p.AssignmentID))
}

func reference(slug, assignmentID string) string {
	return strings.TrimSpace(slug) + ":" + strings.TrimSpace(assignmentID)
}

// Ad maps the payload to the canonical ad; jobgate validates it after.
func (p Payload) Ad() ad.Ad {
	a := ad.Ad{Title: p.Title, Description: p.Body, Language: strings.ToLower(p.Language),
		Employer: ad.Employer{Name: p.OrganizationName}, Deadline: connectors.DateOnly(p.WithdrawalDate), ApplyURL: p.ExternalApplyURL}
	a.PublishAt, _ = publishAt(p.PublishDate) // Decode refused one it cannot read
	if a.Description == "" {
		a.Description = p.Excerpt
	}
	if loc := p.location(); loc != (ad.Location{}) {
		a.Locations = []ad.Location{loc}
	}
	if p.Name != "" || p.Email != "" || p.Phone != "" {
		a.Contact = &ad.Contact{Name: p.Name, Title: p.UserTitle, Email: p.Email, Phone: p.Phone}
	}
	// name, user_title, email, phone (and user_profile_image) are the
	// assignment's contact person, a Ponty user (ponty-tech/connector
	// ponty-connector/docs-page.php and dummy-ad.json): the ad's
	// recruiting team in jobgate. client_contact is the staffing client's
	// person, not a recruiter, and is not used.
	if e := strings.TrimSpace(p.Email); e != "" {
		a.Recruiters = []string{e}
	}
	return a
}

func (p Payload) location() ad.Location {
	// region is a county ("Västra Götaland"): the canonical ad has no
	// place for it, and it is not a municipality.
	l := ad.Location{City: p.Location}
	if p.Address != nil {
		l.Address, l.PostalCode = p.Address.Address, p.Address.PostalCode
		if p.Address.City != "" {
			l.City = p.Address.City
		}
		l.Country = countryCode(p.Address.Country)
	}
	return l
}

// countryCode maps the country names Ponty's customers use to ISO 3166
// codes; a name it does not know is dropped rather than refused.
func countryCode(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	if len(n) == 2 {
		return strings.ToUpper(n)
	}
	codes := map[string]string{"sverige": "SE", "sweden": "SE", "norge": "NO", "norway": "NO", "danmark": "DK",
		"denmark": "DK", "finland": "FI", "suomi": "FI", "island": "IS", "iceland": "IS"}
	return codes[n]
}

// pontyField names a canonical field as Ponty's payload calls it.
func pontyField(canonical string) string {
	names := map[string]string{"title": "title", "description": "body", "employer.name": "organization_name",
		"deadline": "withdrawal_date", "apply_url": "external_apply_url", "language": "language",
		"contact.email": "email", "contact.phone": "phone", "contact.name": "name", "publish_at": "publish_date"}
	if n, ok := names[canonical]; ok {
		return n
	}
	if strings.HasPrefix(canonical, "locations") {
		return "address"
	}
	return canonical
}
