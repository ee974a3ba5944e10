package main

import (
	"errors"
	"net/http"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// embeddedTenant sets up an embedded data directory with a generic
// integration and returns its environment and the integration's key.
func embeddedTenant(t *testing.T, extra ...string) ([]string, string) {
	env := append([]string{"JOBGATE_DATA_DIR=" + migrated(t, t.TempDir())}, extra...)
	acc := created(t, env, "accounts", "create", "--name", "Eksempel AS")
	integ := created(t, env, "integrations", "create", "--account", acc, "--vendor", "generic")
	return env, created(t, env, "keys", "issue", "--integration", integ)
}

// TestGracefulStopEmbedded: SIGTERM on `serve --role all` (SQLite, the
// in-process queue) turns /readyz to 503 while the listener still accepts
// (JOBGATE_SHUTDOWN_DELAY), then closes the listener, lets the request in
// flight finish (its ad is kept), and exits 0, logging each phase.
func TestGracefulStopEmbedded(t *testing.T) {
	env, key := embeddedTenant(t, "JOBGATE_SHUTDOWN_DELAY=2s", "JOBGATE_SHUTDOWN_TIMEOUT=30s")
	addr := freeAddr(t)
	p := startProc(t, env, "all", addr)
	require.Equal(t, http.StatusCreated, put(t, addr, key, "before", "Before the stop"))
	slow := startSlowPut(t, addr, key, "slow", "In flight at the stop")

	p.signal(t, syscall.SIGTERM)
	awaitNotReady(t, addr)
	awaitRefused(t, addr)
	require.True(t, p.running(), "the process waits for the request in flight")
	code, closing := slow.finish(t)
	require.Equal(t, http.StatusCreated, code, "the request in flight completes")
	require.True(t, closing, "and its connection closes after it")
	require.NoError(t, p.waitExit(t, 30*time.Second), "a graceful stop exits 0")
	logs := p.logs.String()
	// The worker stops beside the API's steps, before the dispatcher drains.
	requireOrder(t, phases(logs), "not ready", "worker takes no new tasks", "still accepting", "listener closed",
		"in-flight requests finished", "enqueueing", "done")
	requireOrder(t, phases(logs), "worker stopped", "enqueueing")
	require.NotContains(t, logs, `"level":"ERROR"`, "a graceful stop logs no error (a 503 from /readyz is expected)")
	require.NotContains(t, logs, "left for the reconciler")

	startProc(t, env, "all", addr)
	require.Eventually(t, func() bool {
		got := listedTitles(t, addr)
		return got["Before the stop"] && got["In flight at the stop"]
	}, 30*time.Second, 100*time.Millisecond, "both ads are on the board after the restart")
}

// TestSecondSignalForcesExit: a second SIGTERM while the shutdown waits
// for a request in flight ends the process at once with status 143.
func TestSecondSignalForcesExit(t *testing.T) {
	env, key := embeddedTenant(t, "JOBGATE_SHUTDOWN_TIMEOUT=5m")
	addr := freeAddr(t)
	p := startProc(t, env, "all", addr)
	slow := startSlowPut(t, addr, key, "slow", "Never finished")
	_ = slow

	p.signal(t, syscall.SIGTERM)
	awaitRefused(t, addr)
	require.True(t, p.running(), "the first signal waits for the request in flight")
	p.signal(t, syscall.SIGTERM)
	err := p.waitExit(t, 20*time.Second)
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "exit: %v", err)
	require.Equal(t, 128+int(syscall.SIGTERM), exit.ExitCode())
	require.Contains(t, p.logs.String(), "second signal, stopping at once")
}
