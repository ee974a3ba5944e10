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

	"github.com/jobgate/jobgate/internal/jsontext"
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
// all at once and at every depth, as a *ValidationError. Field names match
// exactly (encoding/json alone would accept "Title" or "NAME"). Strings
// that are not valid UTF-8 or hold a NUL are reported too (invalid_text),
// found on the raw body. Decode does not validate values otherwise: call
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
	// encoding/json turns bytes that are not UTF-8 into U+FFFD without a
	// word, so text is checked on the raw body, where they still are.
	for _, p := range jsontext.Check(body) {
		verr.add(p.Path, CodeInvalidText, "%s", p.Message)
	}
	decodeObject(verr, "", top, reflect.ValueOf(&a).Elem())
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

// decodeObject decodes the members of one JSON object into the struct dst,
// reporting every unknown member and every value of the wrong type. prefix
// is the JSON path of the object, with a trailing dot ("" at the top).
func decodeObject(verr *ValidationError, prefix string, obj map[string]json.RawMessage, dst reflect.Value) {
	fields := fieldsByName(dst)
	for _, name := range sortedKeys(obj) {
		f, ok := fields[name]
		if !ok {
			verr.add(prefix+name, "unknown_field", "unknown field")
			continue
		}
		decodeValue(verr, prefix+name, obj[name], f)
	}
}

// decodeValue decodes one JSON value into dst, descending into objects and
// arrays so that each bad member is reported with its own path (such as
// locations[0].city), the same paths Normalize uses. null leaves the zero
// value, as encoding/json does. The body was already parsed as a whole, so
// raw is well-formed and every failure here is a value of the wrong type.
func decodeValue(verr *ValidationError, path string, raw json.RawMessage, dst reflect.Value) {
	if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return
	}
	t := dst.Type()
	switch {
	case t.Kind() == reflect.Struct:
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(raw, &obj); err != nil {
			verr.add(path, "invalid_type", "must be %s", jsonKind(t))
			return
		}
		decodeObject(verr, path+".", obj, dst)
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct:
		v := reflect.New(t.Elem())
		decodeValue(verr, path, raw, v.Elem())
		dst.Set(v)
	case t.Kind() == reflect.Slice:
		var elems []json.RawMessage
		if err := json.Unmarshal(raw, &elems); err != nil {
			verr.add(path, "invalid_type", "must be %s", jsonKind(t))
			return
		}
		s := reflect.MakeSlice(t, len(elems), len(elems))
		for i, e := range elems {
			decodeValue(verr, path+"["+itoa(i)+"]", e, s.Index(i))
		}
		dst.Set(s)
	default:
		if err := json.Unmarshal(raw, dst.Addr().Interface()); err != nil {
			verr.add(path, "invalid_type", "must be %s", jsonKind(t))
		}
	}
}

func jsonKind(t reflect.Type) string {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
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
