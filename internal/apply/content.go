package apply

import (
	"encoding/json"
	"time"
)

// Content is what the store keeps of an application besides its files
// (which it keeps beside it, byte for byte): the candidate's details,
// answers and consents. It is personal data.
type Content struct {
	Candidate   Candidate      `json:"candidate"`
	Answers     []Answer       `json:"answers"`
	Consents    []ConsentGiven `json:"consents"`
	Source      string         `json:"source"`
	SubmittedAt time.Time      `json:"submitted_at"`
}

// ContentOf returns what is stored of app.
func ContentOf(app Application) Content {
	return Content{Candidate: app.Candidate, Answers: app.Answers, Consents: app.Consents, Source: app.Source, SubmittedAt: app.SubmittedAt}
}

// Decode reads stored content and rebuilds the application with its
// documents.
func Decode(id, jobID string, content []byte, docs []Document) (Application, error) {
	var c Content
	if err := json.Unmarshal(content, &c); err != nil {
		return Application{}, err
	}
	return Application{ID: id, JobID: jobID, Candidate: c.Candidate, Answers: c.Answers, Consents: c.Consents,
		Documents: docs, SubmittedAt: c.SubmittedAt, Source: c.Source}, nil
}

// PersonalValues lists the values of app that identify the candidate
// (names, e-mail, phone, and answers long enough to be telling), for
// scrubbing them from any text that leaves the hub's storage: an ATS's
// error message may echo them.
func (app Application) PersonalValues() []string {
	c := app.Candidate
	out := []string{}
	for _, v := range []string{c.FirstName, c.LastName, c.Email, c.Phone, c.CoverLetter} {
		if len(v) >= 2 {
			out = append(out, v)
		}
	}
	for _, a := range app.Answers {
		for _, v := range a.Values {
			if len(v) >= 4 {
				out = append(out, v)
			}
		}
	}
	for _, d := range app.Documents {
		if len(d.FileName) >= 4 {
			out = append(out, d.FileName)
		}
	}
	return out
}
