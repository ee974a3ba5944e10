package lever

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/applyhttp"
	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/outbound"
)

// maxQuestions bounds Lever's answer to a questions read.
const maxQuestions = 1 << 20

// Question id prefixes: a question's id says where its answer goes in
// Lever's apply call (answerParts).
const (
	idCard     = "card."
	idURL      = "url."
	idEEO      = "eeo."
	idPersonal = "personal."
)

// postingQuestions is Lever's answer to "Retrieve posting application
// questions", GET /v1/postings/:posting/apply (Lever API,
// https://hire.lever.co/developer/documentation#retrieve-posting-application-questions):
// the posting's form as the account set it up, under data.
type postingQuestions struct {
	Data struct {
		CustomQuestions     []questionCard  `json:"customQuestions"`
		PersonalInformation []questionField `json:"personalInformation"`
		URLs                []questionField `json:"urls"`
		// EEOQuestions is an object of questions by name; [I] an array
		// of named questions is read too (eeoByName), as third-party
		// clients model it so.
		EEOQuestions json.RawMessage `json:"eeoQuestions"`
	} `json:"data"`
}

// eeoByName reads eeoQuestions, an object of questions by name or an
// array of questions with their name; anything else is none.
func (q postingQuestions) eeoByName() map[string]questionField {
	out := map[string]questionField{}
	if json.Unmarshal(q.Data.EEOQuestions, &out) == nil {
		return out
	}
	var list []questionField
	if json.Unmarshal(q.Data.EEOQuestions, &list) == nil {
		for _, f := range list {
			if name := strings.TrimSpace(f.Name); name != "" {
				out[name] = f
			}
		}
	}
	return out
}

// questionCard is one custom question card (Lever's form template): its
// id and its fields, answered in order (field0, field1, ...).
type questionCard struct {
	ID     string          `json:"id"`
	Text   string          `json:"text"`
	Fields []questionField `json:"fields"`
}

// questionField is one question of a card, one personal information or
// URL field, or one EEO question.
type questionField struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Text     string `json:"text"`
	Required bool   `json:"required"`
	Options  []struct {
		Text string `json:"text"`
	} `json:"options"`
}

// readQuestions asks Lever for the posting's application questions with
// the integration's Lever API key (HTTP Basic, the key as user name and
// no password: the documentation's "Authentication").
func (c *Connector) readQuestions(ctx context.Context, cfg config, key, posting string) (postingQuestions, error) {
	u := cfg.baseURL.JoinPath("v1", "postings", posting, "apply")
	h := http.Header{}
	h.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(key+":")))
	h.Set("Accept", "application/json")
	body, err := applyhttp.Read(ctx, c.out, outbound.Request{Method: http.MethodGet, URL: u.String(), Header: h,
		Secrets: []string{key, h.Get("Authorization")}}, maxQuestions)
	if err != nil {
		return postingQuestions{}, connectors.RedactSecrets(err, key)
	}
	var q postingQuestions
	if err := json.Unmarshal(body, &q); err != nil {
		return postingQuestions{}, connectors.NewRetryable(errors.New("the posting's questions are not Lever's JSON"), 0)
	}
	return q, nil
}

// withQuestions is the standard form with what the account's form adds:
// every custom question (with its requirement), every URL field, the EEO
// questions the account requires (they are special categories of personal
// data, so an optional one is not asked), the current company, and the
// standard fields Lever's personal information makes required (phone,
// resume, additional information).
func withQuestions(f apply.Form, q postingQuestions) apply.Form {
	d := q.Data
	for _, p := range d.PersonalInformation {
		switch {
		case !p.Required:
		case p.Name == "phone":
			f.Fields = required(f.Fields, apply.FieldPhone)
		case p.Name == "resume":
			f.Fields = required(f.Fields, apply.FieldCV)
		case p.Name == "additionalInformation":
			f.Fields = required(f.Fields, apply.FieldCoverLetter)
		case p.Name == "currentCompany" || p.Name == "org":
			f.Questions = append(f.Questions, apply.Question{ID: idPersonal + "org", Text: text(p.Text, "Current company"), Type: apply.TypeText, Required: true})
		}
	}
	for _, card := range d.CustomQuestions {
		for i, fl := range card.Fields {
			if qt := questionType(fl.Type); qt != "" && strings.TrimSpace(card.ID) != "" {
				f.Questions = append(f.Questions, question(idCard+card.ID+"."+strconv.Itoa(i), fl, qt))
			}
		}
	}
	for _, u := range d.URLs {
		if name := strings.TrimSpace(u.Name); name != "" {
			f.Questions = append(f.Questions, apply.Question{ID: idURL + name, Text: text(u.Text, name), Type: apply.TypeText, Required: u.Required})
		}
	}
	eeo := q.eeoByName()
	for _, key := range slices.Sorted(maps.Keys(eeo)) {
		fl := eeo[key]
		if qt := questionType(fl.Type); fl.Required && qt != "" {
			f.Questions = append(f.Questions, question(idEEO+key, fl, qt))
		}
	}
	return f
}

// question is a Lever field as a form question; the options' values are
// their texts, which is what Lever's form takes as the answer.
func question(id string, fl questionField, qt string) apply.Question {
	q := apply.Question{ID: id, Text: text(fl.Text, id), Type: qt, Required: fl.Required}
	for _, o := range fl.Options {
		if v := strings.TrimSpace(o.Text); v != "" {
			q.Options = append(q.Options, apply.Option{Value: v, Label: v})
		}
	}
	if (qt == apply.TypeSelect || qt == apply.TypeMultiselect) && len(q.Options) == 0 {
		q.Type = apply.TypeText
	}
	return q
}

// questionType maps Lever's field types (text, textarea, dropdown,
// multiple-choice, multiple-select); a file upload is not asked, as the
// Postings API takes no file but the resume, and an unknown type neither.
func questionType(t string) string {
	switch strings.ToLower(strings.TrimSpace(t)) {
	case "text", "url", "":
		return apply.TypeText
	case "textarea":
		return apply.TypeTextarea
	case "dropdown", "multiple-choice":
		return apply.TypeSelect
	case "multiple-select":
		return apply.TypeMultiselect
	}
	return ""
}

func required(fields []apply.Field, name string) []apply.Field {
	for i := range fields {
		if fields[i].Name == name {
			fields[i].Requirement = apply.Required
		}
	}
	return fields
}

func text(s, def string) string {
	if s = strings.TrimSpace(s); s != "" {
		return s
	}
	return def
}
