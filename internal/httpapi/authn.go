package httpapi

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/auth"
	"github.com/jobgate/jobgate/internal/store"
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

// integrationCache keeps integrations for a few seconds: every ad write
// needs its integration's vendor and settings, which change rarely.
type integrationCache struct {
	store store.Store
	ttl   time.Duration
	mu    sync.Mutex
	items map[string]cachedIntegration
}

type cachedIntegration struct {
	in      store.Integration
	expires time.Time
}

func newIntegrationCache(s store.Store) *integrationCache {
	return &integrationCache{store: s, ttl: 5 * time.Second, items: map[string]cachedIntegration{}}
}

func (ic *integrationCache) get(c *gin.Context, id string) (store.Integration, error) {
	now := time.Now()
	ic.mu.Lock()
	item, ok := ic.items[id]
	ic.mu.Unlock()
	if ok && now.Before(item.expires) {
		return item.in, nil
	}
	in, err := ic.store.GetIntegration(c.Request.Context(), id)
	if err != nil {
		return in, err
	}
	ic.mu.Lock()
	if len(ic.items) > 10000 {
		clear(ic.items)
	}
	ic.items[id] = cachedIntegration{in: in, expires: now.Add(ic.ttl)}
	ic.mu.Unlock()
	return in, nil
}
