package sim

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
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

func (t Teamtailor) sendJSON(ctx context.Context, method, path string, event map[string]any, f Fault) (Response, error) {
	body, err := json.Marshal(event)
	if err != nil {
		return Response{}, err
	}
	return t.send(ctx, method, path, faultyBody(body, f), f)
}

// PostBody sends body as it is (bytes json.Marshal would never write,
// such as ones that are not UTF-8), signed, labelled contentType ("": no
// Content-Type at all).
func (t Teamtailor) PostBody(ctx context.Context, body []byte, contentType string) (Response, error) {
	headers, err := t.signed(body, None)
	if err != nil {
		return Response{}, err
	}
	return sendAs(ctx, "POST", strings.TrimRight(t.BaseURL, "/")+"/webhook", body, contentType, headers...)
}

func (t Teamtailor) send(ctx context.Context, method, path string, body []byte, f Fault) (Response, error) {
	headers, err := t.signed(body, f)
	if err != nil {
		return Response{}, err
	}
	if f == Tampered {
		body = append(append([]byte{}, body...), ' ')
	}
	return send(ctx, method, strings.TrimRight(t.BaseURL, "/")+path, body, headers...)
}

// signed is the Teamtailor-Signature and Authorization headers for body,
// or faulty ones.
func (t Teamtailor) signed(body []byte, f Fault) ([]string, error) {
	now := time.Now()
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
	jwtToken, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"api_key": t.APIKey}).SignedString([]byte(t.Secret))
	if err != nil {
		return nil, err
	}
	if f == Unsigned {
		signature, jwtToken = "", ""
	}
	return []string{"Teamtailor-Signature", signature, "Authorization", bearer(jwtToken)}, nil
}

func bearer(token string) string {
	if token == "" {
		return ""
	}
	return "Bearer " + token
}
