package outbound

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/go-resty/resty/v2"

	"github.com/jobgate/jobgate/connectors"
)

var (
	// ErrTooLarge is wrapped by the error of an answer whose body is over
	// the request's limit: it is not read further, and never handed on
	// cut.
	ErrTooLarge = errors.New("the answer is over the size limit")
	// ErrCutShort is wrapped by the error of an answer whose body broke
	// off (the connection dropped while it was read).
	ErrCutShort = errors.New("the answer broke off")
)

// RedirectError is a 3xx answer: jobgate follows no redirect. Location is
// redacted.
type RedirectError struct {
	Status   int
	Location string
}

func (e *RedirectError) Error() string {
	loc := e.Location
	if loc == "" {
		loc = "(no Location)"
	}
	return fmt.Sprintf("answered %d %s, a redirect to %s: redirects are not followed (the call is not made again there)",
		e.Status, http.StatusText(e.Status), loc)
}

// redirected is the permanent error of a redirect answer; a relative
// Location is shown resolved against the request's URL.
func redirected(u *url.URL, r Response, secrets []string) error {
	loc := r.Header.Get("Location")
	if ref, err := url.Parse(loc); err == nil && loc != "" {
		loc = u.ResolveReference(ref).String()
	}
	return connectors.NewPermanent(&RedirectError{Status: r.Status, Location: Excerpt(Redact(loc, secrets...))})
}

// invalidURL is the error of a request whose URL cannot be called. It
// names the kind, never the URL, which may hold a token.
func invalidURL(r Request) error {
	return connectors.NewPermanent(fmt.Errorf("%s URL (%s) is not an absolute http or https URL", r.Kind.Name, r.Method))
}

// failure classifies a failed call: the guard's refusal is permanent, the
// end of the caller's ctx wraps ctx.Err(), the request's own timeout and
// network failures are retryable, an oversized or broken body is
// ErrTooLarge or ErrCutShort. The message names neither the URL, which may
// hold a token, nor the host, which is the caller's to name.
func failure(ctx context.Context, r Request, out Response, timeout time.Duration, limit int64, secrets []string, err error) error {
	where := r.Kind.Name + " " + r.Method
	if re, ok := refusal(err); ok {
		return connectors.NewPermanent(fmt.Errorf("%s: %w", where, re))
	}
	if ctx.Err() != nil {
		what := "cancelled"
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			what = "timed out"
		}
		return connectors.NewRetryable(fmt.Errorf("%s: %s: %w", where, what, ctx.Err()), 0)
	}
	if errors.Is(err, resty.ErrResponseBodyTooLarge) {
		return connectors.NewPermanent(fmt.Errorf("%s: answered %d: %w (%d bytes)", where, out.Status, ErrTooLarge, limit))
	}
	if errors.Is(err, context.DeadlineExceeded) || isTimeout(err) {
		return connectors.NewRetryable(fmt.Errorf("%s: timed out after %s: %w", where, timeout, context.DeadlineExceeded), 0)
	}
	if out.Status != 0 {
		return connectors.NewRetryable(fmt.Errorf("%s: answered %d: %w: %s", where, out.Status, ErrCutShort, cause(err, secrets)), 0)
	}
	return connectors.NewRetryable(fmt.Errorf("%s: %s", where, cause(err, secrets)), 0)
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// cause is err's message without the URL net/http puts in it, redacted.
func cause(err error, secrets []string) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return Excerpt(Redact(err.Error(), secrets...))
}
