package apply

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// answers checks the answers against the form's questions.
func (v *validator) answers() {
	given := v.indexAnswers()
	for _, q := range v.form.Questions {
		a, ok := given[q.ID]
		has := ok && answered(q, a)
		asked := v.asked(q, given, 0)
		field := answerField(q.ID)
		switch {
		case has && !asked:
			v.add(field, CodeNotAsked, "answers a conditional question whose condition is not met")
		case !has && asked && q.Required:
			v.add(field, CodeRequired, "is required")
		case has && a.Type != q.Type:
			v.add(field, CodeInvalid, "does not have its question's type")
		case has:
			v.answer(field, q, a)
		}
	}
}

// indexAnswers returns the answers by question id, adding a problem for
// each answer to an unknown question or to a question answered already.
func (v *validator) indexAnswers() map[string]Answer {
	given := make(map[string]Answer, len(v.app.Answers))
	for _, a := range v.app.Answers {
		field := answerField(a.QuestionID)
		_, known := v.form.Question(a.QuestionID)
		_, dup := given[a.QuestionID]
		switch {
		case !known:
			v.add(field, CodeUnknownQuestion, "is not a question of the form")
		case dup:
			v.add(field, CodeInvalid, "is answered more than once")
		default:
			given[a.QuestionID] = a
		}
	}
	return given
}

// asked reports whether the question is asked: it is not conditional, or
// its parent is asked and answered its ConditionalValue. depth guards
// against a form whose conditions loop.
func (v *validator) asked(q Question, given map[string]Answer, depth int) bool {
	if q.ParentID == "" {
		return true
	}
	parent, ok := v.form.Question(q.ParentID)
	if !ok || depth >= len(v.form.Questions) || !v.asked(parent, given, depth+1) {
		return false
	}
	for _, val := range given[parent.ID].Values {
		if sameValue(val, q.ConditionalValue) {
			return true
		}
	}
	return false
}

// sameValue compares an answer with a conditional value: without case or
// surrounding space, or as numbers ("10" and "10.0").
func sameValue(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if strings.EqualFold(a, b) {
		return true
	}
	if !isDecimal(a) || !isDecimal(b) {
		return false
	}
	x, errx := strconv.ParseFloat(a, 64)
	y, erry := strconv.ParseFloat(b, 64)
	return errx == nil && erry == nil && x == y
}

// answered reports whether a is an answer to q: a document for a file
// question, else a value that is not blank.
func answered(q Question, a Answer) bool {
	if q.Type == TypeFile {
		return a.Document >= 0
	}
	for _, val := range a.Values {
		if !blank(val) {
			return true
		}
	}
	return false
}

// answer checks the value of an answer by its question's type.
func (v *validator) answer(field string, q Question, a Answer) {
	switch q.Type {
	case TypeSelect, TypeMultiselect:
		v.choice(field, q, a.Values)
	case TypeFile:
		v.fileAnswer(field, a.Document)
	default:
		if len(a.Values) != 1 {
			v.add(field, CodeInvalid, "takes exactly one value")
			return
		}
		v.scalar(field, q, a.Values[0])
	}
}

// scalar checks the single value of a question that is neither a choice
// nor a file.
func (v *validator) scalar(field string, q Question, val string) {
	switch q.Type {
	case TypeTextarea:
		v.text(field, val, maxTextareaRunes, true)
	case TypeNumber:
		if !isDecimal(val) {
			v.add(field, CodeInvalid, "is not a number")
		}
	case TypeDate:
		if !isDate(val) {
			v.add(field, CodeInvalid, "is not a date (YYYY-MM-DD or DD/MM/YYYY)")
		}
	case TypeRange:
		v.rangeValue(field, q, val)
	default: // text, and types this package does not know
		v.text(field, val, maxTextRunes, true)
	}
}

// choice checks a select (one option) or multiselect (distinct options)
// answer.
func (v *validator) choice(field string, q Question, vals []string) {
	if q.Type == TypeSelect && len(vals) != 1 {
		v.add(field, CodeInvalid, "takes exactly one option")
		return
	}
	seen := make(map[string]bool, len(vals))
	for _, val := range vals {
		if !hasOption(q, val) {
			v.add(field, CodeNotAnOption, "is not one of the question's options")
			return
		}
		if seen[val] {
			v.add(field, CodeInvalid, "names an option more than once")
			return
		}
		seen[val] = true
	}
}

