package intake

import (
	"errors"
	"net/http"
)

// Errors of the intake, each with the HTTP status and code the API and the
// job page answer with (StatusOf).
var (
	// ErrJobNotFound: no such job on the board.
	ErrJobNotFound = errors.New("no such job")
	// ErrJobClosed: the job is withdrawn, or its ATS takes no more
	// applications.
	ErrJobClosed = errors.New("the job takes no more applications")
	// ErrFormUnavailable: the ATS's form could not be read, and none is
	// cached.
	ErrFormUnavailable = errors.New("the application form could not be read from the employer's ATS; try again shortly")
	// ErrNoApplier: the job is marked for direct apply but no applier can
	// deliver it now.
	ErrNoApplier = errors.New("applications to this job cannot be delivered now")
)

// RedirectError says the job takes applications on the vendor's own page;
// Reason says why a direct job does so now (apply.Form's Reason).
type RedirectError struct{ URL, Reason string }

func (e *RedirectError) Error() string {
	return "this job takes applications on the employer's own page"
}

// RequestError is a submission that cannot be read: not multipart, a file
// too large or of a type not allowed. Field names the part.
type RequestError struct {
	Status  int
	Code    string
	Field   string
	Message string
}

func (e *RequestError) Error() string {
	if e.Field == "" {
		return e.Message
	}
	return e.Field + ": " + e.Message
}

// Error codes.
const (
	CodeRedirect         = "redirect"
	CodeJobClosed        = "job_closed"
	CodeFormUnavailable  = "form_unavailable"
	CodeApplyUnavailable = "apply_unavailable"
	CodeFileTooLarge     = "file_too_large"
	CodeFileType         = "unsupported_file_type"
	CodeBadMultipart     = "invalid_multipart"
	CodeTooManyParts     = "too_many_parts"
	// CodeBadIdempotencyKey: an Idempotency-Key over 255 characters, not
	// UTF-8, or holding NUL or control characters.
	CodeBadIdempotencyKey = "invalid_idempotency_key"
	// CodeKeyReused: an Idempotency-Key used before for the job with
	// other content.
	CodeKeyReused = "idempotency_key_reused"
)

// StatusOf maps an intake error to its HTTP status and code; ok is false
// for an error that is not the request's fault.
func StatusOf(err error) (status int, code string, ok bool) {
	var re *RequestError
	var rd *RedirectError
	switch {
	case errors.As(err, &re):
		return re.Status, re.Code, true
	case errors.As(err, &rd):
		return http.StatusConflict, CodeRedirect, true
	case errors.Is(err, ErrJobNotFound):
		return http.StatusNotFound, "not_found", true
	case errors.Is(err, ErrJobClosed):
		return http.StatusGone, CodeJobClosed, true
	case errors.Is(err, ErrFormUnavailable):
		return http.StatusServiceUnavailable, CodeFormUnavailable, true
	case errors.Is(err, ErrNoApplier):
		return http.StatusServiceUnavailable, CodeApplyUnavailable, true
	}
	return 0, "", false
}
