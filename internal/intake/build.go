package intake

import (
	"sort"

	"github.com/jobgate/jobgate/internal/apply"
)

// application builds the application from what was read, in the form's
// order. Answers to questions the form does not have, and consents it
// does not ask for, are kept so that Validate names them.
func (sub *submission) application(f apply.Form, source string) apply.Application {
	app := apply.Application{Source: source, Documents: sub.files, Candidate: apply.Candidate{
		FirstName: sub.fields[apply.FieldFirstName], LastName: sub.fields[apply.FieldLastName], Email: sub.fields[apply.FieldEmail],
		Phone: sub.fields[apply.FieldPhone], CoverLetter: sub.fields[apply.FieldCoverLetter]}}
	seen := map[string]bool{}
	for _, q := range f.Questions {
		seen[q.ID] = true
		a := apply.Answer{QuestionID: q.ID, Question: q.Text, Type: q.Type, Values: sub.answers[q.ID], Document: -1}
		if q.Type == apply.TypeFile {
			a.Document = sub.fileOf(fieldAnswers + q.ID + "]")
		}
		if len(a.Values) > 0 || a.Document >= 0 {
			app.Answers = append(app.Answers, a)
		}
	}
	for _, id := range sortedKeys(sub.answers) {
		if !seen[id] {
			app.Answers = append(app.Answers, apply.Answer{QuestionID: id, Values: sub.answers[id], Document: -1})
		}
	}
	asked := map[string]bool{}
	for _, c := range f.Consents {
		asked[c.Type] = true
		app.Consents = append(app.Consents, apply.ConsentGiven{Type: c.Type, Accepted: sub.consents[c.Type]})
	}
	for _, t := range sortedKeys(sub.consents) {
		if !asked[t] {
			app.Consents = append(app.Consents, apply.ConsentGiven{Type: t, Accepted: sub.consents[t]})
		}
	}
	return app
}

// fileOf returns the index of the file sent in part, or -1.
func (sub *submission) fileOf(part string) int {
	for i, p := range sub.fileParts {
		if p == part {
			return i
		}
	}
	return -1
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
