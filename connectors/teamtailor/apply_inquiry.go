package teamtailor

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/apply"
)

// inquiry is the GET {BASE_URL}/inquiry answer
// (https://partner.teamtailor.com/job_boards/#inquiry-response), with the
// fields jobgate uses.
type inquiry struct {
	JobStatus         string            `json:"job_status"`
	ApplicationFields []inquiryField    `json:"application_fields"`
	Questions         []inquiryQuestion `json:"questions"`
	Consents          []inquiryConsent  `json:"consents"`
}

type inquiryField struct {
	Name        string `json:"name"`
	Requirement string `json:"requirement"`
}

// inquiryQuestion is a question object. The docs type id,
// parent_question_id and conditional_value as strings, and the example
// sends numbers (and option values as booleans and numbers): all are
// read as scalars.
type inquiryQuestion struct {
	ID               scalar          `json:"id"`
	Question         string          `json:"question"`
	Required         bool            `json:"required"`
	Type             string          `json:"type"`
	Options          []inquiryOption `json:"options"`
	Format           string          `json:"format"`
	Min              number          `json:"min"`
	Max              number          `json:"max"`
	Unit             string          `json:"unit"`
	ParentQuestionID scalar          `json:"parent_question_id"`
	ConditionalValue scalar          `json:"conditional_value"`
}

type inquiryOption struct {
	Value scalar `json:"value"`
	Label scalar `json:"label"`
}

type inquiryConsent struct {
	ConsentType string `json:"consent_type"`
	Required    bool   `json:"required"`
	Text        string `json:"text"`
	URL         string `json:"url"`
}

// parseInquiry reads an /inquiry answer into the form of the job.
func parseInquiry(body []byte) (apply.Form, error) {
	var in inquiry
	if err := json.NewDecoder(bytes.NewReader(body)).Decode(&in); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return apply.Form{}, fmt.Errorf("teamtailor inquiry: invalid field %s", te.Field)
		}
		return apply.Form{}, errors.New("teamtailor inquiry: the answer is not the documented JSON object")
	}
	return in.form(), nil
}

// form maps the inquiry. The e-mail is always required (Teamtailor lists
// no e-mail field, and a candidate is found by it); a job_status other
// than "expired" is open.
func (in inquiry) form() apply.Form {
	f := apply.Form{Open: !strings.EqualFold(strings.TrimSpace(in.JobStatus), "expired"), Fields: fields(in.ApplicationFields),
		Questions: []apply.Question{}, Consents: []apply.Consent{}}
	seen := map[string]bool{}
	for _, q := range in.Questions {
		id := strings.TrimSpace(string(q.ID))
		if id == "" || seen[id] {
			continue // a question without an id cannot be answered
		}
		seen[id] = true
		f.Questions = append(f.Questions, q.question(id))
	}
	for _, c := range in.Consents {
		f.Consents = append(f.Consents, apply.Consent{Type: strings.TrimSpace(c.ConsentType), Required: c.Required,
			Text: ad.SanitizeHTML(c.Text), URL: strings.TrimSpace(c.URL)})
	}
	return f
}

// fields maps application_fields (name, phone, resume, cover_letter) to
// the standard fields, e-mail added after the name. An unknown field name
// is left out; an unknown requirement is read as optional, so a new word
// of Teamtailor's never blocks a candidate.
func fields(in []inquiryField) []apply.Field {
	req := map[string]string{}
	for _, f := range in {
		r := strings.TrimSpace(f.Requirement)
		if r != apply.Required && r != apply.Off {
			r = apply.Optional
		}
		if _, dup := req[f.Name]; !dup {
			req[f.Name] = r
		}
	}
	var out []apply.Field
	if r, ok := req["name"]; ok {
		out = append(out, apply.Field{Name: apply.FieldFirstName, Requirement: r}, apply.Field{Name: apply.FieldLastName, Requirement: r})
	}
	out = append(out, apply.Field{Name: apply.FieldEmail, Requirement: apply.Required})
	for _, m := range []struct{ tt, ours string }{
		{"phone", apply.FieldPhone}, {"cover_letter", apply.FieldCoverLetter}, {"resume", apply.FieldCV},
	} {
		if r, ok := req[m.tt]; ok {
			out = append(out, apply.Field{Name: m.ours, Requirement: r})
		}
	}
	return out
}

// questionTypes are the documented types; any other (the example's
// "color") is asked as text.
var questionTypes = map[string]bool{
	apply.TypeText: true, apply.TypeTextarea: true, apply.TypeSelect: true, apply.TypeMultiselect: true,
	apply.TypeRange: true, apply.TypeFile: true, apply.TypeDate: true, apply.TypeNumber: true,
}

func (q inquiryQuestion) question(id string) apply.Question {
	t := strings.TrimSpace(q.Type)
	if !questionTypes[t] {
		t = apply.TypeText
	}
	out := apply.Question{ID: id, Text: strings.TrimSpace(q.Question), Type: t, Required: q.Required,
		ParentID: strings.TrimSpace(string(q.ParentQuestionID)), ConditionalValue: string(q.ConditionalValue)}
	if t == apply.TypeRange {
		out.Min, out.Max, out.Unit, out.Format = q.Min.ptr(), q.Max.ptr(), strings.TrimSpace(q.Unit), strings.TrimSpace(q.Format)
	}
	if t == apply.TypeSelect || t == apply.TypeMultiselect {
		for _, o := range q.Options {
			label := string(o.Label)
			if label == "" {
				label = string(o.Value)
			}
			out.Options = append(out.Options, apply.Option{Value: string(o.Value), Label: label})
		}
	}
	return out
}

// scalar reads a JSON string, number or boolean as its text ("true",
// "4"); null is "". Teamtailor's example sends option values as booleans
// and numbers, and the answers to them as those strings.
type scalar string

// UnmarshalJSON implements json.Unmarshaler.
func (s *scalar) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		*s = ""
	case b[0] == '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = scalar(v)
	case string(b) == "true" || string(b) == "false":
		*s = scalar(b)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return errors.New("must be a string, a number or a boolean")
		}
		*s = scalar(n.String())
	}
	return nil
}

// number reads a range's min or max: a JSON number or a numeric string;
// null, or anything else, is no bound.
type number struct {
	v  float64
	ok bool
}

// UnmarshalJSON implements json.Unmarshaler.
func (n *number) UnmarshalJSON(b []byte) error {
	var s scalar
	if s.UnmarshalJSON(b) != nil {
		*n = number{}
		return nil
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(string(s)), 64)
	*n = number{v: v, ok: err == nil && !math.IsNaN(v) && !math.IsInf(v, 0)}
	return nil
}

func (n number) ptr() *float64 {
	if !n.ok {
		return nil
	}
	v := n.v
	return &v
}
