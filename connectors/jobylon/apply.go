package jobylon

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/applyhttp"
	"github.com/jobgate/jobgate/connectors/feedhttp"
	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/outbound"
)

// Push API settings and their defaults.
const (
	// SettingPushURL is the Push API's host.
	SettingPushURL = "push_url"
	// SettingSourceType is the source_type sent with every application.
	SettingSourceType = "source_type"
	// DefaultPushURL is the production host jobgate assumes ([I]: the
	// docs read show only the staging host).
	DefaultPushURL = "https://www.jobylon.com"
	// StagingPushURL is Jobylon's documented staging host.
	StagingPushURL = "https://staging.jobylon.com"
	// SourceApplied makes Jobylon send the candidate its thank-you mail.
	SourceApplied = "applied"
	// SourceAppliedSilent means the board confirms the application itself.
	SourceAppliedSilent = "applied-silent"
)

// applicationsPath is the Push API's intake; the trailing slash is
// required.
const applicationsPath = "/p1/applications/"

// maxOther is how many other files Jobylon takes: other_1 to other_5.
const maxOther = 5

// pushConfig is the Push API part of an integration's settings.
type pushConfig struct {
	// endpoint is {push_url}/p1/applications/.
	endpoint   string
	sourceType string
}

// parsePush checks push_url (an absolute http or https URL without query,
// default DefaultPushURL; a URL that already ends in /p1/applications/ is
// taken as its host) and source_type (applied or applied-silent, default
// applied).
func parsePush(settings map[string]string) (pushConfig, error) {
	raw := strings.TrimSpace(settings[SettingPushURL])
	if raw == "" {
		raw = DefaultPushURL
	}
	u, err := feedhttp.ParseURL(SettingPushURL, raw)
	if err != nil {
		return pushConfig{}, err
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return pushConfig{}, fmt.Errorf("setting %s must be the Push API host without query, such as %s", SettingPushURL, DefaultPushURL)
	}
	base := strings.TrimSuffix(strings.TrimRight(u.String(), "/"), strings.TrimSuffix(applicationsPath, "/"))
	c := pushConfig{endpoint: base + applicationsPath, sourceType: strings.TrimSpace(settings[SettingSourceType])}
	switch c.sourceType {
	case "":
		c.sourceType = SourceApplied
	case SourceApplied, SourceAppliedSilent:
	default:
		return pushConfig{}, fmt.Errorf("setting %s must be %s or %s", SettingSourceType, SourceApplied, SourceAppliedSilent)
	}
	return c, nil
}

// ApplicationForm is the standard form (first and last name and e-mail
// required; phone, cover letter and CV optional) with the privacy policy
// consent: Jobylon's Push API documents no form of its own.
func (*Connector) ApplicationForm(_ context.Context, _ connectors.Integration, job connectors.Job) (apply.Form, error) {
	return apply.Form{Open: true, Fields: apply.StandardFields(), Consents: apply.StandardConsents(job.Ad.Language, job.Ad.Employer.Name, false)}, nil
}

// Apply POSTs the application to the Push API as multipart/form-data,
// with the app id and key Jobylon issued, and returns Jobylon's id for it.
// The app key is never in an error.
func (c *Connector) Apply(ctx context.Context, in connectors.Integration, job connectors.Job, app apply.Application) (apply.Receipt, error) {
	cfg, err := parsePush(in.Settings)
	if err != nil {
		return apply.Receipt{}, connectors.NewPermanent(fmt.Errorf("jobylon: %w", err))
	}
	appID, key := strings.TrimSpace(in.Settings["app_id"]), strings.TrimSpace(in.Secrets["app_key"])
	if appID == "" || key == "" {
		return apply.Receipt{}, connectors.NewUnauthorised(errors.New("jobylon: the integration has no Push API credentials (setting app_id, secret app_key)"))
	}
	if strings.TrimSpace(job.Reference) == "" {
		return apply.Receipt{}, connectors.NewPermanent(fmt.Errorf("jobylon: job %s has no Jobylon job id", job.ID))
	}
	body, contentType, err := encodeApplication(job, app, cfg.sourceType)
	if err != nil {
		return apply.Receipt{}, connectors.NewPermanent(fmt.Errorf("jobylon: application %s: %w", app.ID, err))
	}
	h := http.Header{}
	h.Set("Content-Type", contentType)
	h.Set("Accept", "application/json")
	h.Set("X-App-Id", appID)
	h.Set("X-App-Key", key)
	answer, err := applyhttp.Do(ctx, c.out, outbound.Request{Method: http.MethodPost, URL: cfg.endpoint, Header: h, Body: body,
		Secrets: in.SecretValues()})
	if err != nil {
		return apply.Receipt{}, fmt.Errorf("jobylon: job %s: %w", job.Reference, connectors.RedactSecrets(err, key))
	}
	return apply.Receipt{ATSID: answerID(answer)}, nil
}

