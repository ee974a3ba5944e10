package apply

import "time"

// Application is what a candidate sent for one job, as it is delivered.
type Application struct {
	// ID is the application's id on the board: the idempotency key sent
	// to the ATS (Teamtailor's referer-id, the webhook's Idempotency-Key).
	ID string
	// JobID is the job's id on the board.
	JobID       string
	Candidate   Candidate
	Answers     []Answer
	Consents    []ConsentGiven
	Documents   []Document
	SubmittedAt time.Time
	// Source is the board's name, told to the ATS as the source of the
	// application.
	Source string
}

// Candidate is who applies.
type Candidate struct {
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	Email       string `json:"email"`
	Phone       string `json:"phone,omitempty"`
	CoverLetter string `json:"cover_letter,omitempty"`
}

// Answer is the answer to one screening question. The question's text and
// type are kept with it, because some ATSs (Jobylon) take questions and
// answers together, not answers to their own question ids.
type Answer struct {
	QuestionID string `json:"question_id"`
	Question   string `json:"question"`
	Type       string `json:"type"`
	// Values holds the answer: one value, or several for a multiselect.
	Values []string `json:"values,omitempty"`
	// Document is the index in Application.Documents of a file question's
	// answer, or -1.
	Document int `json:"document"`
}

// Value returns the first value, or "".
func (a Answer) Value() string {
	if len(a.Values) == 0 {
		return ""
	}
	return a.Values[0]
}

// ConsentGiven is a consent the candidate was asked for and their answer.
type ConsentGiven struct {
	Type     string `json:"type"`
	Accepted bool   `json:"accepted"`
}

// Document kinds.
const (
	KindCV          = "cv"
	KindCoverLetter = "cover_letter"
	KindOther       = "other"
	// KindAnswer is a file given as the answer to a file question.
	KindAnswer = "answer"
)

// Document is a file the candidate attached.
type Document struct {
	Kind string
	// FileName is the sanitised file name.
	FileName string
	// ContentType is the MIME type detected from the content.
	ContentType string
	Data        []byte
}

// CV returns the CV, if the candidate attached one.
func (a Application) CV() (Document, bool) {
	for _, d := range a.Documents {
		if d.Kind == KindCV {
			return d, true
		}
	}
	return Document{}, false
}

// Receipt is what an ATS answered to a delivered application.
type Receipt struct {
	// ATSID is the ATS's id for the application, when it gives one.
	ATSID string
}
