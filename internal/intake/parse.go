package intake

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
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
	fileSums  []string // each file's SHA-256, hex
	total     int64
	// digests are the parts' digests, for the content hash; problems the
	// text parts (and file names) that are not UTF-8 or hold NUL.
	digests  []partDigest
	problems []apply.Problem
	// contentHash is the canonical hash of the whole submission
	// (contentHash), once it is read.
	contentHash string
}

// ReadSubmission reads a multipart application from r, streaming: each
// file is read once, into memory, within its limit, its type decided from
// its content and its SHA-256 taken. It refuses text that is not UTF-8 or
// holds NUL (an *apply.ValidationError naming every such part), and
// otherwise does not judge the values (Build and Validate do).
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
			return sub.finish()
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

// finish ends a submission that was read: its text problems, or its
// content hash.
func (sub *submission) finish() (*submission, error) {
	if len(sub.problems) > 0 {
		return nil, &apply.ValidationError{Problems: sub.problems}
	}
	sub.contentHash = contentHash(sub.digests)
	return sub, nil
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
	if err := checkPartName(name); err != nil {
		return err
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
	sub.digests = append(sub.digests, digestPart(digestText, name, v))
	if p, bad := textProblem(name, v); bad {
		sub.problems = append(sub.problems, p)
		return nil
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
	if p, bad := textProblem(name, []byte(part.FileName())); bad {
		sub.problems = append(sub.problems, p)
		return nil
	}
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
	sum := sha256.Sum256(data)
	sub.digests = append(sub.digests, digestPart(digestFile, name, []byte(part.FileName()), sum[:]))
	sub.files = append(sub.files, apply.Document{Kind: kind, FileName: apply.SanitizeFileName(part.FileName(), ext), ContentType: ctype, Data: data})
	sub.fileParts = append(sub.fileParts, name)
	sub.fileSums = append(sub.fileSums, hex.EncodeToString(sum[:]))
	return nil
}