// reQuotedID reads the id of an answer written as a Python dict, as the
// docs' example shows it ({'id': 123}).
var reQuotedID = regexp.MustCompile(`^\s*\{\s*['"]id['"]\s*:\s*['"]?([0-9A-Za-z_-]+)['"]?\s*[,}]`)

// answerID is Jobylon's id for the application: "id" of the JSON answer
// (201 {"id": 123}), or "" when the answer has none (it is delivered all
// the same).
func answerID(answer []byte) string {
	var ack struct {
		ID connectors.FlexString `json:"id"`
	}
	if json.Unmarshal(answer, &ack) == nil {
		return string(ack.ID)
	}
	if m := reQuotedID.FindSubmatch(answer); m != nil {
		return string(m[1])
	}
	return ""
}

// sourceJSON is source_json: the board as partner_name, and the screening
// questions with their answers.
type sourceJSON struct {
	PartnerName string     `json:"partner_name"`
	Questions   []question `json:"questions"`
}

// question is one entry of source_json.questions.
type question struct {
	Order        int    `json:"order"`
	Question     string `json:"question"`
	QuestionType string `json:"question_type"`
	Answer       any    `json:"answer"`
}

// Jobylon's question types.
const (
	qText           = "text"
	qRange          = "range"
	qSelectOne      = "select-one"
	qSelectMultiple = "select-multiple"
)

// questionType maps an apply question type to Jobylon's: text, textarea,
// number, date and file are text; range is range; select is select-one;
// multiselect is select-multiple.
func questionType(t string) string {
	switch t {
	case apply.TypeRange:
		return qRange
	case apply.TypeSelect:
		return qSelectOne
	case apply.TypeMultiselect:
		return qSelectMultiple
	}
	return qText
}

// fileField names the multipart field of each document: the first CV is
// cv, the first cover letter cover_letter, and every other document
// (another CV or cover letter, an attachment, a file question's answer)
// other_1 to other_5 in order. More than five others cannot be sent.
func fileFields(docs []apply.Document) ([]string, error) {
	fields := make([]string, len(docs))
	var cv, letter bool
	other := 0
	for i, d := range docs {
		switch {
		case d.Kind == apply.KindCV && !cv:
			fields[i], cv = "cv", true
		case d.Kind == apply.KindCoverLetter && !letter:
			fields[i], letter = "cover_letter", true
		default:
			other++
			fields[i] = "other_" + strconv.Itoa(other)
		}
	}
	if other > maxOther {
		return nil, fmt.Errorf("jobylon takes at most %d files besides the CV and the cover letter (other_1 to other_%d); the application has %d", maxOther, maxOther, other)
	}
	return fields, nil
}

// source builds source_json. A file question's answer is the field its
// file went in and the file's name ("other_1: portfolio.pdf"); a range
// answer is a number when it reads as one, as in Jobylon's example.
func source(app apply.Application, fields []string) sourceJSON {
	s := sourceJSON{PartnerName: app.Source, Questions: []question{}}
	for i, a := range app.Answers {
		q := question{Order: i + 1, Question: a.Question, QuestionType: questionType(a.Type)}
		switch {
		case a.Type == apply.TypeFile:
			q.Answer = ""
			if a.Document >= 0 && a.Document < len(fields) {
				q.Answer = fields[a.Document] + ": " + app.Documents[a.Document].FileName
			}
		case q.QuestionType == qSelectMultiple:
			q.Answer = append([]string{}, a.Values...)
		case q.QuestionType == qRange:
			q.Answer = number(a.Value())
		default:
			q.Answer = strings.Join(a.Values, ", ")
		}
		s.Questions = append(s.Questions, q)
	}
	return s
}

// number is v as a JSON number when it is a finite number, else v.
func number(v string) any {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return v
	}
	return json.Number(strconv.FormatFloat(f, 'f', -1, 64))
}

// encodeApplication builds the multipart body (applyhttp.Multipart: one
// buffer, every file copied once).
func encodeApplication(job connectors.Job, app apply.Application, sourceType string) ([]byte, string, error) {
	files, err := fileFields(app.Documents)
	if err != nil {
		return nil, "", err
	}
	src, err := json.Marshal(source(app, files))
	if err != nil {
		return nil, "", fmt.Errorf("encode source_json: %w", err)
	}
	fields := [][2]string{
		{"job_id", job.Reference},
		{"first_name", app.Candidate.FirstName},
		{"last_name", app.Candidate.LastName},
		{"email", app.Candidate.Email},
		{"phone", app.Candidate.Phone},
		{"message", app.Candidate.CoverLetter},
		{"source_type", sourceType},
		{"source_json", string(src)},
	}
	parts := make([]applyhttp.FilePart, len(app.Documents))
	for i, d := range app.Documents {
		parts[i] = applyhttp.FilePart{Field: files[i], Document: d}
	}
	return applyhttp.Multipart(fields, parts)
}

var _ connectors.Applier = (*Connector)(nil)
