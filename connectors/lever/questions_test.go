package lever

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/apply"
)

// TestWithQuestions: Lever's questions as the form asks them: a required
// current company is a question (sent as org), a file upload and an
// unknown type are not asked, a choice without options is free text, and
// eeoQuestions is read as an object by name or an array of named ones.
func TestWithQuestions(t *testing.T) {
	for name, eeo := range map[string]string{
		"object": `{"gender":{"type":"dropdown","text":"Gender","required":true,"options":[{"text":"Female"}]},"race":{"type":"dropdown","required":false}}`,
		"array":  `[{"name":"gender","type":"dropdown","text":"Gender","required":true,"options":[{"text":"Female"}]},{"name":"race","type":"dropdown"}]`,
	} {
		body := `{"data":{"personalInformation":[{"name":"currentCompany","text":"Current company","required":true},{"name":"resume","required":true}],
			"customQuestions":[{"id":"c1","fields":[{"type":"file-upload","text":"Portfolio","required":true},{"type":"dropdown","text":"Pick"},{"type":"signature","text":"Sign"}]}],
			"urls":[{"name":"Portfolio","required":false}],"eeoQuestions":` + eeo + `}}`
		var q postingQuestions
		require.NoError(t, json.Unmarshal([]byte(body), &q), name)
		f := withQuestions(apply.Form{Fields: apply.StandardFields()}, q)
		require.Equal(t, apply.Required, f.Requirement(apply.FieldCV), name)
		ids := []string{}
		for _, qq := range f.Questions {
			ids = append(ids, qq.ID)
		}
		require.Equal(t, []string{"personal.org", "card.c1.1", "url.Portfolio", "eeo.gender"}, ids, name)
		pick, _ := f.Question("card.c1.1")
		require.Equal(t, apply.TypeText, pick.Type, "a dropdown without options is free text")
		g, _ := f.Question("eeo.gender")
		require.Equal(t, []apply.Option{{Value: "Female", Label: "Female"}}, g.Options)
	}
	require.Equal(t, "org", answerName("personal.org"))
	require.Equal(t, "cards[c1][field1]", answerName("card.c1.1"))
	require.Equal(t, "", answerName("card.c1.x"))
	require.Equal(t, "", answerName("42"), "another ATS's question id is not Lever's")
}
