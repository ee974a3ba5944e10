package auth

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// OperatorCredential is the credential name the operator token's failures
// are counted under, beside the key ids (which read "key_..."), so that a
// wrong operator token counts like a wrong key.
const OperatorCredential = "operator"

// scope is one lockout counter: an address, or a credential from an
// address, with the failures that lock it out.
type scope struct {
	client string
	name   string
	limit  int
}

// scopes are the counters a failure of credential from client counts in:
// the address's always, the (credential, address)'s when credential names
// one.
func (a *Authenticator) scopes(client, credential string) []scope {
	out := []scope{{client: client, name: "address", limit: a.cfg.MaxAddressFailures}}
	if credential != "" {
		out = append(out, scope{client: client, name: "credential:" + credential, limit: a.cfg.MaxFailures})
	}
	return out
}

// clientTag is the hash tag of a client's keys: on a Redis Cluster every
// key of one client, in every scope, hashes to one slot, so Fail's
// transactions over them stay one MULTI/EXEC (a Cluster refuses one over
// several slots). A brace in client (addresses have none) would end or
// move the tag, so it is replaced.
var clientTag = strings.NewReplacer("{", "(", "}", ")")

// scopeKey is a scope's key of kind (lockout, failures). The client,
// between braces and first, cannot make two scopes collide whatever
// colons (IPv6) or credential it holds.
func scopeKey(kind string, s scope) string {
	return "jobgate:auth:{" + clientTag.Replace(s.client) + "}:" + s.name + ":" + kind
}

func lockKey(s scope) string     { return scopeKey("lockout", s) }
func failuresKey(s scope) string { return scopeKey("failures", s) }

// LockedFor reports how long client stays locked out for credential (a key
// id, OperatorCredential, or a vendor's credential name; "" for the address
// alone): the longer of the address's lockout and the credential's from
// that address, zero when neither holds. address says the address's
// lockout is (one of) the reason(s).
func (a *Authenticator) LockedFor(ctx context.Context, client, credential string) (wait time.Duration, address bool, err error) {
	scopes := a.scopes(client, credential)
	pipe := a.rdb.Pipeline()
	ttls := make([]*redis.DurationCmd, len(scopes))
	for i, s := range scopes {
		ttls[i] = pipe.PTTL(ctx, lockKey(s))
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return 0, false, fmt.Errorf("auth: lockout check: %w", err)
	}
	for i, ttl := range ttls {
		if ttl.Val() > wait {
			wait = ttl.Val()
		}
		if i == 0 && ttl.Val() > 0 {
			address = true
		}
	}
	return wait, address, nil
}

// refuseLocked returns *ErrLockedOut while client or credential from it is
// locked out.
func (a *Authenticator) refuseLocked(ctx context.Context, client, credential string) error {
	wait, address, err := a.LockedFor(ctx, client, credential)
	if err != nil {
		return err
	}
	if wait <= 0 {
		return nil
	}
	a.m.AuthFailures.WithLabelValues("locked_out").Inc()
	return &ErrLockedOut{RetryAfter: wait, Address: address}
}

// Fail counts a failed authentication from client (with a reason for the
// metrics) in its window: for the address, and for credential from that
// address when credential is not "". The failure that reaches a scope's
// threshold locks that scope out, so the next request in it gets 429. Push
// connectors that check their own credentials count their failures here
// too.
func (a *Authenticator) Fail(ctx context.Context, client, credential, reason string) error {
	// Counted once the failure is (or could not be) recorded, so whoever
	// sees the metric finds the lockout state it reports (break 14's rule).
	defer a.m.AuthFailures.WithLabelValues(reason).Inc()
	scopes := a.scopes(client, credential)
	pipe := a.rdb.TxPipeline()
	counts := make([]*redis.IntCmd, len(scopes))
	for i, s := range scopes {
		counts[i] = pipe.Incr(ctx, failuresKey(s))
		pipe.ExpireNX(ctx, failuresKey(s), a.cfg.Window)
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("auth: count failure: %w", err)
	}
	pipe = a.rdb.TxPipeline()
	for i, s := range scopes {
		if counts[i].Val() >= int64(s.limit) {
			pipe.Set(ctx, lockKey(s), "1", a.cfg.Window)
			pipe.Del(ctx, failuresKey(s))
		}
	}
	if pipe.Len() == 0 {
		return nil
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("auth: lock out: %w", err)
	}
	return nil
}
