package sim

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Ponty sends ads as Ponty does to its reference receiver
// (https://github.com/ponty-tech/connector, ponty-connector/ponty-connector.php,
// and README.md's curl line): POST {site}/pnty_jobs_api with the ad, its
// publish_date included; DELETE {site}/pnty_jobs_api/{assignment_id} with
// the system slug in x-pnty-slug; GET {site}/pnty_version; each with the
// header "x-pnty-auth-2: Bearer <JWT>", HS256 with the API key, iat now
// and exp 60 s later. The receiver answers 200 with
// {"success":true,"url":...} or {"success":false,"message":...}.
type Ponty struct {
	// Site is the receiving site: {jobgate}/connectors/ponty/{integration}.
	Site string
	// Key is the API key pasted into Ponty: the one jobgate issued.
	Key string
	// Slug is the customer's system_slug.
	Slug string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Header is the header that carries the token: "" for x-pnty-auth-2,
	// as Ponty sends it, or "Authorization", which jobgate takes too.
	Header string
	// Bare sends the token without "Bearer " (the reference receiver
	// takes both).
	Bare bool
}

// NoExpiry is a Ponty token without an exp claim (Ponty's own carry one).
const NoExpiry Fault = "no-exp"

// PontySite is the site URL an employer pastes into Ponty.
func PontySite(jobgateURL, integrationID string) string {
	return strings.TrimRight(jobgateURL, "/") + "/connectors/ponty/" + integrationID
}

// Upsert sends an ad (a JSON object); system_slug is set to the sender's,
// and publish_date, when the ad has none, to today (UTC), in the form of
// the reference's dummy-ad.json ("2022-05-01"): Ponty sends every ad
// with its publish date.
func (p Ponty) Upsert(ctx context.Context, ad map[string]any, f Fault) (Response, error) {
	ad["system_slug"] = p.Slug
	if _, ok := ad["publish_date"]; !ok {
		ad["publish_date"] = p.now().UTC().Format(time.DateOnly)
	}
	body, err := json.Marshal(ad)
	if err != nil {
		return Response{}, err
	}
	return send(ctx, "POST", p.Site+"/pnty_jobs_api", faultyBody(body, f), p.auth(f)...)
}

// UpsertBody sends body as it is (bytes json.Marshal would never write,
// such as ones that are not UTF-8), labelled contentType ("": no
// Content-Type at all).
func (p Ponty) UpsertBody(ctx context.Context, body []byte, contentType string) (Response, error) {
	return sendAs(ctx, "POST", p.Site+"/pnty_jobs_api", body, contentType, p.auth(None)...)
}

// Delete unpublishes the ad with this assignment id.
func (p Ponty) Delete(ctx context.Context, assignmentID string, f Fault) (Response, error) {
	return send(ctx, "DELETE", p.Site+"/pnty_jobs_api/"+assignmentID, nil, append(p.auth(f), "x-pnty-slug", p.Slug)...)
}

// Version asks pnty_version, as Ponty does to check a site.
func (p Ponty) Version(ctx context.Context, f Fault) (Response, error) {
	return send(ctx, "GET", p.Site+"/pnty_version", nil, p.auth(f)...)
}

// auth is the token's header and value, or a faulty token.
func (p Ponty) auth(f Fault) []string {
	header := "x-pnty-auth-2"
	if p.Header != "" {
		header = p.Header
	}
	token := p.token(f)
	if !p.Bare && token != "" {
		token = "Bearer " + token
	}
	return []string{header, token}
}

func (p Ponty) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// token is the JWT, or a faulty one.
func (p Ponty) token(f Fault) string {
	now := p.now()
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
	claims := jwt.MapClaims{"iat": now.Unix(), "exp": now.Add(60 * time.Second).Unix()}
	if f == NoExpiry {
		delete(claims, "exp")
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(key))
	if err != nil {
		panic(fmt.Sprintf("sim: sign: %v", err))
	}
	return s
}
