package ponty

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/golang-jwt/jwt/v5"

	"github.com/jobgate/jobgate/connectors"
)

// errBadToken is every credential failure: the answer never says which
// part was wrong.
var errBadToken = errors.New("invalid or expired x-pnty-auth-2 token")

// authenticate checks the JWT in x-pnty-auth-2 against the keys of the
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
		fail(g, http.StatusServiceUnavailable, "the job board cannot check credentials now; try again later")
		return connectors.Integration{}, false
	} else if wait > 0 {
		g.Header("Retry-After", strconv.Itoa(int(wait.Seconds()+0.999)))
		fail(g, http.StatusTooManyRequests, "too many failed authentications; try again later")
		return connectors.Integration{}, false
	}
	in, keys, err := c.hub.SigningKeys(ctx, g.Param("integration"))
	switch {
	case errors.Is(err, connectors.ErrUnknownIntegration):
		return connectors.Integration{}, c.refuse(g, "", "unknown_integration")
	case err != nil:
		fail(g, http.StatusInternalServerError, "internal error")
		return connectors.Integration{}, false
	}
	token, ok := strings.CutPrefix(g.GetHeader("x-pnty-auth-2"), "Bearer ")
	if !ok || token == "" {
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

// refuse counts a failure toward the lockout of credential ("" for the
// address only) and answers 401.
func (c *Connector) refuse(g *gin.Context, credential, reason string) bool {
	if err := c.hub.AuthFailed(g.Request.Context(), g.ClientIP(), credential, "ponty_"+reason); err != nil {
		fail(g, http.StatusServiceUnavailable, "the job board cannot check credentials now; try again later")
		return false
	}
	fail(g, http.StatusUnauthorized, errBadToken.Error())
	return false
}

// verify checks an HS256 JWT signed with key: issued at most maxAge before
// now (and not in the future beyond a few seconds of clock skew), and not
// expired.
func verify(token, key string, now time.Time, maxAge time.Duration) error {
	const skew = 5 * time.Second
	claims := jwt.RegisteredClaims{}
	_, err := jwt.ParseWithClaims(token, &claims, func(*jwt.Token) (any, error) { return []byte(key), nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithTimeFunc(func() time.Time { return now }),
		jwt.WithIssuedAt(), jwt.WithLeeway(skew))
	if err != nil {
		return err
	}
	if claims.IssuedAt == nil || now.Sub(claims.IssuedAt.Time) > maxAge {
		return fmt.Errorf("token issued more than %s ago", maxAge)
	}
	return nil
}
