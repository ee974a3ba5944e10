package apply

import "slices"

// Apply modes of a job.
const (
	// ModeDirect means the board takes the application and delivers it
	// into the employer's ATS.
	ModeDirect = "direct"
	// ModeRedirect means the candidate applies on the vendor's own page.
	ModeRedirect = "redirect"
)

// Requirements of a standard field.
const (
	Required = "required"
	Optional = "optional"
	Off      = "off"
)

// Standard field names, as the multipart submission names them.
const (
	FieldFirstName   = "first_name"
	FieldLastName    = "last_name"
	FieldEmail       = "email"
	FieldPhone       = "phone"
	FieldCoverLetter = "cover_letter"
	FieldCV          = "cv"
)

// Question types (Teamtailor's /inquiry types, which cover the others').
const (
	TypeText        = "text"
	TypeTextarea    = "textarea"
	TypeSelect      = "select"
	TypeMultiselect = "multiselect"
	TypeNumber      = "number"
	TypeDate        = "date"
	TypeRange       = "range"
	TypeFile        = "file"
)

// Consent types.
const (
	ConsentPrivacyPolicy = "privacy_policy"
	ConsentFutureJobs    = "future_jobs"
)

// Form is what a job asks of a candidate.
type Form struct {
	// JobID is the job's id on the board.
	JobID string `json:"job_id"`
	// ApplyMode is ModeDirect or ModeRedirect.
	ApplyMode string `json:"apply_mode"`
	// ApplyURL is where a redirected candidate applies; empty for direct.
	ApplyURL string `json:"apply_url,omitempty"`
	// Reason says why a job that takes applications directly redirects
	// now: "apply_degraded" while its ATS keeps failing (see README,
	// Degraded apply), with Message, the candidate's text in the job's
	// language. Absent otherwise.
	Reason  string `json:"reason,omitempty"`
	Message string `json:"message,omitempty"`
	// Open is false when the job takes no more applications (withdrawn,
	// or the ATS says it has expired).
	Open bool `json:"open"`
	// Fields are the standard fields with their requirement; a field not
	// listed is off.
	Fields []Field `json:"fields"`
	// Questions are the employer's screening questions, in order.
	Questions []Question `json:"questions"`
	// Consents are the consents the candidate is asked for.
	Consents []Consent `json:"consents"`
	// Language is the job's language (nb, sv, en, ...), for labels.
	Language string `json:"language,omitempty"`
	// PrivacyURL is the board's privacy notice (JOBGATE_PRIVACY_URL) and
	// EmployerPrivacyURL the employer's (the integration's privacy_url):
	// each consent is given under both. Absent when not set.
	PrivacyURL         string `json:"privacy_url,omitempty"`
	EmployerPrivacyURL string `json:"employer_privacy_url,omitempty"`
	// FileTypes are the extensions of the documents a direct form takes
	// (TakenFileTypes): every type jobgate allows, or fewer when the ATS
	// takes fewer. Absent on a redirect form; empty takes every allowed
	// type.
	FileTypes []string `json:"file_types,omitempty"`
}

// Field is a standard field and whether it is asked for.
type Field struct {
	Name        string `json:"name"`
	Requirement string `json:"requirement"`
}

// Question is a screening question.
type Question struct {
	// ID is the question's id at the ATS; the answer is sent as
	// answers[<ID>].
	ID       string   `json:"id"`
	Text     string   `json:"question"`
	Type     string   `json:"type"`
	Required bool     `json:"required"`
	Options  []Option `json:"options,omitempty"`
	// Min, Max, Unit and Format describe a range (Format "integer" or
	// "decimal").
	Min    *float64 `json:"min,omitempty"`
	Max    *float64 `json:"max,omitempty"`
	Unit   string   `json:"unit,omitempty"`
	Format string   `json:"format,omitempty"`
	// ParentID and ConditionalValue make a question conditional: it is
	// asked only when the parent's answer is ConditionalValue.
	ParentID         string `json:"parent_question_id,omitempty"`
	ConditionalValue string `json:"conditional_value,omitempty"`
}

// Option is one choice of a select or multiselect question.
type Option struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// Consent is a consent the candidate is asked for.
type Consent struct {
	Type     string `json:"type"`
	Required bool   `json:"required"`
	// Text is the consent's wording, sanitised HTML (it may link to the
	// policy).
	Text string `json:"text"`
	URL  string `json:"url,omitempty"`
}

// Requirement returns the requirement of the named standard field: Off
// when the form does not list it.
func (f Form) Requirement(name string) string {
	for _, fl := range f.Fields {
		if fl.Name == name {
			return fl.Requirement
		}
	}
	return Off
}

// Question returns the question with the id, if the form has it.
func (f Form) Question(id string) (Question, bool) {
	for _, q := range f.Questions {
		if q.ID == id {
			return q, true
		}
	}
	return Question{}, false
}

// StandardFields is the form of an ATS that documents no form of its own
// (Lever's and Jobylon's intake APIs, the apply webhook): names and e-mail
// required, phone, cover letter and CV optional.
func StandardFields() []Field {
	return []Field{
		{FieldFirstName, Required}, {FieldLastName, Required}, {FieldEmail, Required},
		{FieldPhone, Optional}, {FieldCoverLetter, Optional}, {FieldCV, Optional},
	}
}

// Takes reports whether the form takes documents of the extension ext:
// any type jobgate allows when FileTypes is empty.
func (f Form) Takes(ext string) bool {
	return len(f.FileTypes) == 0 || slices.Contains(f.FileTypes, ext)
}
