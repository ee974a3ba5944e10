package intake

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jobgate/jobgate/internal/apply"
)

// maxIdempotencyKey bounds the Idempotency-Key header.
const maxIdempotencyKey = 255

// HeaderIdempotencyKey is the header a client's idempotency key comes in,
// as errors name it.
const HeaderIdempotencyKey = "Idempotency-Key"

// checkIdempotencyKey refuses a key that is too long, not UTF-8, or holds
// NUL or another control character: it is stored and locked on as text,
// and Postgres takes no invalid UTF-8 (that was a 500).
func checkIdempotencyKey(key string) error {
	problem := ""
	switch {
	case len(key) > maxIdempotencyKey:
		problem = fmt.Sprintf("at most %d characters", maxIdempotencyKey)
	case !utf8.ValidString(key):
		problem = "must be UTF-8 text"
	case strings.ContainsFunc(key, unicode.IsControl):
		problem = "must not hold NUL or control characters"
	default:
		return nil
	}
	return &RequestError{Status: http.StatusBadRequest, Code: CodeBadIdempotencyKey, Field: HeaderIdempotencyKey, Message: problem}
}

// checkPartName refuses a part whose name is not UTF-8 or holds a control
// character: it cannot be named back (the name is the problem), so it is
// a 400 for the body rather than a field's problem.
func checkPartName(name string) error {
	if utf8.ValidString(name) && !strings.ContainsFunc(name, unicode.IsControl) {
		return nil
	}
	return &RequestError{Status: http.StatusBadRequest, Code: CodeBadMultipart,
		Message: "a part's name must be UTF-8 text without NUL or control characters"}
}

// textProblem is the problem of a text part, or of a file's name, that is
// not UTF-8 or holds NUL; ok is false when there is none. Other control
// characters are Validate's to judge, field by field.
func textProblem(field string, v []byte) (apply.Problem, bool) {
	if utf8.Valid(v) && bytes.IndexByte(v, 0) < 0 {
		return apply.Problem{}, false
	}
	return apply.Problem{Field: field, Code: apply.CodeInvalid, Message: "must be UTF-8 text without NUL bytes"}, true
}
