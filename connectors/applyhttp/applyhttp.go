// Package applyhttp sends an application to an ATS's intake API the way
// every direct-apply connector must: through the outbound layer
// (internal/outbound: no redirect followed, the address guard, bounded
// time and answer, secrets masked), with every outcome classified
// (connectors.ApplyStatusError): a 2xx is delivered, a 3xx a permanent
// failure naming the Location, 409/410 a closed job, 400/422 a refusal
// carrying the ATS's message, 401/403 refused credentials, 429
// backpressure, 5xx and network failures retried. It knows no vendor's
// format.
package applyhttp

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound"
)

// Do sends req (Kind outbound.Delivery unless set) through client (nil:
// outbound.Default) and returns the body of a 2xx answer, or a classified
// error whose message is a short excerpt of the ATS's own (from a JSON
// error field where it sends one) with the request's secrets masked,
// never the request.
func Do(ctx context.Context, client *outbound.Client, req outbound.Request) ([]byte, error) {
	if req.Kind.Name == "" {
		req.Kind = outbound.Delivery
	}
	resp, err := send(ctx, client, req)
	switch {
	case err == nil && !ok(resp.Status):
		return nil, connectors.ApplyStatusError(resp.Status, resp.Header, resp.Excerpt(field(resp.Body)))
	case err == nil:
		return resp.Body, nil
	case ok(resp.Status) && unread(err):
		// The ATS took it (2xx) but its answer broke off or is too long
		// to read: it holds the application, so this is delivered,
		// without the ATS's id.
		return nil, nil
	case resp.Status != 0 && unread(err):
		return nil, connectors.ApplyStatusError(resp.Status, resp.Header, "(the answer could not be read whole)")
	}
	return nil, err
}

// Read sends req, a request whose whole answer is needed (a form: Kind
// outbound.Form unless set), and returns the 2xx answer of at most max
// bytes; an answer cut short is retryable, a longer one permanent, and the
// rest classified as Do's.
func Read(ctx context.Context, client *outbound.Client, req outbound.Request, max int64) ([]byte, error) {
	if req.Kind.Name == "" {
		req.Kind = outbound.Form
	}
	req.MaxBytes = max
	resp, err := send(ctx, client, req)
	switch {
	case err == nil && !ok(resp.Status):
		return nil, connectors.ApplyStatusError(resp.Status, resp.Header, resp.Excerpt(field(resp.Body)))
	case err != nil && resp.Status != 0 && !ok(resp.Status) && unread(err):
		return nil, connectors.ApplyStatusError(resp.Status, resp.Header, "(the answer could not be read whole)")
	case err != nil:
		return nil, err
	}
	return resp.Body, nil
}

func ok(status int) bool { return status >= 200 && status <= 299 }

func unread(err error) bool {
	return errors.Is(err, outbound.ErrTooLarge) || errors.Is(err, outbound.ErrCutShort)
}

// send makes the request; when ctx ended (the worker shuts down) it
// returns ctx.Err() alone, which is not the ATS's failure.
func send(ctx context.Context, client *outbound.Client, req outbound.Request) (outbound.Response, error) {
	resp, err := outbound.Or(client).Do(ctx, req)
	if err != nil && ctx.Err() != nil {
		return resp, ctx.Err()
	}
	return resp, err
}

// Message is what an ATS's error answer says (the first of the fields
// error, message, detail or errors of a JSON object, else the text), with
// every one of secrets masked, cut to outbound.MaxExcerpt bytes.
func Message(body []byte, secrets ...string) string {
	return outbound.Excerpt(outbound.Redact(field(body), secrets...))
}

// field is the message field of a JSON error answer, else the text.
func field(body []byte) string {
	var obj map[string]json.RawMessage
	if json.Unmarshal(body, &obj) == nil {
		for _, k := range []string{"error", "message", "detail", "errors"} {
			if raw, ok := obj[k]; ok {
				var s string
				if json.Unmarshal(raw, &s) != nil {
					s = string(raw)
				}
				return s
			}
		}
	}
	return strings.TrimSpace(string(body))
}
