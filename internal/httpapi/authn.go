package httpapi

import (
	"errors"
	"math"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/auth"
)

const principalKey = "principal"

type principal = auth.Principal

// authenticate requires a valid API key: 401 otherwise, 429 with
// Retry-After while the client is locked out.
func (h *handlers) authenticate(c *gin.Context) {
	p, err := h.d.Auth.Authenticate(c.Request.Context(), c.ClientIP(), c.GetHeader("Authorization"))
	var locked *auth.ErrLockedOut
	var unauth *auth.ErrUnauthorized
	switch {
	case errors.As(err, &locked):
		c.Header("Retry-After", strconv.Itoa(int(math.Ceil(locked.RetryAfter.Seconds()))))
		abort(c, http.StatusTooManyRequests, codeTooManyRequests, "too many failed authentications from this client; try again later")
	case errors.As(err, &unauth):
		c.Header("WWW-Authenticate", `Bearer realm="jobgate"`)
		abort(c, http.StatusUnauthorized, codeUnauthorized, "a valid API key is required: Authorization: Bearer <key>")
	case err != nil:
		abortInternal(c, err)
	default:
		c.Set(principalKey, p)
		c.Next()
	}
}

func principalOf(c *gin.Context) principal {
	return c.MustGet(principalKey).(principal)
}
