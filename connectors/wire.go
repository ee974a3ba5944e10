package connectors

import (
	"encoding/json"
	"errors"
	"strings"
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
