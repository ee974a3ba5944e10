package apply

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Problem codes of a ValidationError.
const (
	// CodeRequired: a required field, question or consent is missing (or
	// the consent is not accepted).
	CodeRequired = "required"
	// CodeInvalid: the value is not of the field's or question's kind (an
	// e-mail address, a phone number, a number, a date, a document of an
	// allowed type), or is given more than once.
	CodeInvalid = "invalid"
	// CodeTooLong: the value is longer than allowed, a document larger, or
	// there are more documents than allowed.
	CodeTooLong = "too_long"
	// CodeNotAsked: a value for a field the form has off, or an answer to
	// a conditional question whose condition is not met.
	CodeNotAsked = "not_asked"
	// CodeUnknownQuestion: an answer to a question the form does not have.
	CodeUnknownQuestion = "unknown_question"
	// CodeUnknownConsent: a consent the form does not ask for.
	CodeUnknownConsent = "unknown_consent"
	// CodeNotAnOption: a select or multiselect answer that is not one of
	// the question's options.
	CodeNotAnOption = "not_an_option"
	// CodeFileTypeNotTaken: a document of a type jobgate allows but the
	// employer's ATS does not take (Form.FileTypes): Teamtailor's Direct
	// Apply refuses a Word 97-2003 or OpenDocument CV.
	CodeFileTypeNotTaken = "file_type_not_accepted"
)

// FieldDocuments names the documents as a whole, and a document that is
// neither the CV nor the cover letter nor a question's answer, in a
// Problem.
const FieldDocuments = "documents"

// Length limits of the candidate's values, in runes.
const (
	maxNameRunes        = 100
	maxCoverLetterRunes = 20000
	maxTextRunes        = 1000
	maxTextareaRunes    = 10000
	maxEmailBytes       = 254
	maxPhoneBytes       = 40
	maxNumberBytes      = 32
	maxKeyRunes         = 64
)

// Problem is one thing wrong with an application. Its message never holds
// the candidate's values.
type Problem struct {
	// Field is the multipart name of what is wrong: first_name, email,
	// cv, answers[<question id>], consents[<type>], documents.
	Field string `json:"field"`
	// Code is one of the Code constants.
	Code string `json:"code"`
	// Message says what is wrong, in English, without the value.
	Message string `json:"message"`
}

// ValidationError is Validate's error: what is wrong with an application.
type ValidationError struct {
	Problems []Problem
}

// Error lists the fields and codes of the problems.
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("apply: invalid application:")
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, " %s (%s)", p.Field, p.Code)
	}
	return b.String()
}

// Validate checks an application against the job's form and returns nil
// or a *ValidationError listing every problem:
//
//   - a standard field the form requires is present (not blank), and one
//     it has off is empty; the cover letter is present as text or as a
//     KindCoverLetter document, the CV as a KindCV document;
//   - names are at most 100 runes, the cover letter 20000; the e-mail is
//     a bare address (net/mail), as given (no surrounding space), with
//     one @ and a dot in the domain, at most 254 bytes; a phone is, but
//     for surrounding space, an optional + and 6–20 digits with spaces,
//     dashes, dots and parentheses, at most 40 bytes;
//   - every answer is to a question of the form, once, and of the
//     question's Type; every required question that is asked is answered;
//     a conditional question is asked only when its parent is asked and
//     answered ConditionalValue (compared without case, or as numbers),
//     and answering it otherwise is not_asked;
//   - text is at most 1000 runes, textarea 10000 (other types the
//     package does not know, such as Teamtailor's color, are text); a
//     select is exactly one of its options, a multiselect distinct
//     options; a number is a decimal (-12, 3.5); a date is YYYY-MM-DD
//     or, as Teamtailor's example sends it, DD/MM/YYYY; a range a number
//     within Min..Max, whole when Format is "integer"; a file answer's
//     Document is a KindAnswer document no other answer has;
//   - every required consent is accepted, and each consent given is one
//     the form asks for, once;
//   - at most MaxDocuments documents of MaxTotalBytes together, each of a
//     known kind, not empty, at most MaxFileBytes, of a type DetectType
//     allows and the form takes (FileTypes), with a name SanitizeFileName
//     leaves as it is.
//
// Validate checks documents' declared ContentType; DetectType is what
// finds it from the content.
func Validate(f Form, app Application) error {
	v := &validator{form: f, app: app, fileAnswers: map[int]string{}}
	v.candidate()
	v.answers()
	v.documents() // after answers, which name the answer files
	v.consents()
	if len(v.problems) == 0 {
		return nil
	}
	return &ValidationError{Problems: v.problems}
}

// validator collects the problems of one application.
type validator struct {
	form     Form
	app      Application
	problems []Problem
	// fileAnswers maps the index of each document a file answer names to
	// the answer's field.
	fileAnswers map[int]string
}

