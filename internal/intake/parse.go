package intake

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/jobgate/jobgate/internal/apply"
)

// Limits of a submission besides the files'.
const (
	// maxParts bounds the parts of one submission.
	maxParts = 200
	// maxFieldBytes bounds one text field (a cover letter of 20,000
	// characters fits).
	maxFieldBytes = 128 << 10
	// maxOverhead is what a multipart body may carry beyond its files.
	maxOverhead = 2 << 20
	// fileBufferStart is the buffer a file is first read into.
	fileBufferStart = 64 << 10
)

// Field names of a submission besides the standard fields.
const (
	fieldDocuments = "documents"
	fieldAnswers   = "answers["
	fieldConsents  = "consents["
)

// submission is a read multipart body, before it is checked against the
// form.
type submission struct {
	fields    map[string]string
	answers   map[string][]string
	consents  map[string]bool
	files     []apply.Document
	fileParts []string // the part each file came in
	total     int64
}

// ReadSubmission reads a multipart application from r, streaming: each
// file is read once, into memory, within its limit, and its type decided
// from its content. It does not judge the values (Build and Validate do).
func ReadSubmission(r *http.Request) (*submission, error) {
	r.Body = http.MaxBytesReader(nil, r.Body, apply.MaxTotalBytes+maxOverhead)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, &RequestError{Status: http.StatusUnsupportedMediaType, Code: CodeBadMultipart, Message: "the body must be multipart/form-data"}
	}
	sub := &submission{fields: map[string]string{}, answers: map[string][]string{}, consents: map[string]bool{}}
	for n := 0; ; n++ {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return sub, nil
		}
		if err != nil {
			return nil, readError(err)
		}
		if n >= maxParts {
			return nil, &RequestError{Status: http.StatusRequestEntityTooLarge, Code: CodeTooManyParts, Message: fmt.Sprintf("at most %d parts", maxParts)}
		}
		err = sub.readPart(part)
		part.Close()
		if err != nil {
			return nil, err
		}
	}
}

func readError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return &RequestError{Status: http.StatusRequestEntityTooLarge, Code: CodeFileTooLarge,
			Message: fmt.Sprintf("the files may be at most %d MiB in all", apply.MaxTotalBytes>>20)}
	}
	return &RequestError{Status: http.StatusBadRequest, Code: CodeBadMultipart, Message: "the multipart body cannot be read"}
}

func (sub *submission) readPart(part *multipart.Part) error {
	name := part.FormName()
	if name == "" {
		return nil
	}
	if part.FileName() != "" || name == apply.FieldCV || name == fieldDocuments {
		return sub.readFile(name, part)
	}
	v, err := io.ReadAll(io.LimitReader(part, maxFieldBytes+1))
	if err != nil {
		return readError(err)
	}
	if len(v) > maxFieldBytes {
		return &RequestError{Status: http.StatusRequestEntityTooLarge, Code: "field_too_large", Field: name, Message: "the field is too long"}
	}
	value := strings.TrimSpace(string(v))
	switch {
	case strings.HasPrefix(name, fieldAnswers) && strings.HasSuffix(name, "]"):
		id := strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(name, fieldAnswers), "]"), "][")
		if value != "" {
			sub.answers[id] = append(sub.answers[id], value)
		}
	case strings.HasPrefix(name, fieldConsents) && strings.HasSuffix(name, "]"):
		sub.consents[strings.TrimSuffix(strings.TrimPrefix(name, fieldConsents), "]")] = accepted(value)
	default:
		sub.fields[name] = value
	}
	return nil
}

// accepted reads a consent checkbox: "true" (the API), "on" (an HTML
// checkbox without a value), "1" or "yes".
func accepted(v string) bool {
	switch strings.ToLower(v) {
	case "true", "on", "1", "yes":
		return true
	}
	return false
}

// readFile reads one file part within the limits and checks its type.
func (sub *submission) readFile(name string, part *multipart.Part) error {
	var buf bytes.Buffer
	buf.Grow(fileBufferStart) // fewer regrowths: a CV is some hundred KB
	n, err := buf.ReadFrom(io.LimitReader(part, apply.MaxFileBytes+1))
	if err != nil {
		return readError(err)
	}
	if n == 0 && part.FileName() == "" {
		return nil // an empty file input of an HTML form
	}
	if n > apply.MaxFileBytes {
		return &RequestError{Status: http.StatusRequestEntityTooLarge, Code: CodeFileTooLarge, Field: name,
			Message: fmt.Sprintf("a file may be at most %d MiB", apply.MaxFileBytes>>20)}
	}
	if sub.total += n; sub.total > apply.MaxTotalBytes {
		return &RequestError{Status: http.StatusRequestEntityTooLarge, Code: CodeFileTooLarge, Field: name,
			Message: fmt.Sprintf("the files may be at most %d MiB in all", apply.MaxTotalBytes>>20)}
	}
	if len(sub.files) >= apply.MaxDocuments {
		return &RequestError{Status: http.StatusRequestEntityTooLarge, Code: CodeTooManyParts, Field: name,
			Message: fmt.Sprintf("at most %d files", apply.MaxDocuments)}
	}
	data := buf.Bytes()
	ctype, ext, err := apply.DetectType(data)
	if err != nil {
		return &RequestError{Status: http.StatusUnsupportedMediaType, Code: CodeFileType, Field: name,
			Message: "the file must be a PDF, Word (doc, docx), OpenDocument text (odt), RTF or plain text document: " + err.Error()}
	}
	kind := apply.KindOther
	switch {
	case name == apply.FieldCV:
		kind = apply.KindCV
	case name == apply.FieldCoverLetter:
		kind = apply.KindCoverLetter
	case strings.HasPrefix(name, fieldAnswers):
		kind = apply.KindAnswer
	}
	sub.files = append(sub.files, apply.Document{Kind: kind, FileName: apply.SanitizeFileName(part.FileName(), ext), ContentType: ctype, Data: data})
	sub.fileParts = append(sub.fileParts, name)
	return nil
}
