package httpapi

import (
	"html"
	"html/template"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/jobgate/jobgate/internal/apply"
)

// maxRadioOptions is the most options a select question shows as radio
// buttons; with more it is a drop-down.
const maxRadioOptions = 4

// formView is the apply form as the template draws it.
type formView struct {
	Action    string
	Fields    []fieldView
	CV        *fieldView
	Questions []questionView
	Consents  []consentView
	// Problems lists every problem, for the summary above the form.
	Problems []problemView
	// Resubmitted is true when the form is drawn again after a refused
	// submission (files must be chosen again).
	Resubmitted bool
	// HasConditions says the form has conditional questions, which the
	// page's script shows only when they apply.
	HasConditions bool
	// Accept is the file inputs' accept list and FileHint the hint under
	// them: the types the form takes (fileInputs).
	Accept, FileHint string
}

// fieldView is one standard field.
type fieldView struct {
	Name, ID, Label, Type, Autocomplete string
	Required                            bool
	Value, Error                        string
}

// questionView is one screening question. Kind is how it is drawn: text,
// textarea, select, radios, checkboxes, number, date or file.
type questionView struct {
	Name, ID, Text, Kind string
	Required             bool
	Options              []optionView
	Value                string
	Min, Max, Step, Unit string
	Accept, FileHint     string
	// Condition says when a conditional question applies; Parent and When
	// let the page's script hide it otherwise.
	Condition, Parent, When string
	Error                   string
}

// optionView is one choice of a select, radios or checkboxes question.
type optionView struct {
	ID, Value, Label string
	Checked          bool
}

// consentView is one consent checkbox; Text is sanitised HTML. URL is
// the ATS's policy for this consent; BoardPrivacyURL and
// EmployerPrivacyURL the board's and the employer's privacy notices,
// linked from every consent ("" when not set: no link is drawn).
type consentView struct {
	Name, ID                            string
	Text                                template.HTML
	URL                                 string
	BoardPrivacyURL, EmployerPrivacyURL string
	Required                            bool
	Checked                             bool
	Error                               string
}

// problemView is one problem as the summary lists it.
type problemView struct {
	Anchor, Label, Message string
}

// standardInputs are the standard fields in the order the form shows them,
// with their input type and autocomplete token.
var standardInputs = []struct{ name, typ, autocomplete string }{
	{apply.FieldFirstName, "text", "given-name"},
	{apply.FieldLastName, "text", "family-name"},
	{apply.FieldEmail, "email", "email"},
	{apply.FieldPhone, "tel", "tel"},
	{apply.FieldCoverLetter, "textarea", "off"},
}

// buildForm draws form for the job: the standard fields it asks for, its
// questions by type and its consents, with the candidate's earlier values
// and the problems of a refused submission by field.
func buildForm(form apply.Form, t labels, action string, values url.Values, problems fieldProblems) formView {
	v := formView{Action: action}
	v.Accept, v.FileHint = fileInputs(form, t)
	for _, in := range standardInputs {
		req := form.Requirement(in.name)
		if req != apply.Required && req != apply.Optional {
			continue
		}
		v.Fields = append(v.Fields, fieldView{Name: in.name, ID: "f-" + in.name, Label: t[in.name], Type: in.typ,
			Autocomplete: in.autocomplete, Required: req == apply.Required, Value: values.Get(in.name), Error: problems.message(t, in.name, t[in.name], in.name)})
	}
	if req := form.Requirement(apply.FieldCV); req == apply.Required || req == apply.Optional {
		v.CV = &fieldView{Name: apply.FieldCV, ID: "f-cv", Label: t["cv"], Type: "file", Required: req == apply.Required, Error: problems.message(t, apply.FieldCV, t["cv"], apply.FieldCV)}
	}
	for i, q := range form.Questions {
		v.Questions = append(v.Questions, buildQuestion(form, q, i, t, values, problems))
	}
	v.HasConditions = hasConditions(v.Questions)
	for i, c := range form.Consents {
		name := "consents[" + c.Type + "]"
		v.Consents = append(v.Consents, consentView{Name: name, ID: "c-" + strconv.Itoa(i), Text: template.HTML(c.Text), // sanitised by intake
			URL: safeURL(c.URL), BoardPrivacyURL: safeURL(form.PrivacyURL), EmployerPrivacyURL: safeURL(form.EmployerPrivacyURL),
			Required: c.Required, Checked: values.Get(name) != "", Error: problems.message(t, name, t["privacy"], "consent")}) // the legend: the text is long
	}
	return v
}

