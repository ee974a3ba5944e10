package connectors

import (
	"encoding/json"
	"errors"
	"mime"
	"strings"

	"github.com/jobgate/jobgate/internal/jsontext"
)

// FlexString takes a JSON string or number: vendors send ids both ways
// (Ponty's assignment_id, Teamtailor's reference-id).
type FlexString string

// UnmarshalJSON implements json.Unmarshaler.
func (f *FlexString) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*f = FlexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return errors.New("must be a string or a number")
	}
	*f = FlexString(n.String())
	return nil
}

// DateOnly keeps the date of a vendor's "2026-06-01" or
// "2026-06-01 12:00:00"; shorter text is returned trimmed, for validation
// to judge.
func DateOnly(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 10 {
		return s[:10]
	}
	return s
}

// IsJSONMediaType reports whether a Content-Type header names JSON:
// application/json or a +json type, with a charset of UTF-8 if any (JSON
// is UTF-8, RFC 8259 section 8.1). A missing header is not JSON: a body
// that does not say what it is is not read as one. jobgate's JSON API and
// the receivers of vendors documented to send JSON refuse anything else
// with 415.
func IsJSONMediaType(header string) bool {
	mt, params, err := mime.ParseMediaType(header)
	if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
		return false
	}
	cs, ok := params["charset"]
	return !ok || strings.EqualFold(cs, "utf-8") || strings.EqualFold(cs, "utf8")
}

// JSONTextFaults names the strings of a JSON body that are not text
// (bytes that are not UTF-8, which encoding/json would silently replace,
// or a NUL character), each as "path: what is wrong" and never the value,
// for a receiver that refuses the body.
func JSONTextFaults(body []byte) []string {
	var out []string
	for _, p := range jsontext.Check(body) {
		out = append(out, p.Path+": "+p.Message)
	}
	return out
}
