// Package jobylon reads Jobylon's partner job feed and maps its jobs to the
// canonical ad. The format is Jobylon's developer docs
// (github.com/jobylon/jbl-developer, source/api-feed.html.md;
// https://developer.jobylon.com/feed-api): GET /feeds/<hash>/ lists the
// client's current jobs, as XML by default or JSON with ?format=json.
//
// Inferred, not documented ([I] in research/ats-vendors.md §3.1): to_date,
// the end of the advertising period, is used as the application deadline.
// The poller that keeps the board in step with the feed is issue 5's; this
// package is its parser and mapping.
package jobylon

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/jobgate/jobgate/connectors"
)

// Job is one feed job, with the fields jobgate uses. Lists are wrapped as
// Jobylon wraps them: {"category":{...}} in JSON, <category> in XML.
type Job struct {
	ID             connectors.FlexString `json:"id" xml:"id"`
	Title          string                `json:"title" xml:"title"`
	Descr          string                `json:"descr" xml:"descr"`
	Skills         string                `json:"skills" xml:"skills"`
	EmploymentType string                `json:"employment_type" xml:"employment_type"`
	ToDate         string                `json:"to_date" xml:"to_date"`
	Language       string                `json:"language" xml:"language"`
	Categories     []struct {
		Category category `json:"category"`
	} `json:"categories"`
	XMLCategories []category `json:"-" xml:"categories>category"`
	Departments   []struct {
		Department department `json:"department"`
	} `json:"departments"`
	// In XML, each <departments> element is one department (the XSD has
	// descr and id directly inside it).
	XMLDepartments []department `json:"-" xml:"departments"`
	Company        company      `json:"company" xml:"company"`
	Contact        contact      `json:"contact" xml:"contact"`
	Locations      []struct {
		Location location `json:"location"`
	} `json:"locations"`
	XMLLocations []location `json:"-" xml:"locations>location"`
	URLs         struct {
		Ad    string `json:"ad" xml:"ad"`
		Apply string `json:"apply" xml:"apply"`
	} `json:"urls" xml:"urls"`
}

type category struct {
	Text string `json:"text" xml:"text"`
}

type department struct {
	Descr string `json:"descr" xml:"descr"`
}

type company struct {
	Name    string `json:"name" xml:"name"`
	Website string `json:"website" xml:"website"`
}

type contact struct {
	Name  string `json:"name" xml:"name"`
	Email string `json:"email" xml:"email"`
	Phone string `json:"phone" xml:"phone"`
}

type location struct {
	City         string `json:"city" xml:"city"`
	Municipality string `json:"municipality" xml:"municipality"`
	PostalCode   string `json:"postal_code" xml:"postal_code"`
	CountryShort string `json:"country_short" xml:"country_short"`
}

// ParseFeed reads a feed body, JSON (an array of jobs) or XML (<jobs> of
// <job>, or one <job>), chosen by its first byte. A job without an id is
// refused, naming it, so a damaged feed withdraws nothing.
func ParseFeed(body []byte) ([]Job, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, errors.New("jobylon: empty feed body")
	}
	var jobs []Job
	var err error
	switch trimmed[0] {
	case '[':
		err = json.Unmarshal(trimmed, &jobs)
	case '<':
		jobs, err = parseXML(trimmed)
	default:
		err = errors.New("neither JSON nor XML (an HTML error page?)")
	}
	if err != nil {
		return nil, fmt.Errorf("jobylon: malformed feed: %w", err)
	}
	for i, j := range jobs {
		if strings.TrimSpace(string(j.ID)) == "" {
			return nil, fmt.Errorf("jobylon: job %d has no id", i)
		}
	}
	return jobs, nil
}

// parseXML reads <jobs><job>…</job></jobs> or a lone <job>. encoding/xml
// expands no external or custom entities: an undefined entity is an error.
func parseXML(body []byte) ([]Job, error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	var jobs []Job
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return jobs, nil
		}
		if err != nil {
			return nil, err
		}
		start, ok := tok.(xml.StartElement)
		if !ok || start.Name.Local != "job" {
			continue
		}
		var j Job
		if err := dec.DecodeElement(&j, &start); err != nil {
			return nil, err
		}
		jobs = append(jobs, j)
	}
}
