package lever

import (
	"strconv"
	"strings"

	"github.com/jobgate/jobgate/internal/apply"
)

// answerParts are the answers to the posting's own questions (withQuestions)
// as the multipart fields of Lever's apply call. The Postings API README
// documents urls ("urls[GitHub]=https://github.com/" for multipart) and
// org; it says the API "is modeled off our hosted jobs form", whose fields
// name a custom question's answer cards[<card id>][field<n>] (n its place
// in the card, as the Lever API's customQuestions[].fields list them) and
// an EEO answer eeo[<question>] ([I]: see README, Lever). A multiselect's
// values are sent as one field each.
func answerParts(answers []apply.Answer) [][2]string {
	var out [][2]string
	for _, a := range answers {
		name := answerName(a.QuestionID)
		if name == "" {
			continue
		}
		for _, v := range a.Values {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, [2]string{name, v})
			}
		}
	}
	return out
}

// answerName is the multipart field of a question's answer, or "" for a
// question that is not Lever's.
func answerName(id string) string {
	switch {
	case strings.HasPrefix(id, idCard):
		card, n, ok := cutLast(strings.TrimPrefix(id, idCard), ".")
		if _, err := strconv.Atoi(n); !ok || err != nil || card == "" {
			return ""
		}
		return "cards[" + card + "][field" + n + "]"
	case strings.HasPrefix(id, idURL):
		return "urls[" + strings.TrimPrefix(id, idURL) + "]"
	case strings.HasPrefix(id, idEEO):
		return "eeo[" + strings.TrimPrefix(id, idEEO) + "]"
	case id == idPersonal+"org":
		return "org"
	}
	return ""
}

func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}
