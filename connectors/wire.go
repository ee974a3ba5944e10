package connectors

import (
	"encoding/json"
	"errors"
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
