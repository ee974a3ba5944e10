package auth_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/auth"
	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/queue/queuetest"
)

// address is a client address no other test run uses.
func address(t *testing.T) string {
	return "192.0.2." + t.Name() + "." + strconv.FormatInt(time.Now().UnixNano(), 36)
}

func locked(t *testing.T, a *auth.Authenticator, client, credential string) (bool, bool) {
	t.Helper()
	wait, address, err := a.LockedFor(context.Background(), client, credential)
	require.NoError(t, err)
	return wait > 0, address
}

// TestLockoutScopes: failures of one credential lock out that credential
// from that address only; failures of any kind past the higher address
// threshold lock out the address for every credential; both end with the
// window.
func TestLockoutScopes(t *testing.T) {
	queuetest.Each(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		a := auth.New(nil, rdb, metrics.New(), auth.Config{MaxFailures: 3, MaxAddressFailures: 6, Window: 3 * time.Second})
		shared, other := address(t), address(t)+"-other"
		for range 2 {
			require.NoError(t, a.Fail(ctx, shared, "key_A", "wrong_secret"))
		}
		l, _ := locked(t, a, shared, "key_A")
		require.False(t, l, "two failures are under the threshold")
		require.NoError(t, a.Fail(ctx, shared, "key_A", "wrong_secret"))
		l, addr := locked(t, a, shared, "key_A")
		require.True(t, l, "the third failure locks key_A out from the address")
		require.False(t, addr, "for key_A only")
		for _, c := range []struct{ client, credential string }{{shared, "key_B"}, {shared, ""}, {other, "key_A"}} {
			l, _ := locked(t, a, c.client, c.credential)
			require.False(t, l, "%+v is not locked out", c)
		}

		for range 3 { // names no credential: counts for the address only
			require.NoError(t, a.Fail(ctx, shared, "", "malformed"))
		}
		l, addr = locked(t, a, shared, "key_B")
		require.True(t, l, "six failures lock out the address")
		require.True(t, addr, "the address is why")
		l, _ = locked(t, a, other, "key_B")
		require.False(t, l)

		require.Eventually(t, func() bool {
			la, _ := locked(t, a, shared, "key_A")
			lb, _ := locked(t, a, shared, "key_B")
			return !la && !lb
		}, 10*time.Second, 50*time.Millisecond, "both lockouts end with the window")
	})
}

// TestOperatorCountedLikeAKey: wrong operator tokens lock out the operator
// token from that address, the right one included; an empty configured
// token never matches.
func TestOperatorCountedLikeAKey(t *testing.T) {
	queuetest.Each(t, func(t *testing.T, rdb redis.UniversalClient) {
		ctx := context.Background()
		a := auth.New(nil, rdb, metrics.New(), auth.Config{MaxFailures: 3, Window: time.Minute})
		client := address(t)
		var unauth *auth.ErrUnauthorized
		require.ErrorAs(t, a.Operator(ctx, client, "Bearer ", ""), &unauth, "an empty token never matches")
		require.NoError(t, a.Operator(ctx, client, "Bearer op-token", "op-token"))
		for range 2 {
			require.ErrorAs(t, a.Operator(ctx, client, "Bearer guess", "op-token"), &unauth)
		}
		var lockedOut *auth.ErrLockedOut
		err := a.Operator(ctx, client, "Bearer op-token", "op-token")
		require.True(t, errors.As(err, &lockedOut), "three failures lock it out: %v", err)
		require.False(t, lockedOut.Address)
		require.NoError(t, a.Operator(ctx, client+"-other", "Bearer op-token", "op-token"), "only from that address")
	})
}
