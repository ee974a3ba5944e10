// Package auth authenticates the API keys jobgate issued and the operator
// token, and locks out what keeps failing. Failures are counted in Redis, so
// every replica sees the same counts, twice: per (key id, client address),
// which locks out that key from that address after Config.MaxFailures, and
// per client address, which locks out every credential from it after the
// higher Config.MaxAddressFailures. One tenant's mistakes behind a shared
// egress address (a large ATS) thus lock out that tenant only.
package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/jobgate/jobgate/internal/apikey"
	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/store"
)

// Principal is who a valid key speaks for.
type Principal struct {
	KeyID         string
	IntegrationID string
	AccountID     string
	// IntegrationStatus is the integration's status as the key was
	// checked (store.TakesAds says whether it takes ads).
	IntegrationStatus string
}

// ErrUnauthorized is returned for a missing, malformed, unknown, revoked or
// expired key. Reason is for metrics and logs, never for the client.
type ErrUnauthorized struct{ Reason string }

func (e *ErrUnauthorized) Error() string { return "unauthorized: " + e.Reason }

// ErrLockedOut is returned while a credential or its client address is
// locked out.
type ErrLockedOut struct {
	RetryAfter time.Duration
	// Address is true when the whole client address is locked out, false
	// when only the credential presented is (from that address).
	Address bool
}

func (e *ErrLockedOut) Error() string { return fmt.Sprintf("locked out for %s", e.RetryAfter) }

// Config configures an Authenticator.
type Config struct {
	// MaxFailures is how many failures of one credential (a key id, the
	// operator token) from one address within Window lock that credential
	// out from that address. Zero means 10.
	MaxFailures int
	// MaxAddressFailures is how many failures of any kind from one address
	// within Window lock the address out for every credential. Zero means
	// 100.
	MaxAddressFailures int
	// Window is both the counting window and the lockout. Zero means 15
	// minutes.
	Window time.Duration
}

// Authenticator checks keys.
type Authenticator struct {
	store store.Store
	rdb   redis.UniversalClient
	m     *metrics.Metrics
	cfg   Config
	now   func() time.Time
}

// New returns an Authenticator.
func New(s store.Store, rdb redis.UniversalClient, m *metrics.Metrics, cfg Config) *Authenticator {
	if cfg.MaxFailures <= 0 {
		cfg.MaxFailures = 10
	}
	if cfg.MaxAddressFailures <= 0 {
		cfg.MaxAddressFailures = 100
	}
	if cfg.Window <= 0 {
		cfg.Window = 15 * time.Minute
	}
	return &Authenticator{store: s, rdb: rdb, m: m, cfg: cfg, now: time.Now}
}

// Authenticate checks the Authorization header value of a request from
// client (its address). While the address, or the key's id from that
// address, is locked out it gets *ErrLockedOut whatever it sends; a bad key
// gets *ErrUnauthorized and counts as a failure: for the address, and for
// the key id too when the id is one jobgate issued (a malformed key or an
// unknown id names no tenant, so it counts for the address only).
func (a *Authenticator) Authenticate(ctx context.Context, client, authorization string) (Principal, error) {
	id := keyIDOf(authorization)
	if err := a.refuseLocked(ctx, client, id); err != nil {
		return Principal{}, err
	}
	p, reason := a.check(ctx, authorization)
	switch reason {
	case "":
		return p, nil
	case "store_error":
		return Principal{}, errors.New("auth: key lookup failed")
	case "missing", "malformed", "unknown":
		id = ""
	}
	if err := a.Fail(ctx, client, id, reason); err != nil {
		return Principal{}, err
	}
	return Principal{}, &ErrUnauthorized{Reason: reason}
}

// keyIDOf returns the key id of a bearer API key, or "" when authorization
// holds none.
func keyIDOf(authorization string) string {
	id, _, err := apikey.Parse(bearer(authorization))
	if err != nil {
		return ""
	}
	return id
}

// IsAPIKey reports whether authorization is "Bearer " and something shaped
// like a jobgate API key (not whether the key is valid).
func IsAPIKey(authorization string) bool { return keyIDOf(authorization) != "" }

// bearer returns the token of a "Bearer <token>" value, or "".
func bearer(authorization string) string {
	token, ok := strings.CutPrefix(authorization, "Bearer ")
	if !ok {
		return ""
	}
	return strings.TrimSpace(token)
}

// check returns the principal, or the reason the key is refused.
func (a *Authenticator) check(ctx context.Context, authorization string) (Principal, string) {
	token := bearer(authorization)
	if token == "" {
		return Principal{}, "missing"
	}
	id, secret, err := apikey.Parse(token)
	if err != nil {
		return Principal{}, "malformed"
	}
	k, err := a.store.LookupKey(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return Principal{}, "unknown"
	}
	if err != nil {
		return Principal{}, "store_error"
	}
	// Compare before looking at validity, so every known key costs the same.
	match := apikey.Verify(k.Hash, secret)
	switch {
	case !match:
		return Principal{}, "wrong_secret"
	case k.RevokedAt != nil:
		return Principal{}, "revoked"
	case !k.ValidAt(a.now()):
		return Principal{}, "expired"
	}
	return Principal{KeyID: k.ID, IntegrationID: k.IntegrationID, AccountID: k.AccountID, IntegrationStatus: k.IntegrationStatus}, ""
}
