package teamtailor

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/apply"
)

const inquiryFixture = "../../testdata/teamtailor/teamtailor-direct-apply-inquiry-response.json"

func readInquiry(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(inquiryFixture)
	require.NoError(t, err)
	return b
}

func ptr(v float64) *float64 { return &v }

func fld(name, requirement string) apply.Field {
	return apply.Field{Name: name, Requirement: requirement}
}

func opt(value, label string) apply.Option { return apply.Option{Value: value, Label: label} }

// TestInquiryExample maps Teamtailor's own /inquiry example to the form,
// question by question.
func TestInquiryExample(t *testing.T) {
	f, err := parseInquiry(readInquiry(t))
	require.NoError(t, err)
	require.True(t, f.Open, "job_status active")
	require.Equal(t, []apply.Field{
		fld(apply.FieldFirstName, apply.Required), fld(apply.FieldLastName, apply.Required), fld(apply.FieldEmail, apply.Required),
		fld(apply.FieldPhone, apply.Optional), fld(apply.FieldCoverLetter, apply.Off), fld(apply.FieldCV, apply.Optional),
	}, f.Fields)

	yesNo := []apply.Option{opt("true", "Yes"), opt("false", "No")}
	social := []apply.Option{opt("1", "Facebook"), opt("2", "Twitter"), opt("3", "Instagram"), opt("4", "Snapchat"), opt("5", "Other")}
	for i, want := range []apply.Question{
		{ID: "4", Text: "Are you a designer?", Type: apply.TypeSelect, Required: true, Options: yesNo},
		{ID: "5", Text: "Favorite social media platforms?", Type: apply.TypeMultiselect, Options: social},
		{ID: "6", Text: "What did you learn this week?", Type: apply.TypeTextarea, Required: true},
		{ID: "7", Text: "Years of experience", Type: apply.TypeRange, Required: true, Min: ptr(0), Max: ptr(20), Unit: "years", Format: "integer"},
		{ID: "8", Text: "Please upload your diploma", Type: apply.TypeFile},
		{ID: "9", Text: "What is your name?", Type: apply.TypeText},
		{ID: "10", Text: "What is your date of birth?", Type: apply.TypeDate},
		{ID: "11", Text: "How many apples do you eat?", Type: apply.TypeNumber},
		{ID: "12", Text: "What is your favorite color?", Type: apply.TypeText, ParentID: "11", ConditionalValue: "10"},
	} {
		require.Less(t, i, len(f.Questions))
		require.Equal(t, want, f.Questions[i], "question %s", want.ID)
	}
	require.Len(t, f.Questions, 9)

	require.Len(t, f.Consents, 2)
	privacy := f.Consents[0]
	require.Equal(t, apply.ConsentPrivacyPolicy, privacy.Type)
	require.True(t, privacy.Required)
	require.Equal(t, "https://career.teamtailor.localhost/privacy-policy", privacy.URL)
	require.Contains(t, privacy.Text, `<a href="https://career.teamtailor.localhost/privacy-policy"`)
	require.NotContains(t, privacy.Text, "class=", "the sanitiser drops the class")
	require.Equal(t, apply.Consent{Type: apply.ConsentFutureJobs,
		Text: "Yes, Teamtailor can also contact me about future job opportunities."}, f.Consents[1])
}

// TestInquiryVariants covers what the example does not show.
func TestInquiryVariants(t *testing.T) {
	for _, c := range []struct {
		name, body string
		check      func(t *testing.T, f apply.Form)
	}{
		{"expired", `{"job_status":"expired"}`, func(t *testing.T, f apply.Form) {
			require.False(t, f.Open)
			require.Equal(t, []apply.Field{fld(apply.FieldEmail, apply.Required)}, f.Fields, "e-mail is always asked")
		}},
		{"no status is open", `{}`, func(t *testing.T, f apply.Form) { require.True(t, f.Open) }},
		{"string ids and values", `{"questions":[{"id":"q-1","type":"select","options":[{"value":"a","label":"A"},{"value":2.5}]}]}`,
			func(t *testing.T, f apply.Form) {
				require.Equal(t, "q-1", f.Questions[0].ID)
				require.Equal(t, []apply.Option{opt("a", "A"), opt("2.5", "2.5")}, f.Questions[0].Options, "no label: the value")
			}},
		{"unknown requirement and field", `{"application_fields":[{"name":"name","requirement":"mandatory"},{"name":"avatar","requirement":"required"}]}`,
			func(t *testing.T, f apply.Form) {
				require.Equal(t, []apply.Field{fld(apply.FieldFirstName, apply.Optional), fld(apply.FieldLastName, apply.Optional),
					fld(apply.FieldEmail, apply.Required)}, f.Fields)
			}},
		{"questions without id or repeated are left out", `{"questions":[{"question":"a"},{"id":1,"question":"b"},{"id":"1","question":"c"}]}`,
			func(t *testing.T, f apply.Form) {
				require.Len(t, f.Questions, 1)
				require.Equal(t, "b", f.Questions[0].Text)
			}},
		{"range bounds as strings, or none", `{"questions":[{"id":1,"type":"range","min":"1.5","max":"lots"}]}`,
			func(t *testing.T, f apply.Form) {
				require.Equal(t, ptr(1.5), f.Questions[0].Min)
				require.Nil(t, f.Questions[0].Max)
			}},
		{"script in a consent", `{"consents":[{"consent_type":"privacy_policy","text":"ok<script>alert(1)</script>"}]}`,
			func(t *testing.T, f apply.Form) { require.Equal(t, "ok", f.Consents[0].Text) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := parseInquiry([]byte(c.body))
			require.NoError(t, err)
			c.check(t, f)
		})
	}
}

func TestInquiryRefuses(t *testing.T) {
	for _, body := range []string{``, `[]`, `{"questions":[{"id":{}}]}`, `{"job_status":5}`, `<html>`} {
		_, err := parseInquiry([]byte(body))
		require.Error(t, err, body)
	}
}

// FuzzInquiry feeds the /inquiry decoder: no panic, and a form it accepts
// is one the hub can use: e-mail required, question ids unique and set,
// types known, consents free of scripts, and the form encodes as JSON.
func FuzzInquiry(f *testing.F) {
	f.Add(readInquiry(f))
	f.Add([]byte(`{"job_status":"expired","questions":[{"id":"x","type":"range","min":"NaN","max":1e400}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		form, err := parseInquiry(body)
		if err != nil {
			return
		}
		require.Equal(t, apply.Required, form.Requirement(apply.FieldEmail))
		seen := map[string]bool{}
		for _, q := range form.Questions {
			require.NotEmpty(t, q.ID)
			require.False(t, seen[q.ID], "question %q twice", q.ID)
			seen[q.ID] = true
			require.True(t, questionTypes[q.Type], q.Type)
		}
		for _, c := range form.Consents {
			require.NotContains(t, strings.ToLower(c.Text), "<script")
		}
		_, err = json.Marshal(form)
		require.NoError(t, err)
	})
}
