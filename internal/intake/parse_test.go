package intake

import (
	"bytes"
	"errors"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/apply/applytest"
	"github.com/jobgate/jobgate/internal/store"
)

// pdf is a valid minimal PDF: the file check reads its structure.
var pdf = applytest.PDF(nil)

// part is one multipart part: a file when name is set.
type part struct {
	field, name string
	data        []byte
}

func request(t testing.TB, parts ...part) *http.Request {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		var w interface{ Write([]byte) (int, error) }
		var err error
		if p.name != "" {
			w, err = mw.CreateFormFile(p.field, p.name)
		} else {
			w, err = mw.CreateFormField(p.field)
		}
		require.NoError(t, err)
		_, _ = w.Write(p.data)
	}
	require.NoError(t, mw.Close())
	r := httptest.NewRequest(http.MethodPost, "/", &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return r
}

func TestReadSubmission(t *testing.T) {
	form := apply.Form{Fields: apply.StandardFields(), Questions: []apply.Question{
		{ID: "5", Text: "Platforms", Type: apply.TypeMultiselect, Options: []apply.Option{{Value: "1"}, {Value: "3"}}},
		{ID: "8", Text: "Diploma", Type: apply.TypeFile},
	}, Consents: []apply.Consent{{Type: apply.ConsentPrivacyPolicy, Required: true}, {Type: apply.ConsentFutureJobs}}}
	r := request(t,
		part{field: "first_name", data: []byte("  Kari ")}, part{field: "email", data: []byte("kari@example.no")},
		part{field: "answers[5][]", data: []byte("1")}, part{field: "answers[5][]", data: []byte("3")},
		part{field: "consents[privacy_policy]", data: []byte("on")},
		part{field: "cv", name: "../../etc/cv.pdf", data: pdf},
		part{field: "answers[8]", name: "diploma.pdf", data: pdf},
		part{field: "documents", name: "", data: nil}, // an empty file input
	)
	sub, err := ReadSubmission(r)
	require.NoError(t, err)
	app := sub.application(form, "board")
	require.Equal(t, "Kari", app.Candidate.FirstName, "values are trimmed")
	require.Len(t, app.Documents, 2, "the empty file input is no document")
	require.Equal(t, apply.KindCV, app.Documents[0].Kind)
	require.Equal(t, "cv.pdf", app.Documents[0].FileName, "the path is gone")
	require.Equal(t, apply.KindAnswer, app.Documents[1].Kind)
	require.Equal(t, []apply.Answer{
		{QuestionID: "5", Question: "Platforms", Type: apply.TypeMultiselect, Values: []string{"1", "3"}, Document: -1},
		{QuestionID: "8", Question: "Diploma", Type: apply.TypeFile, Document: 1},
	}, app.Answers)
	require.Equal(t, []apply.ConsentGiven{{Type: apply.ConsentPrivacyPolicy, Accepted: true}, {Type: apply.ConsentFutureJobs}}, app.Consents)
}

func TestReadSubmissionRefuses(t *testing.T) {
	many := make([]part, maxParts+1)
	for i := range many {
		many[i] = part{field: "x", data: []byte("y")}
	}
	cases := []struct {
		name  string
		req   *http.Request
		code  string
		field string
	}{
		{"not multipart", httptest.NewRequest(http.MethodPost, "/", strings.NewReader("{}")), CodeBadMultipart, ""},
		{"an executable", request(t, part{field: "cv", name: "cv.pdf", data: []byte("MZ\x90\x00\x03")}), CodeFileType, "cv"},
		{"a file over 10 MiB", request(t, part{field: "cv", name: "cv.pdf", data: append(pdf, make([]byte, apply.MaxFileBytes)...)}), CodeFileTooLarge, "cv"},
		{"too many parts", request(t, many...), CodeTooManyParts, ""},
		{"a field over 128 KiB", request(t, part{field: "cover_letter", data: bytes.Repeat([]byte("a"), maxFieldBytes+1)}), "field_too_large", "cover_letter"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadSubmission(tc.req)
			var re *RequestError
			require.True(t, errors.As(err, &re), "%v", err)
			require.Equal(t, tc.code, re.Code)
			require.Equal(t, tc.field, re.Field)
		})
	}
}

