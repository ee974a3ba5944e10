package teamtailor

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jobgate/jobgate/internal/apply"
)

// applyBody is the POST {BASE_URL}/apply body, in the docs' field names
// (https://partner.teamtailor.com/job_boards/#post-apply; the "Candidate
// object" table, and the example for answers and consents). Teamtailor
// mixes kebab-case and snake_case: the names are as documented.
type applyBody struct {
	// RefererID is the application's id on the board, sent every time:
	// Teamtailor documents it "for disposition data sync" and says nothing
	// of idempotency [U].
	RefererID string     `json:"referer-id"`
	Candidate candidate  `json:"candidate"`
	Analytics *analytics `json:"analytics,omitempty"`
}

type candidate struct {
	FirstName   string          `json:"first-name"`
	LastName    string          `json:"last-name"`
	Email       string          `json:"email"`
	Phone       string          `json:"phone,omitempty"`
	CoverLetter string          `json:"cover-letter,omitempty"`
	Resume      *file           `json:"resume,omitempty"`
	Documents   []file          `json:"documents,omitempty"`
	Answers     []answer        `json:"answers,omitempty"`
	Consents    []consentAnswer `json:"consents,omitempty"`
}

// file is Teamtailor's file object; binary-data is standard base64 (a
// []byte marshals so).
type file struct {
	BinaryData []byte `json:"binary-data"`
	FileName   string `json:"file-name"`
	FileType   string `json:"file-type"`
}

// answer is one of {id, value}, {id, values} (a multiselect) or {id,
// file} (a file question), as in the docs' example.
type answer struct {
	ID     string   `json:"id"`
	Value  *string  `json:"value,omitempty"`
	Values []string `json:"values,omitempty"`
	File   *file    `json:"file,omitempty"`
}

type consentAnswer struct {
	ConsentType string `json:"consent-type"`
	Accepted    bool   `json:"accepted"`
}

// analytics: referring-site is shown in Teamtailor as the application's
// source (Teamtailor defaults it to the job board's name).
type analytics struct {
	ReferringSite string `json:"referring-site,omitempty"`
}

// encodeApply builds the /apply body of an application: the CV as the
// resume, the other documents (not those answering file questions) as
// documents, every answered question, every consent asked. A document of
// a type Teamtailor does not take is an error (checkFileTypes).
func encodeApply(app apply.Application) ([]byte, error) {
	if err := checkFileTypes(app.Documents); err != nil {
		return nil, err
	}
	c := app.Candidate
	b := applyBody{RefererID: app.ID, Candidate: candidate{FirstName: c.FirstName, LastName: c.LastName, Email: c.Email,
		Phone: c.Phone, CoverLetter: c.CoverLetter}}
	if s := strings.TrimSpace(app.Source); s != "" {
		b.Analytics = &analytics{ReferringSite: s}
	}
	answered := map[int]bool{}
	for _, a := range app.Answers {
		ans, ok, err := encodeAnswer(app, a)
		if err != nil {
			return nil, err
		}
		if ok {
			b.Candidate.Answers = append(b.Candidate.Answers, ans)
		}
		if a.Type == apply.TypeFile && a.Document >= 0 {
			answered[a.Document] = true
		}
	}
	resumed := false
	for i, d := range app.Documents {
		switch {
		case answered[i] || d.Kind == apply.KindAnswer:
		case d.Kind == apply.KindCV && !resumed:
			b.Candidate.Resume, resumed = fileOf(d), true
		default:
			b.Candidate.Documents = append(b.Candidate.Documents, *fileOf(d))
		}
	}
	for _, g := range app.Consents {
		b.Candidate.Consents = append(b.Candidate.Consents, consentAnswer{ConsentType: g.Type, Accepted: g.Accepted})
	}
	return json.Marshal(b)
}

// encodeAnswer maps one answer; ok is false for a question left
// unanswered, which is not sent.
func encodeAnswer(app apply.Application, a apply.Answer) (answer, bool, error) {
	out := answer{ID: a.QuestionID}
	switch {
	case a.Type == apply.TypeFile:
		if a.Document < 0 {
			return out, false, nil
		}
		if a.Document >= len(app.Documents) {
			return out, false, fmt.Errorf("answer to question %s names document %d of %d", a.QuestionID, a.Document, len(app.Documents))
		}
		out.File = fileOf(app.Documents[a.Document])
	case a.Type == apply.TypeMultiselect || len(a.Values) > 1:
		if len(a.Values) == 0 {
			return out, false, nil
		}
		out.Values = a.Values
	default:
		if len(a.Values) == 0 {
			return out, false, nil
		}
		v := a.Values[0]
		if a.Type == apply.TypeDate {
			v = answerDate(v)
		}
		out.Value = &v
	}
	return out, true, nil
}

// answerDate writes an ISO date (2006-01-02, as the board's form takes
// it) as the docs' example answers a date question: "25/12/1995"
// (https://partner.teamtailor.com/job_boards/#post-apply). Anything else
// is sent as the candidate gave it.
func answerDate(v string) string {
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(v))
	if err != nil {
		return v
	}
	return d.Format("02/01/2006")
}

func fileOf(d apply.Document) *file {
	data := d.Data
	if data == nil {
		data = []byte{} // "", not null
	}
	return &file{BinaryData: data, FileName: d.FileName, FileType: d.ContentType}
}
