package connectors

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Class says what the outbox should do with a failed call.
type Class int

const (
	// Retryable failures (network, 5xx, 429) are tried again with backoff.
	Retryable Class = iota
	// Permanent failures (validation, 4xx, job closed) are never retried.
	Permanent
	// Unauthorised failures mean the credentials are wrong: stop and alert.
	Unauthorised
	// Backpressure means we chose not to call (open breaker, rate limit):
	// it is retried later and does not use up an attempt.
	Backpressure
)

// String returns the class name used in logs and metric labels.
func (c Class) String() string {
	switch c {
	case Permanent:
		return "permanent"
	case Unauthorised:
		return "unauthorised"
	case Backpressure:
		return "backpressure"
	default:
		return "retryable"
	}
}

// Error is a classified connector error. It unwraps to its cause.
type Error struct {
	Class Class
	// RetryAfter, when positive, is the earliest time to try again, as the
	// vendor asked (Retry-After) or as backpressure requires.
	RetryAfter time.Duration
	// Attention marks a permanent failure that a person can mend: the ATS
	// refused the delivery for something the board's form did not ask
	// (a field the employer's ATS account made required). The outbox
	// keeps such a delivery in a state of its own, visible and
	// replayable, rather than dead.
	Attention bool
	Err       error
}

func (e *Error) Error() string { return e.Class.String() + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// NewPermanent classifies err as permanent.
func NewPermanent(err error) error { return &Error{Class: Permanent, Err: err} }

// NewNeedsAttention classifies err as permanent, to be mended by a person
// and replayed: the ATS refused the delivery for a field it requires that
// the board's form did not ask (its message, which names the field, must
// not carry the candidate's data).
func NewNeedsAttention(err error) error { return &Error{Class: Permanent, Attention: true, Err: err} }

// NeedsAttention reports whether err is a NewNeedsAttention failure.
func NeedsAttention(err error) bool {
	var ce *Error
	return errors.As(err, &ce) && ce.Attention
}

// NewRetryable classifies err as retryable, not before after (zero: the
// default schedule).
func NewRetryable(err error, after time.Duration) error {
	return &Error{Class: Retryable, RetryAfter: after, Err: err}
}

// NewUnauthorised classifies err as a credentials failure.
func NewUnauthorised(err error) error { return &Error{Class: Unauthorised, Err: err} }

// NewBackpressure classifies err as backpressure, to be tried after wait.
func NewBackpressure(err error, wait time.Duration) error {
	return &Error{Class: Backpressure, RetryAfter: wait, Err: err}
}

// ClassOf returns the class of err; an unclassified error is retryable.
func ClassOf(err error) Class {
	var ce *Error
	if errors.As(err, &ce) {
		return ce.Class
	}
	return Retryable
}

// RetryAfterOf returns the delay err asks for, or zero.
func RetryAfterOf(err error) time.Duration {
	var ce *Error
	if errors.As(err, &ce) {
		return ce.RetryAfter
	}
	return 0
}

// Prefixed is err with what failed said first ("fetch feed: ..."),
// keeping its class and Retry-After, so the message reads
// "retryable: fetch feed: ..." and not "fetch feed: retryable: ...".
func Prefixed(what string, err error) error {
	var ce *Error
	if errors.As(err, &ce) {
		return &Error{Class: ce.Class, RetryAfter: ce.RetryAfter, Attention: ce.Attention, Err: fmt.Errorf("%s: %w", what, ce.Err)}
	}
	return fmt.Errorf("%s: %w", what, err)
}

// StatusError classifies an HTTP answer from a vendor: 401/403 unauthorised;
// 408, 425, 429 and 5xx retryable (honouring Retry-After); other 4xx
// permanent. The message must not contain personal data.
func StatusError(status int, header http.Header, msg string) error {
	err := fmt.Errorf("status %d: %s", status, msg)
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return NewUnauthorised(err)
	case status == http.StatusTooManyRequests || status == http.StatusRequestTimeout ||
		status == http.StatusTooEarly || status >= 500:
		return NewRetryable(err, ParseRetryAfter(header.Get("Retry-After"), time.Now()))
	default:
		return NewPermanent(err)
	}
}

// MaxRetryAfter caps what a vendor's Retry-After can ask for, so one bad
// header cannot park a delivery for years.
const MaxRetryAfter = 24 * time.Hour

// ParseRetryAfter reads a Retry-After value, in seconds or as an HTTP date
// (RFC 9110 section 10.2.3), capped at MaxRetryAfter. It returns zero when v
// is empty or unreadable.
func ParseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 {
			return 0
		}
		return time.Duration(min(s, int64(MaxRetryAfter/time.Second))) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return min(t.Sub(now), MaxRetryAfter)
	}
	return 0
}
