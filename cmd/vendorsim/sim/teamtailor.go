package sim

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/jobgate/jobgate/connectors/teamtailor"
)

// Teamtailor sends as Teamtailor's job-board integration does
// (https://partner.teamtailor.com/job_boards): requests to the board's
// base_url with Teamtailor-Signature ("t=<unix>,v1=<hex>", HMAC-SHA256 of
// "<t>.<body>" with the board's secret) and the activation JWT (HS256 with
// the same secret) in Authorization, whose api_key claim is the key the
// customer pasted.
type Teamtailor struct {
	// BaseURL is {jobgate}/connectors/teamtailor.
	BaseURL string
	// Secret is the board's key from Teamtailor's Integrations Hub.
	Secret string
	// APIKey is what the customer pasted in the activation form.
	APIKey string
	// ActivationAsForm lays the activation JWT out as the activation form
	// with each field's value ({"config":{"fields":[{"id":"api_key",
	// "value":...}]}}), the docs' "Teamtailor will turn this form into a
	// JSON web token"; false sends the field's value as a claim named by
	// its id ({"api_key":...}), their "The fields values filled by the
	// user will be turned into JSONWebToken"
	// (source/includes/job_boards/webhook_activation_config/_index.md.erb).
	// The docs publish no decoded token, so both are played.
	ActivationAsForm bool
	// Now is the clock requests are signed by; nil means time.Now. The
	// job board accepts each signature once, and two bodiless requests
	// signed in the same second carry the same one: a test that sends
	// several gives each its own second (Stepping).
	Now func() time.Time
}

// Stepping returns a clock that reads from, from+step, from+2*step, ...
// on successive calls, safe for concurrent use.
func Stepping(from time.Time, step time.Duration) func() time.Time {
	var n atomic.Int64
	return func() time.Time { return from.Add(time.Duration(n.Add(1)-1) * step) }
}

// Post sends a created job (an event in the documented shape).
func (t Teamtailor) Post(ctx context.Context, event map[string]any, f Fault) (Response, error) {
	return t.sendJSON(ctx, "POST", "/webhook", event, f)
}

// Put sends an updated job.
func (t Teamtailor) Put(ctx context.Context, event map[string]any, f Fault) (Response, error) {
	return t.sendJSON(ctx, "PUT", "/webhook", event, f)
}

// Delete unlists a job.
func (t Teamtailor) Delete(ctx context.Context, referenceID string, f Fault) (Response, error) {
	return t.send(ctx, "DELETE", "/webhook/"+referenceID, nil, f)
}

// Config fetches a page of the publishing form.
func (t Teamtailor) Config(ctx context.Context, page int, f Fault) (Response, error) {
	return t.send(ctx, "GET", "/config?page="+strconv.Itoa(page), nil, f)
}

// Validate calls the activation validation endpoint.
func (t Teamtailor) Validate(ctx context.Context, f Fault) (Response, error) {
	return t.send(ctx, "GET", "/validate", nil, f)
}

// ErrNoExternalID is a sender's error for a 200 answer to a webhook
// without body.externalId, which Teamtailor requires ("The response must
// include externalId", source/includes/job_boards/_webhooks.md.erb,
// "Expected response"). The Response is returned with it.
var ErrNoExternalID = errors.New("teamtailor: a 200 answer to a webhook without body.externalId")

func (t Teamtailor) sendJSON(ctx context.Context, method, path string, event map[string]any, f Fault) (Response, error) {
	body, err := json.Marshal(event)
	if err != nil {
		return Response{}, err
	}
	r, err := t.send(ctx, method, path, faultyBody(body, f), f)
	if err == nil && r.Status == http.StatusOK {
		var answer struct {
			Body struct {
				ExternalID string `json:"externalId"`
			} `json:"body"`
		}
		if json.Unmarshal(r.Body, &answer) != nil || answer.Body.ExternalID == "" {
			return r, ErrNoExternalID
		}
	}
	return r, err
}

// PostBody sends body as it is (bytes json.Marshal would never write,
// such as ones that are not UTF-8), signed, labelled contentType ("": no
// Content-Type at all).
func (t Teamtailor) PostBody(ctx context.Context, body []byte, contentType string) (Response, error) {
	headers, err := t.Headers(body, None)
	if err != nil {
		return Response{}, err
	}
	return sendAs(ctx, "POST", strings.TrimRight(t.BaseURL, "/")+"/webhook", body, contentType, headers...)
}

func (t Teamtailor) send(ctx context.Context, method, path string, body []byte, f Fault) (Response, error) {
	headers, err := t.Headers(body, f)
	if err != nil {
		return Response{}, err
	}
	if f == Tampered {
		body = append(append([]byte{}, body...), ' ')
	}
	return send(ctx, method, strings.TrimRight(t.BaseURL, "/")+path, body, headers...)
}

// Headers returns the headers Teamtailor sends with body (name, value
// pairs): Teamtailor-Signature and the activation JWT in Authorization, or
// faulty ones. A test replays captured headers with them.
func (t Teamtailor) Headers(body []byte, f Fault) ([]string, error) {
	now := time.Now()
	if t.Now != nil {
		now = t.Now()
	}
	secret := t.Secret
	switch f {
	case Expired:
		now = now.Add(-10 * time.Minute)
	case Future:
		now = now.Add(10 * time.Minute)
	case WrongKey:
		secret += "-not-it"
	}
	ts := strconv.FormatInt(now.Unix(), 10)
	signature := fmt.Sprintf("t=%s,v1=%s", ts, hex.EncodeToString(teamtailor.Sign(secret, ts, body)))
	jwtToken, err := jwt.NewWithClaims(jwt.SigningMethodHS256, t.activationClaims()).SignedString([]byte(t.Secret))
	if err != nil {
		return nil, err
	}
	if f == Unsigned {
		signature, jwtToken = "", ""
	}
	return []string{"Teamtailor-Signature", signature, "Authorization", bearer(jwtToken)}, nil
}

// activationClaims are the activation form's values: the api_key field
// the customer filled in, laid out as ActivationAsForm says.
func (t Teamtailor) activationClaims() jwt.MapClaims {
	if !t.ActivationAsForm {
		return jwt.MapClaims{"api_key": t.APIKey}
	}
	field := map[string]any{"id": "api_key", "type": "text", "label": "Enter your api key", "value": t.APIKey}
	return jwt.MapClaims{"config": map[string]any{"fields": []any{field}}}
}

func bearer(token string) string {
	if token == "" {
		return ""
	}
	return "Bearer " + token
}
