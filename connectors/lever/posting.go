package lever

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Posting is one posting of the list, with the fields jobgate uses (the
// README's JSON-mode field table); the *Plain variants are ignored but
// for a description with no HTML at all.
type Posting struct {
	ID               string     `json:"id"`
	Text             string     `json:"text"`
	Categories       Categories `json:"categories"`
	Country          string     `json:"country"`
	Opening          string     `json:"opening"`
	Description      string     `json:"description"`
	DescriptionPlain string     `json:"descriptionPlain"`
	DescriptionBody  string     `json:"descriptionBody"`
	Lists            []List     `json:"lists"`
	Additional       string     `json:"additional"`
	HostedURL        string     `json:"hostedUrl"`
	ApplyURL         string     `json:"applyUrl"`
	WorkplaceType    string     `json:"workplaceType"`
	SalaryRange      *Salary    `json:"salaryRange"`
}

// Categories are the posting's location, commitment, team and
// department, as the customer named them in Lever.
type Categories struct {
	Location     string   `json:"location"`
	AllLocations []string `json:"allLocations"`
	Commitment   string   `json:"commitment"`
	Team         string   `json:"team"`
	Department   string   `json:"department"`
}

// List is an extra list of the posting (requirements, benefits): a
// heading and its <li> items as HTML.
type List struct {
	Text    string `json:"text"`
	Content string `json:"content"`
}

// Salary is Lever's optional salaryRange.
type Salary struct {
	Currency string  `json:"currency"`
	Interval string  `json:"interval"`
	Min      float64 `json:"min"`
	Max      float64 `json:"max"`
}

// Reference is the ad's key: Lever's posting id.
func (p Posting) Reference() string { return strings.TrimSpace(p.ID) }

// ParsePage reads one page of the list: a JSON array of postings. It fails
// on anything else (an error object, an HTML page, a cut body) and on a
// posting without an id, so a damaged page withdraws nothing.
func ParsePage(body []byte) ([]Posting, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '[' {
		return nil, errors.New("malformed page: not a JSON array of postings")
	}
	var ps []Posting
	if err := json.Unmarshal(trimmed, &ps); err != nil {
		return nil, fmt.Errorf("malformed page: %w", err)
	}
	for i, p := range ps {
		if p.Reference() == "" {
			return nil, fmt.Errorf("posting %d of the page has no id", i)
		}
	}
	return ps, nil
}
