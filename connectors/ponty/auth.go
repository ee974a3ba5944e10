package ponty

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/golang-jwt/jwt/v5"

	"github.com/jobgate/jobgate/connectors"
)

// msgNotAuthenticated is every credential failure, in the reference
// receiver's words (ponty-tech/connector, ponty-connector/ponty-connector.php,
// api_auth): the answer never says which part was wrong.
const msgNotAuthenticated = "Not authenticated to WordPress instance. Please check API keys."

// authenticate checks the JWT of the request against the keys of the
// integration named in the path. A failure counts toward the lockout of
// that integration's keys from the client's address, and of the address
// (an unknown integration toward the address only), and is answered in
// Ponty's shape.
//
// There is no replay cache: Ponty's token carries no per-request claim
// (no jti; iat and exp in whole seconds; HS256 is deterministic), so two
// requests Ponty sends in the same second carry the same token, and its
// reference receiver accepts a token for its whole 60 seconds
// (ponty-tech/connector at 5cf4aa3, ponty-connector/ponty-connector.php,
// api_auth: it checks only the HMAC, now-iat <= 60 and exp).
// A one-use rule would refuse Ponty's own bursts; the token's short life
// (defaultMaxAge) bounds a replay instead.
func (c *Connector) authenticate(g *gin.Context) (connectors.Integration, bool) {
	ctx := g.Request.Context()
	credential := connectors.CredentialOfIntegration(g.Param("integration"))
	if wait, err := c.hub.LockedOut(ctx, g.ClientIP(), credential); err != nil {
		fail(g, "the job board cannot check credentials now; try again later")
		return connectors.Integration{}, false
	} else if wait > 0 {
		g.Header("Retry-After", strconv.Itoa(int(wait.Seconds()+0.999)))
		fail(g, "too many failed authentications; try again later")
		return connectors.Integration{}, false
	}
	in, keys, err := c.hub.SigningKeys(ctx, g.Param("integration"))
	switch {
	case errors.Is(err, connectors.ErrUnknownIntegration):
		return connectors.Integration{}, c.refuse(g, "", "unknown_integration")
	case err != nil:
		fail(g, "internal error")
		return connectors.Integration{}, false
	}
	token := bearerToken(g)
	if token == "" {
		return in, c.refuse(g, credential, "missing")
	}
	maxAge := defaultMaxAge
	if d, err := time.ParseDuration(in.Setting("jwt_max_age", "")); err == nil && d > 0 {
		maxAge = d
	}
	for _, key := range keys {
		if verify(token, key, c.now(), maxAge) == nil {
			return in, true
		}
	}
	return in, c.refuse(g, credential, "bad_token")
}

// bearerToken is the JWT of the request: the header x-pnty-auth-2 that
// Ponty sends as "Bearer <JWT>" (the reference receiver strips "Bearer "
// with str_replace, so a bare token passes there too), else the standard
// Authorization: Bearer header carrying the same token.
func bearerToken(g *gin.Context) string {
	for _, header := range []string{"x-pnty-auth-2", "Authorization"} {
		v := strings.TrimSpace(g.GetHeader(header))
		if v == "" {
			continue
		}
		if scheme, rest, ok := strings.Cut(v, " "); ok && strings.EqualFold(scheme, "Bearer") {
			return strings.TrimSpace(rest)
		}
		if header == "x-pnty-auth-2" {
			return v
		}
	}
	return ""
}

// refuse counts a failure toward the lockout of credential ("" for the
// address only) and answers in Ponty's shape.
func (c *Connector) refuse(g *gin.Context, credential, reason string) bool {
	if err := c.hub.AuthFailed(g.Request.Context(), g.ClientIP(), credential, "ponty_"+reason); err != nil {
		fail(g, "the job board cannot check credentials now; try again later")
		return false
	}
	fail(g, msgNotAuthenticated)
	return false
}

// Errors of verify, never shown to the sender.
var (
	errNoIssuedAt = errors.New("token without iat")
	errNoExpiry   = errors.New("token without exp")
	errFuture     = errors.New("token issued in the future")
	errExpired    = errors.New("token expired")
)

// verify checks an HS256 JWT signed with key as the reference receiver
// does (ponty-connector/ponty-connector.php, api_auth), in whole seconds
// as JWT times are: refused when issued more than maxAge before now, or
// when now is past its exp. Stricter than the reference, which checks
// neither their presence nor the future: a token without iat or exp, or
// issued after now, is refused too.
func verify(token, key string, now time.Time, maxAge time.Duration) error {
	claims := jwt.RegisteredClaims{}
	_, err := jwt.ParseWithClaims(token, &claims, func(*jwt.Token) (any, error) { return []byte(key), nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}), jwt.WithoutClaimsValidation())
	if err != nil {
		return err
	}
	ts := now.Unix()
	switch {
	case claims.IssuedAt == nil:
		return errNoIssuedAt
	case claims.ExpiresAt == nil:
		return errNoExpiry
	case claims.IssuedAt.Unix() > ts:
		return errFuture
	case ts-claims.IssuedAt.Unix() > int64(maxAge/time.Second):
		return fmt.Errorf("token issued more than %s ago", maxAge)
	case ts > claims.ExpiresAt.Unix():
		return errExpired
	}
	return nil
}
