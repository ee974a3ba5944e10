package sim

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Ponty sends ads as Ponty's connector does
// (https://github.com/ponty-tech/connector): POST {site}/pnty_jobs_api,
// DELETE {site}/pnty_jobs_api/{assignment_id} with x-pnty-slug, and the
// header "x-pnty-auth-2: Bearer <JWT>", HS256 with the API key, 60 s life.
type Ponty struct {
	// Site is the receiving site: {jobgate}/connectors/ponty/{integration}.
	Site string
	// Key is the API key pasted into Ponty: the one jobgate issued.
	Key string
	// Slug is the customer's system_slug.
	Slug string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// PontySite is the site URL an employer pastes into Ponty.
func PontySite(jobgateURL, integrationID string) string {
	return strings.TrimRight(jobgateURL, "/") + "/connectors/ponty/" + integrationID
}

// Upsert sends an ad (a JSON object); system_slug is set to the sender's.
func (p Ponty) Upsert(ctx context.Context, ad map[string]any, f Fault) (Response, error) {
	ad["system_slug"] = p.Slug
	body, err := json.Marshal(ad)
	if err != nil {
		return Response{}, err
	}
	return send(ctx, "POST", p.Site+"/pnty_jobs_api", faultyBody(body, f), "x-pnty-auth-2", p.token(f))
}

// UpsertBody sends body as it is (bytes json.Marshal would never write,
// such as ones that are not UTF-8), labelled contentType ("": no
// Content-Type at all).
func (p Ponty) UpsertBody(ctx context.Context, body []byte, contentType string) (Response, error) {
	return sendAs(ctx, "POST", p.Site+"/pnty_jobs_api", body, contentType, "x-pnty-auth-2", p.token(None))
}

// Delete unpublishes the ad with this assignment id.
func (p Ponty) Delete(ctx context.Context, assignmentID string, f Fault) (Response, error) {
	return send(ctx, "DELETE", p.Site+"/pnty_jobs_api/"+assignmentID, nil, "x-pnty-auth-2", p.token(f), "x-pnty-slug", p.Slug)
}

// Version asks pnty_version, as Ponty does to check a site.
func (p Ponty) Version(ctx context.Context, f Fault) (Response, error) {
	return send(ctx, "GET", p.Site+"/pnty_version", nil, "x-pnty-auth-2", p.token(f))
}

// token is the x-pnty-auth-2 value, or a faulty one.
func (p Ponty) token(f Fault) string {
	now := time.Now()
	if p.Now != nil {
		now = p.Now()
	}
	key := p.Key
	switch f {
	case Unsigned:
		return ""
	case WrongKey:
		key += "-not-it"
	case Expired:
		now = now.Add(-10 * time.Minute)
	case Future:
		now = now.Add(10 * time.Minute)
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"iat": now.Unix(), "exp": now.Add(60 * time.Second).Unix()}).SignedString([]byte(key))
	if err != nil {
		panic(fmt.Sprintf("sim: sign: %v", err))
	}
	return "Bearer " + s
}
