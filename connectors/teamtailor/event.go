// Package teamtailor receives ads from Teamtailor's job-board integration
// and maps them to the canonical ad. The wire format is Teamtailor's
// partner documentation
// (https://partner.teamtailor.com/job_boards, source
// github.com/Teamtailor/tt-partner-docs, source/includes/job_boards/
// _webhooks.md.erb): kebab-case JSON with the event id, the ad's
// reference-id, the company, and the job.
//
// Inferred, not documented ([I] in research/ats-vendors.md §1.2): the
// day before the job's end-date (when Teamtailor unlists the ad) is the
// application deadline (its last day), and remote-status "temporary" is
// mapped to hybrid.
// Not documented [U]: what is signed on a DELETE; jobgate takes the empty
// body.
//
// Direct apply (apply*.go) uses Teamtailor's Direct Apply API
// (https://partner.teamtailor.com/job_boards/#direct-apply, source
// source/includes/job_boards/direct_apply/_index.md.erb;
// research/ats-vendors.md §1.5): GET {BASE_URL}/inquiry for the job's
// form and POST {BASE_URL}/apply for the application, both with the
// headers JobBoardId and ReferenceNumber (the ad's reference-id) and
// X-Api-Signature, base64 of the hex HMAC-SHA256 of the body ("" for
// /inquiry) keyed with the board's Integrations Hub key (the same secret
// as the push side's). What is not certain is configurable:
//
//   - [I] The base URL: the documented production URL
//     (DefaultApplyBaseURL) is an API Gateway address that may change.
//     WithApply sets the board's, the integration setting apply_base_url
//     overrides it per integration.
//   - [I] The JobBoardId: taken to be the webhook's job-board-id. WithApply
//     gives the board's default, the integration setting job_board_id
//     overrides it; without either the integration is not ready for
//     direct apply (CanApply) and its candidates are redirected.
//   - [U] The /apply answer, its error codes, rate limits and idempotency
//     are not documented: any 2xx is delivered (a JSON "id" in it is kept),
//     others are classified as for every intake (409/410 the job is closed,
//     400/422 refused, 401/403 credentials, 429 and 5xx retried), and the
//     application's id is sent as referer-id every time, so Teamtailor can
//     tell a redelivery.
//
// Unknown question types (the docs' example has "color") are asked as
// text; option values, documented as strings and sent as booleans and
// numbers, are read as their text ("true", "4"), as the answers send them;
// a date answer is sent as the docs' example writes it ("25/12/1995").
package teamtailor

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jobgate/jobgate/connectors"
)

// Event is a POST/PUT {base_url}/webhook body, with the fields jobgate uses.
type Event struct {
	// ID is the event id: a redelivered event has the same one.
	ID          string                `json:"id"`
	ReferenceID connectors.FlexString `json:"reference-id"`
	JobBoardID  string                `json:"job-board-id"`
	WebhookData map[string]any        `json:"webhook-data"`
	Location    *Place                `json:"location"`
	Company     Company               `json:"company"`
	Job         Job                   `json:"job"`
}

// Place is Teamtailor's location object.
type Place struct {
	Address     string `json:"address"`
	City        string `json:"city"`
	Country     string `json:"country"`
	CountryCode string `json:"country-code"`
	Zip         string `json:"zip"`
}

// Company is the employer.
type Company struct {
	Name string `json:"name"`
	URL  string `json:"url"`
	UUID string `json:"uuid"`
}

// Job is the ad itself.
type Job struct {
	Title          string  `json:"title"`
	Body           string  `json:"body"`
	Pitch          string  `json:"pitch"`
	RemoteStatus   string  `json:"remote-status"`
	EmploymentType string  `json:"employment-type"`
	URL            string  `json:"url"`
	ApplyURL       string  `json:"apply-url"`
	EndDate        string  `json:"end-date"`
	Department     *named  `json:"department"`
	Role           *named  `json:"role"`
	Recruiter      *person `json:"recruiter"`
	Locations      []Place `json:"locations"`
	Salary         *salary `json:"salary"`
}

type named struct {
	Name string `json:"name"`
}

type person struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}

type salary struct {
	Min      flexNumber `json:"min-salary"`
	Max      flexNumber `json:"max-salary"`
	Currency string     `json:"salary-currency"`
	TimeUnit string     `json:"salary-time-unit"`
}

// flexNumber takes a number or a numeric string: the documented salary
// values are strings ("500.0").
type flexNumber float64

func (f *flexNumber) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return errors.New("must be a number")
	}
	*f = flexNumber(v)
	return nil
}

// Decode reads a webhook body. Errors name the field, in Teamtailor's
// words, so the recruiter sees what to fix.
func Decode(body []byte) (Event, error) {
	var e Event
	if err := json.NewDecoder(bytes.NewReader(body)).Decode(&e); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return e, fmt.Errorf("invalid field: %s", te.Field)
		}
		return e, errors.New("the body is not a JSON object")
	}
	switch {
	case strings.TrimSpace(e.ID) == "":
		return e, errors.New("missing field: id")
	case strings.TrimSpace(string(e.ReferenceID)) == "":
		return e, errors.New("missing field: reference-id")
	}
	return e, nil
}

// Reference is the ad's upsert key: Teamtailor's reference-id.
func (e Event) Reference() string { return strings.TrimSpace(string(e.ReferenceID)) }
