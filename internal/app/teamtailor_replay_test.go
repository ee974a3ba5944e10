package app_test

import (
	"context"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/queue"
	"github.com/jobgate/jobgate/internal/store"
)

const ttWebhook = "/connectors/teamtailor/webhook"

// TestTeamtailorReplay (break 9): a signed Teamtailor request is accepted
// once; its captured headers, replayed on the same request or used for a
// DELETE, are refused with 401 in Teamtailor's error shape and change
// nothing; a fresh signature is accepted.
func TestTeamtailorReplay(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		integ, _, tt := teamtailorTenant(t, s)
		ctx := context.Background()
		body := mustMarshal(t, teamtailorEvent(t))
		posted, err := tt.Headers(body, sim.None)
		require.NoError(t, err)
		r := s.Do(t, "POST", ttWebhook, body, posted...)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))

		for _, method := range []string{"POST", "PUT"} {
			r = s.Do(t, method, ttWebhook, body, posted...)
			requireSignatureRefused(t, r, "the same signed request again ("+method+")")
		}

		// A bodiless request's headers are valid for any bodiless request.
		validated, err := tt.Headers(nil, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, s.Do(t, "GET", "/connectors/teamtailor/validate", nil, validated...).Status)
		requireSignatureRefused(t, s.Do(t, "DELETE", ttWebhook+"/1", nil, validated...), "the validation's headers used for a DELETE")
		upper := append([]string{}, validated...)
		sig, mac, _ := strings.Cut(upper[1], "v1=")
		upper[1] = sig + "v1=" + strings.ToUpper(mac)
		requireSignatureRefused(t, s.Do(t, "DELETE", ttWebhook+"/1", nil, upper...), "the same signature in upper-case hex")
		ad, err := s.Env.Store.GetAd(ctx, integ, "1")
		require.NoError(t, err)
		require.NotEqual(t, store.AdWithdrawn, ad.Status, "no replay withdrew the ad")
		require.Equal(t, 1, ad.Revision, "no replay changed the ad")

		r2, err := tt.Delete(ctx, "1", sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r2.Status, "a fresh signature is accepted: %s", r2.Body)
		ad, err = s.Env.Store.GetAd(ctx, integ, "1")
		require.NoError(t, err)
		require.Equal(t, store.AdWithdrawn, ad.Status)
	})
}

func requireSignatureRefused(t *testing.T, r apptest.Response, what string) {
	t.Helper()
	require.Equal(t, http.StatusUnauthorized, r.Status, "%s: %s", what, r.Body)
	require.NotEmpty(t, r.JSON["errors"], "%s: Teamtailor's error shape", what)
}

// redisOutage makes the app's Redis client fail as an unreachable server
// does (connection refused), for every command or only those fails picks.
type redisOutage struct {
	down  atomic.Bool
	fails func(redis.Cmder) bool
}

var errRefused = &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}

func (o *redisOutage) hit(cmds ...redis.Cmder) bool {
	if !o.down.Load() {
		return false
	}
	for _, c := range cmds {
		if o.fails == nil || o.fails(c) {
			return true
		}
	}
	return false
}

func (o *redisOutage) DialHook(next redis.DialHook) redis.DialHook { return next }

func (o *redisOutage) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if o.hit(cmd) {
			cmd.SetErr(errRefused)
			return errRefused
		}
		return next(ctx, cmd)
	}
}

func (o *redisOutage) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if o.hit(cmds...) {
			for _, c := range cmds {
				c.SetErr(errRefused)
			}
			return errRefused
		}
		return next(ctx, cmds)
	}
}

// TestTeamtailorRedisUnreachable: while Redis cannot be reached, wholly or
// only the memory of used signatures, a correctly signed Teamtailor webhook
// is refused as retryable (503) and nothing is stored; never accepted
// unchecked.
func TestTeamtailorRedisUnreachable(t *testing.T) {
	for name, fails := range map[string]func(redis.Cmder) bool{
		"all of Redis": nil,
		"the signature memory": func(c redis.Cmder) bool {
			key, _ := c.Args()[min(1, len(c.Args())-1)].(string)
			return strings.HasPrefix(key, "jobgate:first-use:")
		},
	} {
		t.Run(name, func(t *testing.T) {
			apptest.Each(t, func(t *testing.T, m apptest.Mode) {
				outage := &redisOutage{fails: fails}
				s := apptest.Start(t, apptest.Config(t, m), app.Options{Ready: func(qc *queue.Conn) { qc.Redis.AddHook(outage) }})
				t.Cleanup(func() { outage.down.Store(false) })
				integ, _, tt := teamtailorTenant(t, s)
				outage.down.Store(true)
				r, err := tt.Post(context.Background(), teamtailorEvent(t), sim.None)
				require.NoError(t, err)
				require.Equal(t, http.StatusServiceUnavailable, r.Status, string(r.Body))
				require.NotEmpty(t, r.JSON()["errors"], "Teamtailor's error shape")
				_, err = s.Env.Store.GetAd(context.Background(), integ, "1")
				require.ErrorIs(t, err, store.ErrNotFound, "nothing was stored")
				outage.down.Store(false)
				r, err = tt.Post(context.Background(), teamtailorEvent(t), sim.None)
				require.NoError(t, err)
				require.Equal(t, http.StatusOK, r.Status, "accepted once Redis is back: %s", r.Body)
			})
		})
	}
}
