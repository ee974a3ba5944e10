package applywebhook

import (
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/apply"
)

// Body is the JSON the webhook receives.
type Body struct {
	ApplicationID string     `json:"application_id"`
	SubmittedAt   time.Time  `json:"submitted_at"`
	Job           Job        `json:"job"`
	Candidate     Candidate  `json:"candidate"`
	Answers       []Answer   `json:"answers"`
	Consents      []Consent  `json:"consents"`
	Documents     []Document `json:"documents"`
}

// Job is the job applied for: the board's id and the ATS's own reference.
type Job struct {
	ID        string `json:"id"`
	Reference string `json:"reference"`
	Title     string `json:"title"`
	URL       string `json:"url"`
}

// Candidate is who applies.
type Candidate struct {
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	Email       string `json:"email"`
	Phone       string `json:"phone"`
	CoverLetter string `json:"cover_letter,omitempty"`
}

// Answer answers one screening question: values (one, or several for a
// multiselect), or for a file question the index in documents of the
// file.
type Answer struct {
	QuestionID string   `json:"question_id"`
	Question   string   `json:"question"`
	Type       string   `json:"type"`
	Values     []string `json:"values"`
	Document   *int     `json:"document,omitempty"`
}

// Consent is a consent asked for and the candidate's answer.
type Consent struct {
	Type     string `json:"type"`
	Accepted bool   `json:"accepted"`
}

// Document is a file: kind is cv, cover_letter, other or answer; data is
// the file's bytes in standard base64.
type Document struct {
	Kind        string `json:"kind"`
	FileName    string `json:"file_name"`
	ContentType string `json:"content_type"`
	Data        []byte `json:"data"`
}

// Encode builds the body of an application.
func Encode(job connectors.Job, app apply.Application) Body {
	b := Body{ApplicationID: app.ID, SubmittedAt: app.SubmittedAt.UTC(),
		Job: Job{ID: job.ID, Reference: job.Reference, Title: job.Ad.Title, URL: job.URL},
		Candidate: Candidate{FirstName: app.Candidate.FirstName, LastName: app.Candidate.LastName, Email: app.Candidate.Email,
			Phone: app.Candidate.Phone, CoverLetter: app.Candidate.CoverLetter},
		Answers: []Answer{}, Consents: []Consent{}, Documents: []Document{}}
	for _, a := range app.Answers {
		ans := Answer{QuestionID: a.QuestionID, Question: a.Question, Type: a.Type, Values: a.Values}
		if ans.Values == nil {
			ans.Values = []string{}
		}
		if a.Document >= 0 && a.Type == apply.TypeFile {
			i := a.Document
			ans.Document = &i
		}
		b.Answers = append(b.Answers, ans)
	}
	for _, c := range app.Consents {
		b.Consents = append(b.Consents, Consent(c))
	}
	for _, d := range app.Documents {
		b.Documents = append(b.Documents, Document{Kind: d.Kind, FileName: d.FileName, ContentType: d.ContentType, Data: d.Data})
	}
	return b
}
