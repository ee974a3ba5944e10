package apply

// TEMPORARY: replaced by the file checks and validation of branch h-files
// when it is merged (same API); deleted then.

import (
	"bytes"
	"errors"
	"strings"
)

const (
	MaxFileBytes  = 10 << 20
	MaxTotalBytes = 25 << 20
	MaxDocuments  = 8
)

var (
	ErrFileType = errors.New("file type not allowed")
	ErrZipBomb  = errors.New("zip bomb")
)

type Problem struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

type ValidationError struct{ Problems []Problem }

func (e *ValidationError) Error() string { return "invalid application" }

func DetectType(data []byte) (string, string, error) {
	if bytes.HasPrefix(data, []byte("%PDF-")) {
		return "application/pdf", "pdf", nil
	}
	return "", "", ErrFileType
}

func SanitizeFileName(name, ext string) string {
	name = strings.TrimSuffix(name, "."+ext)
	return name + "." + ext
}

func Validate(f Form, app Application) error {
	var ps []Problem
	if app.Candidate.Email == "" || !strings.Contains(app.Candidate.Email, "@") {
		ps = append(ps, Problem{Field: "email", Code: "invalid", Message: "e-mail"})
	}
	if len(ps) > 0 {
		return &ValidationError{Problems: ps}
	}
	return nil
}