func hasOption(q Question, val string) bool {
	for _, o := range q.Options {
		if o.Value == val {
			return true
		}
	}
	return false
}

// rangeValue checks a range answer: a number (whole when the format is
// "integer") within the question's Min and Max.
func (v *validator) rangeValue(field string, q Question, val string) {
	if !isDecimal(val) || q.Format == "integer" && strings.Contains(val, ".") {
		v.add(field, CodeInvalid, "is not a number of the question's format")
		return
	}
	n, err := strconv.ParseFloat(val, 64)
	if err != nil || q.Min != nil && n < *q.Min || q.Max != nil && n > *q.Max {
		v.add(field, CodeInvalid, "is outside the question's range")
	}
}

// fileAnswer checks that a file answer names a KindAnswer document that no
// other answer names.
func (v *validator) fileAnswer(field string, i int) {
	docs := v.app.Documents
	if i < 0 || i >= len(docs) || docs[i].Kind != KindAnswer {
		v.add(field, CodeInvalid, "is not an attached answer file")
		return
	}
	if _, taken := v.fileAnswers[i]; taken {
		v.add(field, CodeInvalid, "is a file another answer has")
		return
	}
	v.fileAnswers[i] = field
}

// isDecimal reports whether s is a decimal number: an optional minus,
// digits, and optionally a point and digits.
func isDecimal(s string) bool {
	if len(s) > maxNumberBytes {
		return false
	}
	s = strings.TrimPrefix(s, "-")
	whole, frac, point := strings.Cut(s, ".")
	return digitsOnly(whole) && (!point || digitsOnly(frac))
}

// digitsOnly reports whether s is one or more ASCII digits.
func digitsOnly(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isDate reports whether s is a calendar date as YYYY-MM-DD or
// DD/MM/YYYY.
func isDate(s string) bool {
	for _, layout := range []string{time.DateOnly, "02/01/2006"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

// answerField is the multipart name of a question's answer.
func answerField(id string) string { return "answers[" + fieldKey(id) + "]" }

// documents checks the documents: how many, how large together, and each
// one.
func (v *validator) documents() {
	docs := v.app.Documents
	if len(docs) > MaxDocuments {
		v.add(FieldDocuments, CodeTooLong, fmt.Sprintf("are more than %d", MaxDocuments))
	}
	total := 0
	for i, d := range docs {
		total += len(d.Data)
		v.document(i, d)
	}
	if total > MaxTotalBytes {
		v.add(FieldDocuments, CodeTooLong, fmt.Sprintf("are larger than %d MiB together", MaxTotalBytes>>20))
	}
	for _, kind := range []string{KindCV, KindCoverLetter} {
		if v.count(kind) > 1 {
			v.add(kind, CodeInvalid, "is attached more than once")
		}
	}
}

// document checks one document.
func (v *validator) document(i int, d Document) {
	field := FieldDocuments
	switch d.Kind {
	case KindCV, KindCoverLetter:
		field = d.Kind // the field names are the kinds
	case KindAnswer:
		f, ok := v.fileAnswers[i]
		if !ok {
			v.add(field, CodeInvalid, "is an answer file no answer names")
			return
		}
		field = f
	case KindOther:
	default:
		v.add(field, CodeInvalid, "is of an unknown kind")
		return
	}
	ext, allowed := extensions[d.ContentType]
	switch {
	case len(d.Data) == 0:
		v.add(field, CodeInvalid, "is empty")
	case len(d.Data) > MaxFileBytes:
		v.add(field, CodeTooLong, fmt.Sprintf("is larger than %d MiB", MaxFileBytes>>20))
	case !allowed:
		v.add(field, CodeInvalid, "is of a file type that is not allowed")
	case !v.form.Takes(ext):
		v.add(field, CodeFileTypeNotTaken, "is a "+ext+" file; the employer's recruitment system takes only "+strings.Join(v.form.FileTypes, ", "))
	case SanitizeFileName(d.FileName, ext) != d.FileName:
		v.add(field, CodeInvalid, "has a file name that is not sanitised")
	}
}

// count returns how many documents are of the kind.
func (v *validator) count(kind string) int {
	n := 0
	for _, d := range v.app.Documents {
		if d.Kind == kind {
			n++
		}
	}
	return n
}
