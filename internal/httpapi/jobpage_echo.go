package httpapi

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/jobgate/jobgate/internal/apply"
)

// Limits of what formEcho keeps: the text values of one form, never files.
const (
	maxEchoValue = 128 << 10
	maxEchoTotal = 1 << 20
)

// formEcho keeps the text values of a multipart body while someone else
// (intake.Submit) reads it, so a refused submission's form can be drawn
// again with what the candidate typed. It reads a copy of the stream as it
// passes, in step with the reader; files are skipped, not kept. The values
// are the candidate's: they go back into their own form, nowhere else.
type formEcho struct {
	pw     *io.PipeWriter
	done   chan struct{}
	values url.Values
}

// echoForm starts echoing r's body, or returns nil when r is not
// multipart (intake refuses it anyway).
func echoForm(r *http.Request) *formEcho {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return nil
	}
	pr, pw := io.Pipe()
	e := &formEcho{pw: pw, done: make(chan struct{}), values: url.Values{}}
	r.Body = teeBody{Reader: io.TeeReader(r.Body, pw), Closer: r.Body}
	go e.read(pr, params["boundary"])
	return e
}

type teeBody struct {
	io.Reader
	io.Closer
}

// read collects the text parts, then drains the pipe so the tee never
// blocks, whatever the body holds.
func (e *formEcho) read(pr *io.PipeReader, boundary string) {
	defer close(e.done)
	defer func() { _, _ = io.Copy(io.Discard, pr) }()
	mr := multipart.NewReader(pr, boundary)
	total := 0
	for {
		part, err := mr.NextPart()
		if err != nil {
			return
		}
		name := part.FormName()
		if name == "" || part.FileName() != "" || name == apply.FieldCV || name == "documents" {
			_, _ = io.Copy(io.Discard, part)
			continue
		}
		v, err := io.ReadAll(io.LimitReader(part, maxEchoValue+1))
		if err != nil && !errors.Is(err, io.EOF) {
			return
		}
		if !utf8.Valid(v) || bytes.IndexByte(v, 0) >= 0 {
			continue // intake refuses it; it is not drawn back
		}
		if total += len(v); len(v) <= maxEchoValue && total <= maxEchoTotal {
			e.values.Add(name, strings.TrimSpace(string(v)))
		}
	}
}

// finish ends the echo and returns the values read. rest says to read
// what the reader left of the body first (bounded by the limit intake
// set on it), for values after the part it stopped at.
func (e *formEcho) finish(r *http.Request, rest bool) url.Values {
	if e == nil {
		return url.Values{}
	}
	if rest {
		_, _ = io.Copy(io.Discard, r.Body)
	}
	_ = e.pw.Close()
	<-e.done
	return e.values
}