// FuzzReadSubmission feeds arbitrary multipart bodies through reading,
// building and validation: nothing panics; a refusal is a RequestError or
// a ValidationError (text that is not UTF-8 or holds NUL); what is taken
// holds no such text, and the same body has the same content hash.
func FuzzReadSubmission(f *testing.F) {
	form := apply.Form{Fields: apply.StandardFields(), Questions: []apply.Question{{ID: "1", Type: apply.TypeSelect, Required: true,
		Options: []apply.Option{{Value: "a"}}}}, Consents: []apply.Consent{{Type: apply.ConsentPrivacyPolicy, Required: true}}}
	seed := func(parts ...part) {
		r := request(f, parts...)
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(r.Body)
		f.Add(buf.Bytes())
	}
	seed(part{field: "email", data: []byte("a@b.no")}, part{field: "cv", name: "cv.pdf", data: pdf}, part{field: "answers[1]", data: []byte("a")})
	seed(part{field: "consents[privacy_policy]", data: []byte("true")}, part{field: "documents", name: "x.txt", data: []byte("hei")})
	// Issue 13: NUL and invalid UTF-8 in values, file names and part names.
	seed(part{field: "first_name", data: []byte("Ka\x00ri")}, part{field: "answers[1]", data: []byte("\xc3\x28")})
	seed(part{field: "consents[privacy_policy]", data: []byte("true\x00")}, part{field: "cv", name: "cv\xff.pdf", data: pdf})
	f.Add([]byte("--b\r\nContent-Disposition: form-data; name=\"cv\"; filename*=UTF-8''cv%00.pdf\r\n\r\n" + string(pdf) + "\r\n--b--\r\n"))
	f.Add([]byte("--b\r\nContent-Disposition: form-data; name*=UTF-8''first%00name\r\n\r\nx\r\n--b--\r\n"))
	f.Add([]byte("--b\r\nContent-Disposition: form-data; name=\"answers[\xff]\"\r\n\r\nx\r\n--b--\r\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		sub, err := ReadSubmission(fuzzRequest(body))
		if err != nil {
			var re *RequestError
			var ve *apply.ValidationError
			if !errors.As(err, &re) && !errors.As(err, &ve) {
				t.Fatalf("neither a RequestError nor a ValidationError: %v", err)
			}
			return
		}
		app := sub.application(form, "board")
		for _, v := range append([]string{app.Candidate.FirstName, app.Candidate.LastName, app.Candidate.Email, app.Candidate.Phone,
			app.Candidate.CoverLetter}, answerValues(app)...) {
			if !utf8.ValidString(v) || strings.IndexByte(v, 0) >= 0 {
				t.Fatalf("text taken that is not UTF-8 or holds NUL: %q", v)
			}
		}
		again, err := ReadSubmission(fuzzRequest(body))
		if err != nil || again.contentHash != sub.contentHash || len(sub.contentHash) != 64 {
			t.Fatalf("the same body read again: %v, hash %q then %q", err, sub.contentHash, again.contentHash)
		}
		_ = apply.Validate(form, app)
	})
}

func fuzzRequest(body []byte) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	r.Header.Set("Content-Type", "multipart/form-data; boundary="+fuzzBoundary(body))
	return r
}

func answerValues(app apply.Application) []string {
	var out []string
	for _, a := range app.Answers {
		out = append(out, a.QuestionID)
		out = append(out, a.Values...)
	}
	return out
}

// fuzzBoundary finds the boundary the seed bodies use, or a fixed one.
func fuzzBoundary(body []byte) string {
	if i := bytes.Index(body, []byte("--")); i >= 0 {
		if j := bytes.IndexAny(body[i:], "\r\n"); j > 2 && j < 72 {
			return string(body[i+2 : i+j])
		}
	}
	return "boundary"
}

func TestStatusReason(t *testing.T) {
	cases := []struct{ lastError, reason string }{
		{"permanent: status 410: the job is closed for applications: gone", "job_closed"},
		{"lever: posting p1: permanent: status 400: bad email", "rejected"},
		{"retryable: status 503: down", "undeliverable"},
	}
	for _, tc := range cases {
		v := statusOf(store.ApplicationRecord{State: store.DeliveryDead, LastError: tc.lastError})
		require.Equal(t, StatusFailed, v.Status)
		require.Equal(t, tc.reason, v.Reason, tc.lastError)
	}
}
