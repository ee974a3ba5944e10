// Package jobylon reads Jobylon's partner job feed and maps its jobs to the
// canonical ad. The format is Jobylon's developer docs
// (github.com/jobylon/jbl-developer, source/api-feed.html.md;
// https://developer.jobylon.com/feed-api): GET /feeds/<hash>/ lists the
// client's current jobs, as XML by default or JSON with ?format=json.
//
// The integration gives the whole feed URL (setting feed_url, with its
// hash: an access token, so it is never logged or quoted in an error);
// Snapshot fetches it with the validators of the last poll (If-None-Match,
// If-Modified-Since) and passes a 304 through.
//
// Inferred or unknown, and how jobgate handles it (research/ats-vendors.md
// §3.1):
//   - [I] to_date, the end of the advertising period, is used as the
//     application deadline.
//   - [U] The feed host: feed_url is taken as given, any http(s) URL.
//   - [U] The XML list's root element (the docs show one <job>): jobgate
//     reads <job> elements under any root, but an empty list only under
//     <jobs>, so an unexpected document never reads as "no jobs".
//   - [U] Whether Jobylon answers conditional requests: validators are sent
//     when the last answer had them, and a full answer is taken as well.
//
// Direct apply is Jobylon's Push API (api-push.html.md;
// research/ats-vendors.md §3.2): each application is POSTed as
// multipart/form-data to {push_url}/p1/applications/ (the trailing slash
// is required) with the headers X-App-Id and X-App-Key (setting app_id,
// secret app_key: the credentials Jobylon issued to the board). Fields:
// job_id (the feed's job id), first_name, last_name, email, phone, message
// (the cover letter text), source_type, source_json, and the files cv,
// cover_letter and other_1 to other_5. source_json is
// {"partner_name": <the board>, "questions": [{order, question,
// question_type, answer}]}, the screening answers with their questions:
// text, textarea, number, date and file questions are question_type text
// (a file's answer names the other_N field that carries it), range is
// range (a number), select is select-one and multiselect select-multiple
// (a list). Jobylon answers 201 {"id": <application id>}; 400 refuses the
// application (also for a job the app cannot access, so a closed job is a
// refusal with Jobylon's message, not told apart), 403 the credentials.
// The app key is never in an error.
//
// Inferred or unknown about the Push API, and how jobgate handles it:
//   - [U]/[I] The production host: the docs read show only the staging
//     host (StagingPushURL, https://staging.jobylon.com); jobgate assumes
//     https://www.jobylon.com (DefaultPushURL) and the setting push_url
//     overrides it.
//   - [I] source_type is applied by default (Jobylon sends the candidate
//     its thank-you mail); source_type=applied-silent when the board
//     confirms the application itself. recommended and sourced are not
//     what a board's candidate did, so they are refused.
//   - [U] Rate limits and idempotency keys are not documented: jobgate
//     sends no key, so a retry after a timeout (Jobylon took the
//     application but its answer was lost) can create a second
//     application.
//   - [U] The error body: applyhttp reads error, message or detail, else
//     the text.
//   - [C] Only five other files (other_1 to other_5): an application with
//     more is refused before it is sent, naming the count. A second CV or
//     cover letter is sent as another file.
//   - The docs' response example is a Python dict ({'id': 123}); that
//     form's id is read too.
package jobylon

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

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

	// problem is why the job cannot be read as it came (its
	// connectors.Posting's Problem), or "".
	problem string
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
// <job>, or one <job>), chosen by its first byte. A job without an id and
// an id listed twice are refused, naming it, so a damaged feed withdraws
// nothing. A job with an id that cannot be read as it came (a NUL,
// another control character, bytes that are not UTF-8) is returned with
// its problem, to be skipped; it does not fail the feed.
func ParseFeed(body []byte) ([]Job, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, errors.New("jobylon: empty feed body")
	}
	var jobs []Job
	var err error
	switch trimmed[0] {
	case '[':
		jobs, err = parseJSON(trimmed)
	case '<':
		jobs, err = parseXML(trimmed)
	default:
		err = errors.New("neither JSON nor XML (an HTML error page?)")
	}
	if err != nil {
		return nil, fmt.Errorf("jobylon: malformed feed: %w", err)
	}
	seen := make(map[string]bool, len(jobs))
	for i, j := range jobs {
		ref := j.Reference()
		if ref == "" {
			return nil, fmt.Errorf("jobylon: job %d has no id", i)
		}
		if seen[ref] {
			return nil, fmt.Errorf("jobylon: job %s is listed twice", ref)
		}
		seen[ref] = true
	}
	return jobs, nil
}

// parseJSON reads the jobs of a JSON feed one by one, each with its
// problem.
func parseJSON(body []byte) ([]Job, error) {
	elems, problems, err := connectors.JSONArray(body)
	if err != nil {
		return nil, err
	}
	jobs := make([]Job, len(elems))
	for i, raw := range elems {
		if err := json.Unmarshal(raw, &jobs[i]); err != nil {
			return nil, fmt.Errorf("job %d: %w", i, err)
		}
		jobs[i].problem = problems[i]
	}
	return jobs, nil
}
