package workbuster

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/jobgate/jobgate/connectors"
)

// Job is one job of the feed, with the fields the public consumer reads
// (package doc). null in any of them reads as absent.
type Job struct {
	ID               connectors.FlexString `json:"id"`
	Title            string                `json:"title"`
	DescriptionShort string                `json:"description_short"`
	// LastApplication is last_application_timestamp, RFC 3339 with the
	// customer's offset: the end of the closing day.
	LastApplication string `json:"last_application_timestamp"`
	// PublishedFirst and Updated are read for completeness; the canonical
	// ad has no place for them.
	PublishedFirst string     `json:"published_first_date"`
	Updated        string     `json:"updated_timestamp"`
	ApplyURL       string     `json:"apply_url"`
	Image          string     `json:"image"`
	Company        company    `json:"company"`
	Location       location   `json:"location"`
	Department     department `json:"department"`

	// problem is why the job cannot be read as it came (its
	// connectors.Posting's Problem), or "".
	problem string
}

type company struct {
	Name string `json:"name"`
	City string `json:"city"`
}

type location struct {
	City string `json:"city"`
	Name string `json:"name"`
}

type department struct {
	Name string `json:"name"`
}

// Reference is the ad's key: Workbuster's job id.
func (j Job) Reference() string { return strings.TrimSpace(string(j.ID)) }

// ParseFeed reads a feed body, {"jobs": [...]}. It fails on anything else
// (a list, an error object, an HTML page, a cut body, "jobs" missing or
// null), on a job without an id and on an id listed twice, so a damaged
// feed withdraws nothing. A job with an id that cannot be read as it came
// (a NUL, a control character, bytes that are not UTF-8, a value of the
// wrong type) is returned with its problem, to be skipped; it does not
// fail the feed.
func ParseFeed(body []byte) ([]Job, error) {
	elems, problems, err := connectors.JSONObjectArray(body, "jobs")
	if err != nil {
		return nil, fmt.Errorf("workbuster: malformed feed: %w", err)
	}
	jobs := make([]Job, len(elems))
	seen := make(map[string]bool, len(elems))
	for i, raw := range elems {
		jobs[i] = readJob(raw)
		if problems[i] != "" {
			jobs[i].problem = problems[i]
		}
		ref := jobs[i].Reference()
		if ref == "" {
			return nil, fmt.Errorf("workbuster: job %d has no id", i)
		}
		if seen[ref] {
			return nil, fmt.Errorf("workbuster: job %s is listed twice", ref)
		}
		seen[ref] = true
	}
	return jobs, nil
}

// readJob decodes one job; one with a value of the wrong type keeps only
// its id, and says which field was wrong.
func readJob(raw json.RawMessage) Job {
	var j Job
	err := json.Unmarshal(raw, &j)
	if err == nil {
		return j
	}
	var id struct {
		ID connectors.FlexString `json:"id"`
	}
	_ = json.Unmarshal(raw, &id)
	j = Job{ID: id.ID, problem: "malformed job"}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		j.problem = te.Field + ": a value of the wrong type"
	}
	return j
}
