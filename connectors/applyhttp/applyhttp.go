// Package applyhttp sends an application to an ATS's intake API the way
// every direct-apply connector must: with a bounded answer, and with every
// outcome classified (connectors.ApplyStatusError): a 2xx is delivered,
// 409/410 a closed job, 400/422 a refusal carrying the ATS's message,
// 401/403 refused credentials, 429 backpressure, 5xx and network failures
// retried. It knows no vendor's format.
package applyhttp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jobgate/jobgate/connectors"
)

// Timeout bounds one delivery request when the connector brings no client
// of its own. Files of up to 25 MiB go up in one request, so it is longer
// than a feed's.
const Timeout = 60 * time.Second

// maxAnswer bounds the answer read: an intake answers with an id or an
// error, never more.
const maxAnswer = 64 << 10

// DefaultClient is shared by the connectors that bring no client.
var DefaultClient = &http.Client{
	Timeout: Timeout,
	Transport: &http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		MaxIdleConnsPerHost: 64,
		IdleConnTimeout:     90 * time.Second,
		TLSHandshakeTimeout: 10 * time.Second,
	},
}

// Do sends req (nil client: DefaultClient) and returns the body of a 2xx
// answer, or a classified error whose message is the ATS's own (from a
// JSON error field where it sends one), never the request.
func Do(ctx context.Context, client *http.Client, req *http.Request) ([]byte, error) {
	resp, err := send(ctx, client, req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, rerr := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, connectors.ApplyStatusError(resp.StatusCode, resp.Header, Message(body))
	}
	if rerr != nil {
		// The ATS took it (2xx) but the answer broke off: it holds the
		// application, so this is delivered, without the ATS's id.
		return nil, nil
	}
	return body, nil
}

// Read sends req, a request whose whole answer is needed (a form), and
// returns the 2xx answer of at most max bytes; an answer cut short is
// retryable, a longer one permanent, and the rest classified as Do's.
func Read(ctx context.Context, client *http.Client, req *http.Request, max int64) ([]byte, error) {
	resp, err := send(ctx, client, req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, rerr := io.ReadAll(io.LimitReader(resp.Body, max+1))
	switch {
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, connectors.ApplyStatusError(resp.StatusCode, resp.Header, Message(body))
	case rerr != nil:
		return nil, connectors.NewRetryable(fmt.Errorf("read the answer of %s: %w", req.URL.Host, rerr), 0)
	case int64(len(body)) > max:
		return nil, connectors.NewPermanent(fmt.Errorf("the answer of %s is larger than %d bytes", req.URL.Host, max))
	}
	return body, nil
}

// send makes the request; a network failure is retryable and names the
// host only: the URL holds a key for some vendors (Lever's ?key=).
func send(ctx context.Context, client *http.Client, req *http.Request) (*http.Response, error) {
	if client == nil {
		client = DefaultClient
	}
	resp, err := client.Do(req.WithContext(ctx))
	if err == nil {
		return resp, nil
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	var ue interface{ Unwrap() error }
	if errors.As(err, &ue) && ue.Unwrap() != nil {
		err = ue.Unwrap()
	}
	return nil, connectors.NewRetryable(fmt.Errorf("send to %s: %w", req.URL.Host, err), 0)
}

// Message is what an ATS's error answer says: the first of the fields
// error, message, detail or errors of a JSON object, else the text, cut
// to 300 bytes on a rune boundary.
func Message(body []byte) string {
	var obj map[string]json.RawMessage
	if json.Unmarshal(body, &obj) == nil {
		for _, k := range []string{"error", "message", "detail", "errors"} {
			if raw, ok := obj[k]; ok {
				var s string
				if json.Unmarshal(raw, &s) != nil {
					s = string(raw)
				}
				return cut(s)
			}
		}
	}
	return cut(strings.TrimSpace(string(body)))
}

func cut(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= 300 {
		return s
	}
	s = s[:300]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s + "…"
}
