// Package feedhttp fetches a polled vendor's feed over HTTP the way every
// polling connector must: conditionally where the source supports it, with
// a bounded body, refusing answers that cannot be a feed (an HTML error page
// served with 200, a wrong content type), and with every failure classified
// (connectors.StatusError), so one broken response never reaches the diff
// that withdraws ads.
package feedhttp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/jobgate/jobgate/connectors"
)

// DefaultMaxBytes bounds a feed body when Request.MaxBytes is zero. The
// largest documented feeds (a Lever site's whole posting list) are a few
// MiB; a body over this is refused, not cut.
const DefaultMaxBytes = 8 << 20

// DefaultTimeout bounds one request when Client is nil.
const DefaultTimeout = 30 * time.Second

// defaultClient is shared by every connector that brings no client of its
// own: connections to one vendor host are reused across integrations.
var defaultClient = &http.Client{
	Timeout: DefaultTimeout,
	Transport: &http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		MaxIdleConnsPerHost: 32,
		IdleConnTimeout:     90 * time.Second,
		TLSHandshakeTimeout: 10 * time.Second,
	},
}

// Request is one GET of a feed.
type Request struct {
	// URL is the feed's address.
	URL string
	// Accept is sent as the Accept header; empty sends none.
	Accept string
	// ContentTypes are the media types the answer may declare (for
	// example "application/json"); a declared type outside them is refused.
	// An answer without Content-Type is accepted, for the parser to judge.
	// Empty accepts any type but text/html.
	ContentTypes []string
	// Since, when set, makes the request conditional (If-None-Match,
	// If-Modified-Since).
	Since connectors.Validators
	// MaxBytes bounds the body; zero means DefaultMaxBytes.
	MaxBytes int64
	// Client makes the request; nil means a shared client with
	// DefaultTimeout.
	Client *http.Client
}

// Response is a fetched feed.
type Response struct {
	// Body is the whole body; empty when NotModified.
	Body []byte
	// NotModified is true for a 304 answer to a conditional request.
	NotModified bool
	// Validators are the answer's ETag and Last-Modified; on a 304 that
	// omits one, the one sent.
	Validators connectors.Validators
}

// Get fetches r.URL. Network errors and 5xx, 408, 425 and 429 answers are
// retryable (with the vendor's Retry-After), 401 and 403 unauthorised,
// other non-2xx answers, a refused content type and an oversized body
// permanent for this poll.
func Get(ctx context.Context, r Request) (Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.URL, nil)
	if err != nil {
		// The parse error quotes the URL, which may carry a token.
		return Response{}, connectors.NewPermanent(fmt.Errorf("feed URL: %w", redactURL(err)))
	}
	setHeaders(req, r)
	client := r.Client
	if client == nil {
		client = defaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return Response{}, connectors.NewRetryable(fmt.Errorf("fetch feed: %w", redactURL(err)), 0)
	}
	defer resp.Body.Close()
	out := Response{Validators: connectors.Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}}
	if resp.StatusCode == http.StatusNotModified {
		drain(resp.Body)
		out.NotModified = true
		out.Validators = keep(out.Validators, r.Since)
		return out, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		drain(resp.Body)
		return Response{}, connectors.StatusError(resp.StatusCode, resp.Header, "feed answered "+http.StatusText(resp.StatusCode))
	}
	if err := checkContentType(resp.Header.Get("Content-Type"), r.ContentTypes); err != nil {
		drain(resp.Body)
		return Response{}, connectors.NewPermanent(err)
	}
	out.Body, err = readBounded(resp.Body, r.MaxBytes)
	return out, err
}

// keep fills in, from the validators sent, those a 304 answer left out:
// RFC 9110 section 15.4.5 has a 304 repeat the ETag but not always
// Last-Modified, and the next poll must stay conditional.
func keep(got, sent connectors.Validators) connectors.Validators {
	if got.ETag == "" {
		got.ETag = sent.ETag
	}
	if got.LastModified == "" {
		got.LastModified = sent.LastModified
	}
	return got
}

func setHeaders(req *http.Request, r Request) {
	req.Header.Set("User-Agent", "jobgate-poller/1")
	if r.Accept != "" {
		req.Header.Set("Accept", r.Accept)
	}
	if r.Since.ETag != "" {
		req.Header.Set("If-None-Match", r.Since.ETag)
	}
	if r.Since.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.Since.LastModified)
	}
}

// checkContentType refuses an answer whose declared type is not one of
// allowed, and always an HTML page: vendors' gateways serve their error
// pages as text/html with status 200.
func checkContentType(header string, allowed []string) error {
	if header == "" {
		return nil
	}
	mt, _, err := mime.ParseMediaType(header)
	if err != nil {
		return fmt.Errorf("feed answered an unreadable Content-Type %q", header)
	}
	if mt == "text/html" || mt == "application/xhtml+xml" {
		return fmt.Errorf("feed answered an HTML page (Content-Type %s), not a feed", mt)
	}
	if len(allowed) == 0 {
		return nil
	}
	for _, a := range allowed {
		if mt == a {
			return nil
		}
	}
	return fmt.Errorf("feed answered Content-Type %s, want one of %s", mt, strings.Join(allowed, ", "))
}

// readBounded reads the whole body, refusing one over max bytes (zero:
// DefaultMaxBytes) rather than parsing a cut one. A body that ends early
// (the connection dropped) is retryable.
func readBounded(body io.Reader, max int64) ([]byte, error) {
	if max <= 0 {
		max = DefaultMaxBytes
	}
	b, err := io.ReadAll(io.LimitReader(body, max+1))
	if err != nil {
		return nil, connectors.NewRetryable(fmt.Errorf("read feed: %w", err), 0)
	}
	if int64(len(b)) > max {
		return nil, connectors.NewPermanent(fmt.Errorf("feed body is over the %d-byte limit", max))
	}
	return b, nil
}

func drain(r io.Reader) { _, _ = io.Copy(io.Discard, io.LimitReader(r, 64<<10)) }

// redactURL drops the URL from a transport error: feed URLs carry access
// tokens (Jobylon's feed hash).
func redactURL(err error) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	if ue.Timeout() {
		return fmt.Errorf("timed out: %w", context.DeadlineExceeded)
	}
	return ue.Err
}

// ParseURL reads a connector setting that must be an absolute http(s)
// URL. The error names the setting, never the value: a feed URL can carry
// an access token (Jobylon's hash).
func ParseURL(setting, raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("setting %s must be an absolute http or https URL", setting)
	}
	return u, nil
}
