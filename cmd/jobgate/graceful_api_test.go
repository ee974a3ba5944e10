package main

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestRollingRestartAPI restarts both API replicas of a production
// jobgate (Postgres, Redis, `--role api` twice and a worker), one after the
// other, with SIGTERM, under a stream of ad upserts from a client behind a
// balancer that follows /readyz and retries connection errors: no request
// fails, each replica's /readyz answers 503 before its listener closes, a
// request in flight at the SIGTERM completes, and every accepted ad reaches
// the board although the worker's reconciler never runs (each stopping API
// enqueued what it had committed).
func TestRollingRestartAPI(t *testing.T) {
	env := prodEnv(t)
	acc := created(t, env, "accounts", "create", "--name", "Eksempel AS")
	integ := created(t, env, "integrations", "create", "--account", acc, "--vendor", "generic")
	key := created(t, env, "keys", "issue", "--integration", integ)
	env = append(env, "JOBGATE_RECONCILE_INTERVAL=1h", "JOBGATE_SHUTDOWN_DELAY=2s", "JOBGATE_SHUTDOWN_TIMEOUT=20s")
	startProc(t, env, "worker", freeAddr(t))
	addrs := []string{freeAddr(t), freeAddr(t)}
	apis := []*proc{startProc(t, env, "api", addrs[0]), startProc(t, env, "api", addrs[1])}

	b := newBalancer(addrs...)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go b.watch(ctx)
	var mu sync.Mutex
	var titles []string
	var load sync.WaitGroup
	for g := range 4 {
		load.Go(func() {
			for n := 0; ctx.Err() == nil; n++ {
				title := fmt.Sprintf("Rolling %d-%d", g, n)
				body := fmt.Sprintf(`{"title":%q,"description":"<p>x</p>","employer":{"name":"Eksempel AS"}}`, title)
				if b.put(fmt.Sprintf("/v1/ads/rolling-%d-%d", g, n), key, body) {
					mu.Lock()
					titles = append(titles, title)
					mu.Unlock()
				}
			}
		})
	}
	moreRequests := func() {
		from := b.requests.Load()
		require.Eventually(t, func() bool { return b.requests.Load() >= from+20 }, 60*time.Second, 10*time.Millisecond)
	}

	for i, addr := range addrs {
		moreRequests()
		slow := startSlowPut(t, addr, key, fmt.Sprintf("slow-%d", i), fmt.Sprintf("In flight %d", i))
		apis[i].signal(t, syscall.SIGTERM)
		awaitNotReady(t, addr)
		awaitRefused(t, addr)
		require.True(t, apis[i].running(), "replica %d waits for its request in flight", i)
		code, _ := slow.finish(t)
		require.Equal(t, http.StatusCreated, code, "the request in flight at the SIGTERM completes")
		require.NoError(t, apis[i].waitExit(t, 60*time.Second))
		logs := apis[i].logs.String()
		requireOrder(t, phases(logs), "not ready", "still accepting", "listener closed", "in-flight requests finished", "enqueueing", "done")
		require.NotContains(t, logs, "left for the reconciler")
		require.NotContains(t, logs, `"level":"ERROR"`)
		mu.Lock()
		titles = append(titles, fmt.Sprintf("In flight %d", i))
		mu.Unlock()

		apis[i] = startProc(t, env, "api", addr)
		require.Eventually(t, func() bool { return b.inRotation(i) }, 30*time.Second, 10*time.Millisecond)
	}
	moreRequests()
	stop()
	load.Wait()

	failures, worst := b.report()
	require.Empty(t, failures, "requests failed during the rolling restart")
	t.Logf("rolling restart of 2 API replicas: %d requests, %d connection errors retried, 0 failed, slowest %s",
		b.requests.Load(), b.retries.Load(), worst)
	mu.Lock()
	want := append([]string(nil), titles...)
	mu.Unlock()
	var missing []string
	require.Eventually(t, func() bool {
		listed := listedTitles(t, addrs[0])
		missing = missing[:0]
		for _, title := range want {
			if !listed[title] {
				missing = append(missing, title)
			}
		}
		return len(missing) == 0
	}, 60*time.Second, 500*time.Millisecond, "accepted ads never reached the board: %v", missing)
}