func (v *validator) add(field, code, message string) {
	v.problems = append(v.problems, Problem{Field: field, Code: code, Message: message})
}

// candidate checks the standard fields.
func (v *validator) candidate() {
	c := v.app.Candidate
	for _, fl := range []struct{ name, value string }{{FieldFirstName, c.FirstName}, {FieldLastName, c.LastName}} {
		v.standard(fl.name, !blank(fl.value), func() { v.text(fl.name, fl.value, maxNameRunes, false) })
	}
	v.standard(FieldEmail, !blank(c.Email), func() { v.email(c.Email) })
	v.standard(FieldPhone, !blank(c.Phone), func() { v.phone(strings.TrimSpace(c.Phone)) })
	letter := !blank(c.CoverLetter)
	v.standard(FieldCoverLetter, letter || v.count(KindCoverLetter) > 0, func() {
		if letter {
			v.text(FieldCoverLetter, c.CoverLetter, maxCoverLetterRunes, true)
		}
	})
	v.standard(FieldCV, v.count(KindCV) > 0, nil)
}

// standard checks whether a standard field is given as the form requires,
// and runs check when it is given.
func (v *validator) standard(name string, given bool, check func()) {
	switch req := v.form.Requirement(name); {
	case req == Off && given:
		v.add(name, CodeNotAsked, "is not asked for by the form")
	case req == Required && !given:
		v.add(name, CodeRequired, "is required")
	case given && check != nil:
		check()
	}
}

// text checks free text: valid UTF-8, no control characters (but tab, CR
// and LF when multiline), and at most limit runes.
func (v *validator) text(field, s string, limit int, multiline bool) {
	switch {
	case !cleanText(s, multiline):
		v.add(field, CodeInvalid, "holds characters that are not allowed")
	case utf8.RuneCountInString(s) > limit:
		v.add(field, CodeTooLong, fmt.Sprintf("is longer than %d characters", limit))
	}
}

// email checks an e-mail address.
func (v *validator) email(s string) {
	switch {
	case len(s) > maxEmailBytes:
		v.add(FieldEmail, CodeTooLong, fmt.Sprintf("is longer than %d characters", maxEmailBytes))
	case !validEmail(s):
		v.add(FieldEmail, CodeInvalid, "is not an e-mail address")
	}
}

// phone checks a phone number.
func (v *validator) phone(s string) {
	switch {
	case len(s) > maxPhoneBytes:
		v.add(FieldPhone, CodeTooLong, fmt.Sprintf("is longer than %d characters", maxPhoneBytes))
	case !validPhone(s):
		v.add(FieldPhone, CodeInvalid, "is not a phone number")
	}
}

// validEmail reports whether s is a bare e-mail address with one @ and a
// dot inside its domain.
func validEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	if at < 0 || strings.Count(s, "@") != 1 {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	domain := strings.Trim(s[at+1:], ".")
	return domain == s[at+1:] && strings.Contains(domain, ".")
}

// validPhone reports whether s is an optional + followed by 6–20 digits
// and spaces, dashes, dots and parentheses.
func validPhone(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0, strings.ContainsRune(" -().", r):
		default:
			return false
		}
	}
	return digits >= 6 && digits <= 20
}

// blank reports whether s is empty or white space.
func blank(s string) bool { return strings.TrimSpace(s) == "" }

// cleanText reports whether s is valid UTF-8 without control characters
// (but tab, CR and LF when multiline).
func cleanText(s string, multiline bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) && !(multiline && (r == '\t' || r == '\r' || r == '\n')) {
			return false
		}
	}
	return true
}

// consents checks the consents given against the form's.
func (v *validator) consents() {
	accepted := map[string]bool{}
	for _, c := range v.app.Consents {
		field := "consents[" + fieldKey(c.Type) + "]"
		_, dup := accepted[c.Type]
		switch {
		case !v.asksConsent(c.Type):
			v.add(field, CodeUnknownConsent, "is not a consent the form asks for")
		case dup:
			v.add(field, CodeInvalid, "is given more than once")
		default:
			accepted[c.Type] = c.Accepted
		}
	}
	for _, c := range v.form.Consents {
		if c.Required && !accepted[c.Type] {
			v.add("consents["+fieldKey(c.Type)+"]", CodeRequired, "must be accepted")
		}
	}
}

func (v *validator) asksConsent(typ string) bool {
	for _, c := range v.form.Consents {
		if c.Type == typ {
			return true
		}
	}
	return false
}

// fieldKey makes an id or type, which the submission may have made up,
// fit for a Problem's field: at most 64 runes, with ? for invalid UTF-8
// and characters that are not graphic.
func fieldKey(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n++; n > maxKeyRunes {
			break
		}
		if r == utf8.RuneError || !unicode.IsGraphic(r) {
			r = '?'
		}
		b.WriteRune(r)
	}
	return b.String()
}