// buildQuestion draws one question.
func buildQuestion(form apply.Form, q apply.Question, i int, t labels, values url.Values, problems fieldProblems) questionView {
	name := "answers[" + q.ID + "]"
	qv := questionView{Name: name, ID: "q-" + strconv.Itoa(i), Text: q.Text, Kind: q.Type, Required: q.Required,
		Value: values.Get(name)}
	switch q.Type {
	case apply.TypeText, apply.TypeTextarea, apply.TypeNumber, apply.TypeDate:
	case apply.TypeSelect, apply.TypeMultiselect:
		qv.Options = options(qv.ID, q.Options, values[name])
		switch {
		case q.Type == apply.TypeMultiselect:
			qv.Kind = "checkboxes"
		case len(q.Options) <= maxRadioOptions:
			qv.Kind = "radios"
		}
	case apply.TypeRange:
		qv.Kind, qv.Min, qv.Max, qv.Unit, qv.Step = "number", number(q.Min), number(q.Max), q.Unit, "any"
		if q.Format == "integer" {
			qv.Step = "1"
		}
	case apply.TypeFile:
		qv.Value = ""
		qv.Accept, qv.FileHint = fileInputs(form, t)
	default: // a type the page does not know (Teamtailor's color): text
		qv.Kind = apply.TypeText
	}
	if q.ParentID != "" {
		parent, when := q.ParentID, q.ConditionalValue
		if p, ok := form.Question(q.ParentID); ok {
			parent = p.Text
			for _, o := range p.Options {
				if strings.EqualFold(o.Value, when) && o.Label != "" {
					when = o.Label
				}
			}
		}
		qv.Condition = t.format("only_if", map[string]any{"Answer": when, "Question": parent})
		qv.Parent, qv.When = "answers["+q.ParentID+"]", q.ConditionalValue
	}
	qv.Error = problems.message(t, name, q.Text, qv.Kind) // by the kind drawn: a range is a number
	return qv
}

// fileInputs returns a form's file inputs' accept list (".pdf,.docx") and
// the hint under them: the general one when the form takes every type
// jobgate allows, else one naming the only types the employer's ATS
// takes (Teamtailor's Direct Apply takes no .doc or .odt), so the
// candidate knows before choosing a file.
func fileInputs(form apply.Form, t labels) (accept, hint string) {
	all := apply.TakenFileTypes(nil)
	types := form.FileTypes
	if len(types) == 0 {
		types = all
	}
	accept = "." + strings.Join(types, ",.")
	if len(types) == len(all) {
		return accept, t["cv_hint"]
	}
	return accept, t.format("cv_hint_only", map[string]any{"Types": strings.ToUpper(strings.Join(types, ", "))})
}

func options(prefix string, opts []apply.Option, chosen []string) []optionView {
	out := make([]optionView, len(opts))
	for i, o := range opts {
		label := o.Label
		if label == "" {
			label = o.Value
		}
		out[i] = optionView{ID: prefix + "-" + strconv.Itoa(i), Value: o.Value, Label: label, Checked: contains(chosen, o.Value)}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func number(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// safeURL keeps an absolute http(s) URL, else nothing.
func safeURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return s
}

// fieldProblems are the problems of a refused submission: each field's
// first problem code, by the field's multipart name.
type fieldProblems map[string]string

// problemsByField keeps each field's first problem.
func problemsByField(ps []apply.Problem) fieldProblems {
	byField := fieldProblems{}
	for _, p := range ps {
		if _, ok := byField[p.Field]; !ok {
			byField[p.Field] = p.Code
		}
	}
	return byField
}

// message is the error drawn next to a field: the field named by its
// label, then what is wrong with it, in the page's language; "" when the
// field has no problem.
func (fp fieldProblems) message(t labels, field, label, kind string) string {
	code, ok := fp[field]
	if !ok {
		return ""
	}
	return t.format("field_error", map[string]any{"Field": label, "Problem": t.problemFor(code, kind)})
}

// problemFor is what is wrong, said for the kind of field where the
// catalogue has words for it ("err_invalid_email": how an e-mail address
// looks), else for any field.
func (l labels) problemFor(code, kind string) string {
	if s, ok := l["err_"+code+"_"+kind]; ok && kind != "" {
		return s
	}
	return l.problemText(code)
}

// summarise fills the problem summary from the drawn form: each problem
// with the label and anchor of its input, or the field's name when the
// form does not show it.
func (v *formView) summarise(ps []apply.Problem, t labels) {
	type anchor struct{ id, label, kind string }
	anchors := map[string]anchor{}
	for _, f := range v.Fields {
		anchors[f.Name] = anchor{f.ID, f.Label, f.Name}
	}
	if v.CV != nil {
		anchors[v.CV.Name] = anchor{v.CV.ID, v.CV.Label, v.CV.Name}
	}
	for _, q := range v.Questions {
		anchors[q.Name] = anchor{q.ID, q.Text, q.Kind}
	}
	for _, c := range v.Consents {
		anchors[c.Name] = anchor{c.ID, stripTags(string(c.Text)), "consent"}
	}
	for _, p := range ps {
		a, ok := anchors[p.Field]
		if !ok {
			a = anchor{"", p.Field, ""}
		}
		v.Problems = append(v.Problems, problemView{Anchor: a.id, Label: a.label, Message: t.problemFor(p.Code, a.kind)})
	}
}

var reTag = regexp.MustCompile(`<[^>]*>`)

// stripTags is a consent's text without its markup, for the summary
// (html/template escapes what is left).
func stripTags(s string) string {
	s = strings.TrimSpace(html.UnescapeString(reTag.ReplaceAllString(s, "")))
	if r := []rune(s); len(r) > 80 {
		s = string(r[:80]) + "…"
	}
	return s
}
