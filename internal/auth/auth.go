// Package auth authenticates the API keys jobgate issued and locks out
// clients that keep failing: ten failures within 15 minutes from one client
// address lock it out for 15 minutes, counted in Redis so every replica
// sees the same count.
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
}

// ErrUnauthorized is returned for a missing, malformed, unknown, revoked or
// expired key. Reason is for metrics and logs, never for the client.
type ErrUnauthorized struct{ Reason string }

func (e *ErrUnauthorized) Error() string { return "unauthorized: " + e.Reason }

// ErrLockedOut is returned while a client is locked out.
type ErrLockedOut struct{ RetryAfter time.Duration }

func (e *ErrLockedOut) Error() string { return fmt.Sprintf("locked out for %s", e.RetryAfter) }

// Config configures an Authenticator.
type Config struct {
	// MaxFailures is how many failures within Window lock a client out.
	// Zero means 10.
	MaxFailures int
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
	if cfg.Window <= 0 {
		cfg.Window = 15 * time.Minute
	}
	return &Authenticator{store: s, rdb: rdb, m: m, cfg: cfg, now: time.Now}
}

// Authenticate checks the Authorization header value of a request from
// client (its address). A locked-out client gets *ErrLockedOut whatever it
// sends; a bad key gets *ErrUnauthorized and counts as a failure.
func (a *Authenticator) Authenticate(ctx context.Context, client, authorization string) (Principal, error) {
	if wait, err := a.LockedFor(ctx, client); err != nil {
		return Principal{}, err
	} else if wait > 0 {
		a.m.AuthFailures.WithLabelValues("locked_out").Inc()
		return Principal{}, &ErrLockedOut{RetryAfter: wait}
	}
	p, reason := a.check(ctx, authorization)
	if reason == "" {
		return p, nil
	}
	if reason == "store_error" {
		return Principal{}, errors.New("auth: key lookup failed")
	}
	if err := a.Fail(ctx, client, reason); err != nil {
		return Principal{}, err
	}
	return Principal{}, &ErrUnauthorized{Reason: reason}
}

// check returns the principal, or the reason the key is refused.
func (a *Authenticator) check(ctx context.Context, authorization string) (Principal, string) {
	token, ok := strings.CutPrefix(authorization, "Bearer ")
	if !ok || token == "" {
		return Principal{}, "missing"
	}
	id, secret, err := apikey.Parse(strings.TrimSpace(token))
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
	return Principal{KeyID: k.ID, IntegrationID: k.IntegrationID, AccountID: k.AccountID}, ""
}

func lockKey(client string) string     { return "jobgate:auth:lockout:" + client }
func failuresKey(client string) string { return "jobgate:auth:failures:" + client }

// LockedFor reports how long client stays locked out; zero when it is not.
func (a *Authenticator) LockedFor(ctx context.Context, client string) (time.Duration, error) {
	ttl, err := a.rdb.PTTL(ctx, lockKey(client)).Result()
	if err != nil {
		return 0, fmt.Errorf("auth: lockout check: %w", err)
	}
	return max(ttl, 0), nil
}

// Fail counts a failed authentication from client (with a reason for the
// metrics) in its window; the failure that reaches MaxFailures locks the
// client out, so its next request gets 429. Push connectors that check
// their own credentials count their failures here too.
func (a *Authenticator) Fail(ctx context.Context, client, reason string) error {
	a.m.AuthFailures.WithLabelValues(reason).Inc()
	pipe := a.rdb.TxPipeline()
	n := pipe.Incr(ctx, failuresKey(client))
	pipe.ExpireNX(ctx, failuresKey(client), a.cfg.Window)
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("auth: count failure: %w", err)
	}
	if n.Val() < int64(a.cfg.MaxFailures) {
		return nil
	}
	pipe = a.rdb.TxPipeline()
	pipe.Set(ctx, lockKey(client), "1", a.cfg.Window)
	pipe.Del(ctx, failuresKey(client))
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("auth: lock out: %w", err)
	}
	return nil
}
