package httpapi

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/apply"
)

func ptr(f float64) *float64 { return &f }

// everyType is a form with each question type, a conditional question and
// two consents.
func everyType() apply.Form {
	return apply.Form{JobID: "job_1", ApplyMode: apply.ModeDirect, Open: true, Language: "en",
		Fields: []apply.Field{{Name: apply.FieldFirstName, Requirement: apply.Required}, {Name: apply.FieldLastName, Requirement: apply.Required}, {Name: apply.FieldEmail, Requirement: apply.Required},
			{Name: apply.FieldPhone, Requirement: apply.Off}, {Name: apply.FieldCoverLetter, Requirement: apply.Optional}, {Name: apply.FieldCV, Requirement: apply.Required}},
		Questions: []apply.Question{
			{ID: "t1", Text: "Your nickname", Type: apply.TypeText},
			{ID: "ta", Text: "Tell us more", Type: apply.TypeTextarea, Required: true},
			{ID: "s1", Text: "Driving licence?", Type: apply.TypeSelect, Required: true, Options: []apply.Option{{Value: "yes", Label: "Yes"}, {Value: "no", Label: "No"}}},
			{ID: "s2", Text: "County", Type: apply.TypeSelect, Options: []apply.Option{{Value: "1", Label: "Oslo"}, {Value: "2", Label: "Viken"}, {Value: "3", Label: "Agder"}, {Value: "4", Label: "Rogaland"}, {Value: "5", Label: "Troms"}}},
			{ID: "m1", Text: "Languages", Type: apply.TypeMultiselect, Options: []apply.Option{{Value: "nb", Label: "Norwegian"}, {Value: "en", Label: "English"}}},
			{ID: "n1", Text: "Years of experience", Type: apply.TypeNumber},
			{ID: "d1", Text: "Start date", Type: apply.TypeDate},
			{ID: "r1", Text: "Expected salary", Type: apply.TypeRange, Min: ptr(300000), Max: ptr(900000), Unit: "NOK", Format: "integer"},
			{ID: "f1", Text: "Certificate", Type: apply.TypeFile},
			{ID: "c1", Text: "Licence class", Type: apply.TypeText, Required: true, ParentID: "s1", ConditionalValue: "yes"},
		},
		Consents: []apply.Consent{{Type: apply.ConsentPrivacyPolicy, Required: true, Text: `I accept the <a href="https://example.com/p">privacy policy</a>`},
			{Type: apply.ConsentFutureJobs, Text: "Keep me for future jobs"}},
	}
}

func renderJob(t *testing.T, form apply.Form, values url.Values, problems []apply.Problem) string {
	t.Helper()
	p := jobPageData{pageData: newPage(form.Language, "Job"), Ad: ad.Ad{Title: "Job", Language: form.Language}}
	fv := buildForm(form, p.T, applyAction(form.JobID, "k0123456789abcdefgh", "direct"), values, problemsByField(problems))
	fv.summarise(problems, p.T)
	p.Form = &fv
	var buf bytes.Buffer
	if err := pageTemplates.ExecuteTemplate(&buf, "job", p); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestJobPageFormDrawsEveryQuestionType(t *testing.T) {
	html := renderJob(t, everyType(), nil, nil)
	for _, want := range []string{
		`enctype="multipart/form-data"`, `method="post"`, `action="/jobs/job_1/apply?k=k0123456789abcdefgh&amp;src=direct"`,
		`<label for="f-first_name">First name`, `name="first_name" type="text" autocomplete="given-name"`,
		`autocomplete="family-name"`, `type="email" autocomplete="email"`, `<textarea id="f-cover_letter" name="cover_letter"`,
		`name="cv" type="file" accept=".pdf,.doc,.docx,.odt,.rtf,.txt"`,
		`name="answers[t1]" type="text"`, `<textarea id="q-1" name="answers[ta]" rows="5" required>`,
		`name="answers[s1]" type="radio" value="yes" required`, `<select id="q-3" name="answers[s2]">`,
		`name="answers[m1]" type="checkbox" value="en"`, `name="answers[n1]" type="number"`, `name="answers[d1]" type="date"`,
		`type="number" inputmode="decimal" value="" min="300000" max="900000" step="1"`, `Expected salary (NOK)`,
		`name="answers[f1]" type="file" accept=".pdf,.doc,.docx,.odt,.rtf,.txt"`,
		`data-parent="answers[s1]" data-when="yes" data-required="true"`, `Only if you answered “Yes” to “Driving licence?”.`,
		`name="consents[privacy_policy]" type="checkbox" value="true" required`, `I accept the <a href="https://example.com/p">privacy policy</a>`,
		`<script nonce=`, `<meta name="viewport" content="width=device-width, initial-scale=1">`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(html, `name="phone"`) {
		t.Error("a field the form has off is shown")
	}
	if regexp.MustCompile(`name="answers\[c1\]"[^>]* required`).MatchString(html) {
		t.Error("a conditional question is required without its condition")
	}
	for _, m := range regexp.MustCompile(`<input id="([^"]+)"`).FindAllStringSubmatch(html, -1) {
		if !strings.Contains(html, `for="`+m[1]+`"`) {
			t.Errorf("input %s has no label", m[1])
		}
	}
}

func TestJobPageFormKeepsValuesAndShowsProblems(t *testing.T) {
	values := url.Values{"first_name": {`Kari "<b>"`}, "answers[m1]": {"en"}, "consents[future_jobs]": {"true"}, "answers[s2]": {"3"}}
	html := renderJob(t, everyType(), values, []apply.Problem{{Field: "email", Code: "invalid"}, {Field: "documents", Code: "too_long"}})
	for _, want := range []string{`value="Kari &#34;&lt;b&gt;&#34;"`, `value="en" checked`, `<option value="3" selected>Agder`,
		`id="c-1" name="consents[future_jobs]" type="checkbox" value="true" checked`, `aria-invalid="true" aria-describedby="f-email-err"`,
		`<p class="err" id="f-email-err">E-mail: Enter a valid e-mail address, such as name@example.com.</p>`, `<a href="#f-email">E-mail</a>: Enter a valid e-mail address, such as name@example.com.`,
		`documents: This is too long.`} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

func TestJobPageLabelsInEveryLanguage(t *testing.T) {
	for lang, want := range map[string]string{"nb": "Fornavn", "nn": "Førenamn", "no": "Fornavn", "": "Fornavn", "sv": "Förnamn", "da": "Fornavn", "fi": "Etunimi", "en": "First name", "de": "First name"} {
		if got := labelsFor(lang)["first_name"]; got != want {
			t.Errorf("%q: first_name is %q, want %q", lang, got, want)
		}
	}
	for _, code := range []string{"required", "invalid", "too_long", "not_an_option", "unknown_question", "file_too_large",
		"unsupported_file_type", "job_closed", "redirect", "form_unavailable"} {
		if labelsFor("sv").problemText(code) == code {
			t.Errorf("no message for %s", code)
		}
	}
	if got := labelsFor("nb").problemText("something_new"); got != "something_new" {
		t.Errorf("an unknown code reads %q", got)
	}
}
