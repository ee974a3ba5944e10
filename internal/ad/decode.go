package ad

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"
)

// FieldError is one bad field: its JSON path, a machine-readable code and a
// message that never repeats the value (it may be personal data).
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// ValidationError lists every bad field of an ad.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	names := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		names[i] = f.Field + ": " + f.Code
	}
	return "invalid ad: " + strings.Join(names, ", ")
}

func (e *ValidationError) add(field, code, format string, args ...any) {
	e.Fields = append(e.Fields, FieldError{Field: field, Code: code, Message: fmt.Sprintf(format, args...)})
}

func (e *ValidationError) orNil() error {
	if len(e.Fields) == 0 {
		return nil
	}
	return e
}

// SyntaxError is a body that is not a JSON object.
type SyntaxError struct{ Err error }

func (e *SyntaxError) Error() string { return "malformed JSON: " + e.Err.Error() }

// Unwrap returns the decoder's error.
func (e *SyntaxError) Unwrap() error { return e.Err }

// Decode reads a generic ad JSON object. A body that is not a JSON object is
// a *SyntaxError; unknown fields and values of the wrong type are reported,
// all at once, as a *ValidationError. Decode does not validate values: call
// Normalize for that.
func Decode(body []byte) (Ad, error) {
	var a Ad
	var top map[string]json.RawMessage
	if err := strictUnmarshal(body, &top); err != nil || top == nil {
		if err == nil {
			err = errors.New("body is not a JSON object")
		}
		return a, &SyntaxError{Err: err}
	}
	verr := &ValidationError{}
	fields := fieldsByName(reflect.ValueOf(&a).Elem())
	for _, name := range sortedKeys(top) {
		dst, ok := fields[name]
		if !ok {
			verr.add(name, "unknown_field", "unknown field")
			continue
		}
		if err := strictUnmarshal(top[name], dst.Addr().Interface()); err != nil {
			verr.Fields = append(verr.Fields, typeError(name, err))
		}
	}
	return a, verr.orNil()
}

// strictUnmarshal decodes one JSON value, refusing unknown fields and
// trailing data.
func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("trailing data after the JSON value")
	}
	return nil
}

// typeError turns a decoding error of one top-level field into a FieldError.
func typeError(name string, err error) FieldError {
	var ute *json.UnmarshalTypeError
	if errors.As(err, &ute) {
		path := name
		if ute.Field != "" {
			path = name + "." + ute.Field
		}
		return FieldError{Field: path, Code: "invalid_type", Message: "must be " + jsonKind(ute.Type)}
	}
	if msg := err.Error(); strings.HasPrefix(msg, "json: unknown field ") {
		sub := strings.Trim(strings.TrimPrefix(msg, "json: unknown field "), `"`)
		return FieldError{Field: name + "." + sub, Code: "unknown_field", Message: "unknown field"}
	}
	return FieldError{Field: name, Code: "invalid_type", Message: "is not valid JSON for this field"}
}

func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "an integer"
	case reflect.Float64, reflect.Float32:
		return "a number"
	case reflect.Bool:
		return "a boolean"
	case reflect.Slice:
		return "an array"
	default:
		return "an object"
	}
}

// fieldsByName maps JSON names to the struct's fields.
func fieldsByName(v reflect.Value) map[string]reflect.Value {
	out := make(map[string]reflect.Value, v.NumField())
	for i := range v.NumField() {
		tag := v.Type().Field(i).Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		out[name] = v.Field(i)
	}
	return out
}

func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
