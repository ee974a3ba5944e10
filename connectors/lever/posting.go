package lever

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/jobgate/jobgate/connectors"
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

	// problem is why the posting cannot be read as it came (its
	// connectors.Posting's Problem), or "".
	problem string
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
// posting without an id, so a damaged page withdraws nothing. A posting
// that has an id but cannot be read as it came (a NUL, bytes that are
// not UTF-8, a value of the wrong type) is returned with its problem, to
// be skipped: it does not fail the page.
func ParsePage(body []byte) ([]Posting, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '[' {
		return nil, errors.New("malformed page: not a JSON array of postings")
	}
	elems, problems, err := connectors.JSONArray(trimmed)
	if err != nil {
		return nil, fmt.Errorf("malformed page: %w", err)
	}
	ps := make([]Posting, len(elems))
	for i, raw := range elems {
		ps[i] = readPosting(raw)
		if problems[i] != "" {
			ps[i].problem = problems[i]
		}
		if ps[i].Reference() == "" {
			return nil, fmt.Errorf("posting %d of the page has no id", i)
		}
	}
	return ps, nil
}

// readPosting decodes one posting; one with a value of the wrong type
// keeps only its id, and says which field was wrong.
func readPosting(raw json.RawMessage) Posting {
	var p Posting
	err := json.Unmarshal(raw, &p)
	if err == nil {
		return p
	}
	var id struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(raw, &id)
	p = Posting{ID: id.ID, problem: "malformed posting"}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		p.problem = te.Field + ": " + "a value of the wrong type"
	}
	return p
}
