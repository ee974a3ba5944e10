package httpapi

import (
	"errors"
	"math"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/auth"
	"github.com/jobgate/jobgate/internal/store"
)

const principalKey = "principal"

type principal = auth.Principal

// authenticate requires a valid API key: 401 otherwise, 429 with
// Retry-After while the key (from this client address) or the address is
// locked out.
func (h *handlers) authenticate(c *gin.Context) {
	p, err := h.d.Auth.Authenticate(c.Request.Context(), c.ClientIP(), c.GetHeader("Authorization"))
	if refused(c, err) {
		return
	}
	c.Set(principalKey, p)
	c.Next()
}

// refused answers an authentication error (429 locked out, 401, 500) and
// reports whether it did.
func refused(c *gin.Context, err error) bool {
	var locked *auth.ErrLockedOut
	var unauth *auth.ErrUnauthorized
	switch {
	case errors.As(err, &locked):
		c.Header("Retry-After", strconv.Itoa(int(math.Ceil(locked.RetryAfter.Seconds()))))
		msg := "too many failed authentications with this credential from this client; try again later"
		if locked.Address {
			msg = "too many failed authentications from this client; try again later"
		}
		abort(c, http.StatusTooManyRequests, codeTooManyRequests, msg)
	case errors.As(err, &unauth):
		c.Header("WWW-Authenticate", `Bearer realm="jobgate"`)
		abort(c, http.StatusUnauthorized, codeUnauthorized, "a valid API key is required: Authorization: Bearer <key>")
	case err != nil:
		abortInternal(c, err)
	default:
		return false
	}
	return true
}

// takesAds refuses a push of a disabled integration's key with 403
// integration_disabled before anything is read or stored. The status comes
// with the key (store.LookupKey), so a disable is seen at once.
func takesAds(c *gin.Context) {
	if !store.TakesAds(principalOf(c).IntegrationStatus) {
		abort(c, http.StatusForbidden, connectors.CodeIntegrationDisabled, connectors.MsgIntegrationDisabled)
		return
	}
	c.Next()
}

func principalOf(c *gin.Context) principal {
	return c.MustGet(principalKey).(principal)
}
