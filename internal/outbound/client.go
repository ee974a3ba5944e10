package outbound

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"sync"
	"time"

	"github.com/go-resty/resty/v2"
)

// Config configures a Client.
type Config struct {
	// Allow lists the addresses the guard lets through although they are
	// in a refused range (JOBGATE_OUTBOUND_ALLOW; empty by default). The
	// tests, the demo and vendorsim setups allow 127.0.0.0/8.
	Allow []netip.Prefix
	// Wrap, when set, wraps the guarded transport: a test's recorder of
	// requests as sent. The guard and the redirect rule still apply.
	Wrap func(http.RoundTripper) http.RoundTripper
}

// Client makes outbound requests. It is safe for concurrent use, and one
// is meant to be shared: its connections to a host are reused.
type Client struct {
	guard *Guard
	rc    *resty.Client
	// transport is closed by CloseIdleConnections.
	transport *http.Transport
}

// New returns a Client with its own guarded transport.
func New(cfg Config) *Client {
	guard := NewGuard(cfg.Allow)
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, ControlContext: guard.control}
	tr := &http.Transport{
		// No Proxy: a proxy from the environment would dial for us, past
		// the guard.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   64,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	var rt http.RoundTripper = tr
	if cfg.Wrap != nil {
		rt = cfg.Wrap(tr)
	}
	// No cookie jar: one would carry one tenant's cookies to another's
	// requests to the same host.
	rc := resty.NewWithClient(&http.Client{Transport: rt}).
		SetRedirectPolicy(resty.RedirectPolicyFunc(func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse })).
		SetLogger(quiet{}).
		SetDisableWarn(true).
		SetRetryCount(0).
		SetHeader("User-Agent", "jobgate/1")
	return &Client{guard: guard, rc: rc, transport: tr}
}

var shared = sync.OnceValue(func() *Client { return New(Config{}) })

// Default is a Client shared by callers given none: it allows no refused
// address.
func Default() *Client { return shared() }

// Or returns c, or Default when c is nil.
func Or(c *Client) *Client {
	if c == nil {
		return Default()
	}
	return c
}

// CloseIdleConnections closes the connections kept for reuse.
func (c *Client) CloseIdleConnections() { c.transport.CloseIdleConnections() }

// Guard is the client's address guard.
func (c *Client) Guard() *Guard { return c.guard }

// Request is one outbound call.
type Request struct {
	// Kind sets the limits; Timeout and MaxBytes, when positive, replace
	// the kind's.
	Kind     Kind
	Timeout  time.Duration
	MaxBytes int64
	Method   string
	URL      string
	// Header is sent with the names as written (Teamtailor's JobBoardId).
	Header http.Header
	// Body is sent as it is, with its length; nil sends none.
	Body []byte
	// Secrets are values never to be shown (the integration's keys, a
	// feed URL's token), beside those the request shows itself.
	Secrets []string
}

// Response is an answer other than a redirect.
type Response struct {
	Status int
	Header http.Header
	// Body is the whole body, at most the request's MaxBytes.
	Body    []byte
	secrets []string
}

// Redact replaces the request's secrets in s with Mask.
func (r Response) Redact(s string) string { return Redact(s, r.secrets...) }

// Excerpt is what a record may keep of text taken from the answer: its
// secrets masked, then cut to MaxExcerpt bytes.
func (r Response) Excerpt(s string) string { return Excerpt(r.Redact(s)) }

// Do sends r and returns the answer, whatever its status but a redirect.
// Its errors are classified (connectors.Error) and never show a secret:
// the guard's refusal (*RefusedError) and a redirect (*RedirectError) are
// permanent; a body over the limit is ErrTooLarge (permanent) and one cut
// short ErrCutShort (retryable), both with Status and Header set; a
// network failure or timeout is retryable. When ctx ends, the error wraps
// ctx.Err().
func (c *Client) Do(ctx context.Context, r Request) (Response, error) {
	u, err := url.Parse(r.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Response{}, invalidURL(r)
	}
	secrets := secretsOf(u, r.Header, r.Secrets)
	limit, timeout := r.limits()
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req := c.rc.R().SetContext(cctx).SetResponseBodyLimit(int(limit))
	for name, values := range r.Header {
		req.Header[name] = append([]string(nil), values...)
	}
	if r.Body != nil {
		req.SetBody(bytes.NewReader(r.Body))
	}
	resp, err := req.Execute(r.Method, r.URL)
	out := Response{secrets: secrets}
	if resp != nil && resp.RawResponse != nil {
		out.Status, out.Header = resp.StatusCode(), resp.Header()
	}
	if isRedirect(out.Status) {
		// Whatever became of its body: a redirect is an outcome of its own.
		return out, redirected(u, out, secrets)
	}
	if err != nil {
		return out, failure(ctx, r, out, timeout, limit, secrets, err)
	}
	out.Body = resp.Body()
	return out, nil
}

// limits are r's answer limit and timeout.
func (r Request) limits() (int64, time.Duration) {
	limit, timeout := r.Kind.MaxBytes, r.Kind.Timeout
	if r.MaxBytes > 0 {
		limit = r.MaxBytes
	}
	if r.Timeout > 0 {
		timeout = r.Timeout
	}
	if limit <= 0 {
		limit = Channel.MaxBytes
	}
	if timeout <= 0 {
		timeout = Channel.Timeout
	}
	return limit, timeout
}

// isRedirect is every 3xx but 304 Not Modified, which answers a
// conditional request and goes nowhere.
func isRedirect(status int) bool {
	return status >= 300 && status <= 399 && status != http.StatusNotModified
}

// refusal returns the guard's refusal inside err, if any.
func refusal(err error) (*RefusedError, bool) {
	var re *RefusedError
	return re, errors.As(err, &re)
}

// quiet drops resty's own log lines: every failure is returned, and
// resty's debug output would print headers.
type quiet struct{}

func (quiet) Errorf(string, ...any) {}
func (quiet) Warnf(string, ...any)  {}
func (quiet) Debugf(string, ...any) {}
