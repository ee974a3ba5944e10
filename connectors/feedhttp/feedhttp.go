// Package feedhttp fetches a polled vendor's feed over HTTP the way every
// polling connector must: through the outbound layer (internal/outbound),
// conditionally where the source supports it, with a bounded body, refusing answers that cannot be a feed (an HTML error page
// served with 200, a wrong content type), and with every failure classified
// (connectors.StatusError), so one broken response never reaches the diff
// that withdraws ads.
package feedhttp

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound"
)

// DefaultMaxBytes bounds a feed body when Request.MaxBytes is zero
// (outbound.Feed): a body over it is refused, not cut.
var DefaultMaxBytes = outbound.Feed.MaxBytes

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
	// Client makes the request; nil means outbound.Default.
	Client *outbound.Client
	// Secrets are masked in every error (a feed URL that is an access
	// token, the integration's keys).
	Secrets []string
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

// Get fetches r.URL through the outbound layer (no redirect followed:
// a 3xx fails the poll with its Location; the address guard; a 30 s
// limit). Network errors and 5xx, 408, 425 and 429 answers are retryable
// (with the vendor's Retry-After), 401 and 403 unauthorised, other
// non-2xx answers, a refused content type and an oversized body
// permanent for this poll.
func Get(ctx context.Context, r Request) (Response, error) {
	resp, err := outbound.Or(r.Client).Do(ctx, outbound.Request{Kind: outbound.Feed, MaxBytes: r.MaxBytes,
		Method: http.MethodGet, URL: r.URL, Header: headers(r), Secrets: r.Secrets})
	switch {
	case errors.Is(err, outbound.ErrTooLarge):
		return Response{}, connectors.NewPermanent(fmt.Errorf("feed body is over the %d-byte limit", limit(r.MaxBytes)))
	case errors.Is(err, outbound.ErrCutShort):
		return Response{}, connectors.RedactSecrets(connectors.Prefixed("read feed", err), r.Secrets...)
	case err != nil:
		return Response{}, connectors.RedactSecrets(connectors.Prefixed("fetch feed", err), r.Secrets...)
	}
	out := Response{Validators: connectors.Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}}
	if resp.Status == http.StatusNotModified {
		out.NotModified = true
		out.Validators = keep(out.Validators, r.Since)
		return out, nil
	}
	if resp.Status < 200 || resp.Status > 299 {
		return Response{}, connectors.StatusError(resp.Status, resp.Header, "feed answered "+http.StatusText(resp.Status))
	}
	if err := checkContentType(resp.Header.Get("Content-Type"), r.ContentTypes); err != nil {
		return Response{}, connectors.NewPermanent(err)
	}
	out.Body = resp.Body
	return out, nil
}

func limit(max int64) int64 {
	if max <= 0 {
		return DefaultMaxBytes
	}
	return max
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

func headers(r Request) http.Header {
	h := http.Header{}
	h.Set("User-Agent", "jobgate-poller/1")
	if r.Accept != "" {
		h.Set("Accept", r.Accept)
	}
	if r.Since.ETag != "" {
		h.Set("If-None-Match", r.Since.ETag)
	}
	if r.Since.LastModified != "" {
		h.Set("If-Modified-Since", r.Since.LastModified)
	}
	return h
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

// Snapshot is a polled source's whole Snapshot of one feed document: it
// fetches r (Get), passes a 304 through with its validators, parses the
// body into items with parse and makes each a Posting with posting. A
// failed fetch keeps Get's class; a body parse refuses is permanent, and
// nothing of it is returned. vendor prefixes the fetch's errors (parse's
// carry their own).
func Snapshot[T any](ctx context.Context, vendor string, r Request, parse func(body []byte) ([]T, error), posting func(T) connectors.Posting) (connectors.Snapshot, error) {
	resp, err := Get(ctx, r)
	if err != nil {
		return connectors.Snapshot{}, fmt.Errorf("%s: %w", vendor, err)
	}
	snap := connectors.Snapshot{NotModified: resp.NotModified, Validators: resp.Validators}
	if resp.NotModified {
		return snap, nil
	}
	items, err := parse(resp.Body)
	if err != nil {
		return connectors.Snapshot{}, connectors.NewPermanent(err)
	}
	snap.Postings = make([]connectors.Posting, 0, len(items))
	for _, it := range items {
		snap.Postings = append(snap.Postings, posting(it))
	}
	return snap, nil
}
