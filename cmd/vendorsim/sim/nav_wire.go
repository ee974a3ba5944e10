package sim

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"
	_ "time/tzdata" // Europe/Oslo wherever the sim runs
)

// navReceipt is NAV's TransferLogDTO, the receipt of an upload and of a
// DELETE (research §1.9; nav-doc-receipt.json, nav-doc-batch-receipt.json):
// versionId is left out when there is none (SKIPPED, ERROR: NAV's mapper
// drops nulls), md5 is "" on an ERROR, and payload is always nulled, so
// never sent.
type navReceipt struct {
	VersionID  int64  `json:"versionId,omitempty"`
	ProviderID int64  `json:"providerId"`
	Status     string `json:"status"`
	Message    string `json:"message,omitempty"`
	MD5        string `json:"md5"`
	Items      int    `json:"items"`
	Created    string `json:"created"`
	Updated    string `json:"updated"`
}

// The TransferLogStatus values (§1.9).
const (
	navReceived = "RECEIVED"
	navSkipped  = "SKIPPED"
	navError    = "ERROR"
)

// navSkippedMessage is the message of a SKIPPED receipt (§1.9).
const navSkippedMessage = "Content already exist, skipping"

// navErrorBody is NAV's error body for non-stream errors (§1.9).
type navErrorBody struct {
	Message   string `json:"message"`
	ErrorType string `json:"errorType"`
	ErrorRef  string `json:"errorRef"`
}

// The errorType values and their statuses (§1.9).
const (
	navParseError       = "PARSE_ERROR"
	navMissingParameter = "MISSING_PARAMETER"
	navInvalidValue     = "INVALID_VALUE"
	navNotFound         = "NOT_FOUND"
)

// navFailure is a refused ad or request: the errorType and message NAV
// answers it with. A failed require() in a DTO's constructor (required is
// true) is worded per endpoint: the batch endpoint answers "Wrong value: …
// at field …" and the stream endpoint "Error: …" (§1.9; Jackson's own text
// around the require message is left out [I]).
type navFailure struct {
	kind, msg string
	field     string
	required  bool
}

func (f *navFailure) Error() string { return f.msg }

func missingParameter(field string) *navFailure {
	return &navFailure{kind: navMissingParameter, msg: "Missing parameter: " + field}
}

func invalidValue(msg string) *navFailure { return &navFailure{kind: navInvalidValue, msg: msg} }

func wrongValue(msg, field string) *navFailure {
	return &navFailure{kind: navInvalidValue, msg: msg, field: field, required: true}
}

// batchMessage is the failure's message as the batch endpoint words it.
func (f *navFailure) batchMessage() string {
	if f.required {
		return "Wrong value: " + f.msg + " at field " + f.field
	}
	return f.msg
}

// streamMessage is the failure's message in an ERROR receipt.
func (f *navFailure) streamMessage() string {
	switch {
	case f.required:
		return "Error: " + f.msg
	case f.kind == navParseError:
		return "JSON " + f.msg
	}
	return f.msg
}

// writeNAVError answers NAV's JSON error body with the errorType's status.
func writeNAVError(w http.ResponseWriter, kind, msg string) {
	status := http.StatusBadRequest
	if kind == navNotFound {
		status = http.StatusNotFound
	}
	writeJSON(w, status, navErrorBody{Message: msg, ErrorType: kind, ErrorRef: newUUID()})
}

// parseError is Jackson's parse error at the offending byte of body:
// "Parse error: at [Source: REDACTED …; line: L, column: C]" (§1.9; the
// location's wording is Jackson 2.16's [I]).
func parseError(body []byte, offset int64) *navFailure {
	pos := int(min(max(offset-1, 0), int64(len(body))))
	line, col := 1+bytes.Count(body[:pos], []byte{'\n'}), pos-bytes.LastIndexByte(body[:pos], '\n')
	return &navFailure{kind: navParseError, msg: fmt.Sprintf("Parse error: at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: %d, column: %d]", line, col)}
}

// oslo is NAV's server time zone (§1.5); UTC where the zone database is
// missing.
var oslo = func() *time.Location {
	if loc, err := time.LoadLocation("Europe/Oslo"); err == nil {
		return loc
	}
	return time.UTC
}()

// navTime renders t as NAV's LocalDateTime: Oslo time, no offset, the
// fraction without trailing zeros ("2020-04-03T12:52:26.836529").
func navTime(t time.Time) string { return t.In(oslo).Format("2006-01-02T15:04:05.999999") }

// parseNAVTime reads a LocalDateTime as NAV's mapper does:
// yyyy-MM-ddTHH:mm[:ss[.fraction]], with no offset or Z [I: Jackson
// leniently takes a Z as UTC; the sim refuses it, since NAV reads Oslo
// time].
func parseNAVTime(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, s, oslo); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// newUUID is a random version 4 UUID, for errorRef and NAV's ad uuid.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// writeJSONBody answers v as JSON with status.
func writeJSONBody(w http.ResponseWriter, status int, v any) {
	b, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
