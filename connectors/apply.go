package connectors

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/apply"
)

// Job is the job an application is for, as an Applier is told of it.
type Job struct {
	// ID is the job's id on the board.
	ID string
	// Reference is the vendor's reference for the ad (Teamtailor's
	// reference-id, Lever's posting id, Jobylon's job id).
	Reference string
	Ad        ad.Ad
	// URL is the job's page on the board.
	URL string
}

// Applier is a connector that delivers applications into an ATS ("direct
// apply"). The hub asks it for the job's application form, validates what
// the candidate sends against that form, stores it, and later calls Apply
// from the outbox, at least once: Apply must send app.ID as the vendor's
// idempotency key where the vendor takes one.
type Applier interface {
	Connector
	// CanApply reports whether the integration is ready to deliver
	// applications (it holds the vendor's apply credentials).
	CanApply(in Integration) bool
	// ApplicationForm returns what the ATS asks of candidates for the job:
	// fields, questions and consents, with Open false when the ATS no
	// longer takes applications. ApplyMode and ApplyURL are the hub's to
	// set.
	ApplicationForm(ctx context.Context, in Integration, job Job) (apply.Form, error)
	// Apply delivers the application. Errors are classified: a job the
	// ATS says is closed, and an application the ATS refuses (400/422),
	// are permanent and their message says why; 401/403 is unauthorised;
	// 429 and 5xx are retryable with the vendor's Retry-After.
	Apply(ctx context.Context, in Integration, job Job, app apply.Application) (apply.Receipt, error)
}

// RateKeyer is an Applier whose rate limit (Capabilities.RateLimit) is per
// vendor account rather than per vendor (Lever: 2 applications a second
// per Lever account): RateKey names the account an integration delivers
// to.
type RateKeyer interface {
	RateKey(in Integration) string
}

// ErrJobClosed is wrapped by the permanent error an Applier returns when
// the ATS says the job takes no more applications (409, 410, an expired
// job), so the candidate's status can say so.
var ErrJobClosed = errJobClosed{}

type errJobClosed struct{}

func (errJobClosed) Error() string { return "the job is closed for applications" }

// ApplyStatusError classifies an ATS's HTTP answer to an application: 409
// and 410 mean the job is closed (permanent, wrapping ErrJobClosed); 429
// is backpressure for Retry-After (at least a second), so a vendor's rate
// limit never uses up an attempt; the rest as StatusError. msg is the
// ATS's message, which must not echo the candidate's data.
func ApplyStatusError(status int, header http.Header, msg string) error {
	switch status {
	case http.StatusConflict, http.StatusGone:
		return NewPermanent(fmt.Errorf("status %d: %w: %s", status, ErrJobClosed, msg))
	case http.StatusTooManyRequests:
		wait := max(ParseRetryAfter(header.Get("Retry-After"), time.Now()), time.Second)
		return NewBackpressure(fmt.Errorf("status 429: %s", msg), wait)
	}
	return StatusError(status, header, msg)
}

// Redact replaces every one of values (a candidate's details) in err's
// message with "[redacted]", keeping its class, its Retry-After and
// whether it is a closed job: an ATS that quotes back what it was sent
// must not put it in jobgate's logs, metrics or stored failures.
func Redact(err error, values ...string) error { return redactWith(err, "[redacted]", values) }

// SecretMask is what a secret (an API key, a token, a signing key) is
// replaced with in any text jobgate keeps, logs or shows.
const SecretMask = "***"

// MinSecret is the length under which a value is not masked as a secret:
// it guards nothing, and masking it would garble every message.
const MinSecret = 4

// RedactSecrets is Redact for secrets: every one of values (of at least
// MinSecret bytes, and its URL-encoded forms) in err's message becomes
// SecretMask.
func RedactSecrets(err error, values ...string) error {
	return redactWith(err, SecretMask, secretForms(values))
}

// MaskSecrets is RedactSecrets for text: every one of secrets (of at least
// MinSecret bytes, and its URL-encoded forms, in which an answer quoting a
// URL would carry it) in s becomes SecretMask, the longest first.
func MaskSecrets(s string, secrets ...string) string {
	return maskAll(s, SecretMask, secretForms(secrets))
}

// secretForms are the values worth masking as secrets: those of at least
// MinSecret bytes, each also as a URL query and path would carry it.
func secretForms(values []string) []string {
	var out []string
	for _, v := range values {
		if len(v) < MinSecret {
			continue
		}
		out = append(out, v)
		for _, enc := range []string{url.QueryEscape(v), url.PathEscape(v)} {
			if enc != v {
				out = append(out, enc)
			}
		}
	}
	return out
}

// maskAll replaces every one of values in s with mask, the longest first,
// so a value holding another goes whole.
func maskAll(s, mask string, values []string) string {
	values = slices.Clone(values)
	slices.SortFunc(values, func(a, b string) int { return len(b) - len(a) })
	for _, v := range values {
		if v != "" {
			s = strings.ReplaceAll(s, v, mask)
		}
	}
	return s
}

func redactWith(err error, mask string, values []string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	found := false
	for _, v := range values {
		if v != "" && strings.Contains(msg, v) {
			found = true
		}
	}
	if !found {
		return err
	}
	clean := func(s string) string { return maskAll(s, mask, values) }
	r := redacted{closed: errors.Is(err, ErrJobClosed)}
	var ce *Error
	if !errors.As(err, &ce) {
		r.msg = clean(msg)
		return r
	}
	r.msg = clean(ce.Err.Error())
	return &Error{Class: ce.Class, RetryAfter: ce.RetryAfter, Attention: ce.Attention, Err: r}
}

// redacted is an error message with values taken out.
type redacted struct {
	msg    string
	closed bool
}

func (r redacted) Error() string { return r.msg }

// Is keeps a closed job closed.
func (r redacted) Is(target error) bool { return r.closed && target == ErrJobClosed }
