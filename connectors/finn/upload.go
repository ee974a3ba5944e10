package finn

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/textproto"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound"
)

// userAgent names jobgate to FINN.
const userAgent = "jobgate-finn/1"

// AnswerError is an upload FINN did not accept: its HTTP status and what
// its answer said. It unwraps to ErrContract or ErrDateOrder when the
// answer holds one of §2.7's messages.
type AnswerError struct {
	Status  int
	Message string
	// Raw is the answer for operators (Answer.Raw).
	Raw   string
	known error
}

// Error names the status, FINN's message and its answer, bounded.
func (e *AnswerError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = http.StatusText(e.Status)
	}
	return fmt.Sprintf("FINN answered %d: %s (answer: %q)", e.Status, msg, e.Raw)
}

// Unwrap returns the known FINN error, if any.
func (e *AnswerError) Unwrap() error { return e.known }

// upload POSTs doc as the file part "fil" (§2.2) and classifies the
// answer: network errors, 408, 425, 429 and 5xx retryable; 401 and 403
// unauthorised; other non-2xx permanent. A 2xx answer that reports an
// error is permanent (the same document would be refused again); one that
// is empty, HTML or unreadable is retryable, since the upload is an upsert
// by ORDERNO and sending it again is safe (§2.6).
func (c *Channel) upload(ctx context.Context, doc []byte) (Answer, error) {
	body, contentType, err := multipartBody(doc)
	if err != nil {
		return Answer{}, connectors.NewPermanent(err)
	}
	h := http.Header{}
	h.Set("Content-Type", contentType)
	h.Set("Accept", "application/xml, text/xml;q=0.9, text/plain;q=0.5, */*;q=0.1")
	h.Set("User-Agent", userAgent)
	if c.cfg.Username != "" {
		h.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(c.cfg.Username+":"+c.cfg.Password)))
	}
	resp, err := c.out.Do(ctx, outbound.Request{Kind: outbound.Channel, Timeout: c.cfg.Timeout, Method: http.MethodPost,
		URL: c.importURL, Header: h, Body: body, Secrets: []string{c.cfg.Password}})
	if errors.Is(err, outbound.ErrTooLarge) {
		// Unclear rather than refused: the upload is an upsert by ORDERNO,
		// so sending it again is safe.
		return Answer{}, connectors.NewRetryable(fmt.Errorf("FINN's answer is over %d bytes (status %d)", outbound.Channel.MaxBytes, resp.Status), 0)
	}
	if err != nil {
		return Answer{}, connectors.Prefixed("post to FINN", err)
	}
	raw := resp.Redact(string(resp.Body))
	ans := ParseAnswer([]byte(raw))
	return ans, classify(resp.Status, resp.Header, ans)
}

// classify turns a status and an answer into a classified error, or nil.
func classify(status int, h http.Header, a Answer) error {
	ae := &AnswerError{Status: status, Message: a.Message, Raw: a.Raw, known: a.Known}
	switch {
	case status < 200 || status > 299:
		// connectors.StatusError decides the class and Retry-After; the
		// error carried is ours, with FINN's message if it gave one.
		if a.Outcome != Refused {
			ae.Message = http.StatusText(status)
		}
		var ce *connectors.Error
		if errors.As(connectors.StatusError(status, h, ""), &ce) {
			return &connectors.Error{Class: ce.Class, RetryAfter: ce.RetryAfter, Err: ae}
		}
		return connectors.NewPermanent(ae)
	case a.Outcome == Refused:
		return connectors.NewPermanent(ae)
	case a.Outcome == Unclear:
		return connectors.NewRetryable(ae, 0)
	default:
		return nil
	}
}

// multipartBody is the form FINN-SDK's Client.php sends: one file part
// "fil" named file.xml.
func multipartBody(doc []byte) ([]byte, string, error) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	h := make(textproto.MIMEHeader)
	h.Set("Content-Disposition", `form-data; name="fil"; filename="file.xml"`)
	h.Set("Content-Type", "application/xml; charset=UTF-8")
	part, err := w.CreatePart(h)
	if err == nil {
		_, err = part.Write(doc)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		return nil, "", fmt.Errorf("build the upload: %w", err)
	}
	return b.Bytes(), w.FormDataContentType(), nil
}
