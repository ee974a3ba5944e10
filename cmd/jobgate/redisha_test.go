package main

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/queue/queuetest"
	"github.com/jobgate/jobgate/internal/store/storetest"
)

// TestServeOnSentinel runs `jobgate serve --role all` on Postgres and a
// real Sentinel set-up, first through REDIS_URL's redis-sentinel:// form,
// then through JOBGATE_REDIS_SENTINELS and JOBGATE_REDIS_MASTER, and fails
// the master over under it: every ad PUT before and after reaches the
// board (through the queue).
func TestServeOnSentinel(t *testing.T) {
	db := postgresForTest(t)
	set := queuetest.StartSentinel(t)
	base := []string{"DATABASE_URL=" + db, "JOBGATE_MASTER_KEY=" + testMasterKey,
		"JOBGATE_REDIS_SENTINEL_PASSWORD=" + set.SentinelPassword}
	byURL := append(base, "REDIS_URL="+set.URL(3))
	key := boardKey(t, byURL)

	addr := freeAddr(t)
	srv := serveAll(t, byURL, addr)
	putAndSee(t, addr, key, "Sentinel URL")
	usesRedis(t, redis.NewClient(&redis.Options{Addr: set.Master, Password: set.Password, DB: 3}))
	stop(t, srv)

	bySettings := append(base, "JOBGATE_REDIS_SENTINELS="+strings.Join(set.Sentinels, ","),
		"JOBGATE_REDIS_MASTER="+set.MasterName, "JOBGATE_REDIS_PASSWORD="+set.Password)
	serveAll(t, bySettings, addr)
	putAndSee(t, addr, key, "Sentinel settings")
	set.Failover(t)
	putAndSee(t, addr, key, "After the failover")
	usesRedis(t, redis.NewClient(&redis.Options{Addr: set.Master, Password: set.Password}))
	require.True(t, listedTitles(t, addr)["Sentinel URL"], "the ads from before stay listed")
}

// TestServeOnCluster runs `jobgate serve --role all` on Postgres and a
// real three-master Redis Cluster: an ad PUT reaches the board.
func TestServeOnCluster(t *testing.T) {
	db := postgresForTest(t)
	set := queuetest.StartCluster(t)
	env := []string{"DATABASE_URL=" + db, "JOBGATE_MASTER_KEY=" + testMasterKey, "REDIS_URL=" + set.URL()}
	key := boardKey(t, env)
	addr := freeAddr(t)
	serveAll(t, env, addr)
	putAndSee(t, addr, key, "Cluster ad")
	usesRedis(t, redis.NewClusterClient(&redis.ClusterOptions{Addrs: set.Nodes, Password: set.Password}))
}

// usesRedis checks that a jobgate worker keeps its queues in rc (closed
// here): its asynq servers beat there, not in an in-process Redis.
func usesRedis(t *testing.T, rc redis.UniversalClient) {
	t.Helper()
	defer rc.Close()
	queuetest.Eventually(t, 10*time.Second, func() error {
		n, err := rc.ZCard(t.Context(), "asynq:servers").Result()
		if err != nil || n == 0 {
			return fmt.Errorf("%d asynq servers: %v", n, err)
		}
		return nil
	}, "jobgate's worker does not run on this Redis")
}

// postgresForTest is a fresh, migrated database on the test Postgres. Without
// one the test fails in CI and is skipped elsewhere.
func postgresForTest(t *testing.T) string {
	t.Helper()
	url := os.Getenv("JOBGATE_TEST_DATABASE_URL")
	if url == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("JOBGATE_TEST_DATABASE_URL is not set")
		}
		t.Skip("JOBGATE_TEST_DATABASE_URL is not set")
	}
	db := storetest.FreshDatabase(t, url)
	_, errOut, err := cli(t, []string{"DATABASE_URL=" + db, "JOBGATE_MASTER_KEY=" + testMasterKey}, "migrate")
	require.NoError(t, err, errOut)
	return db
}

// boardKey creates an account, a generic integration and a key through
// the CLI (which checks Redis too) and returns the key.
func boardKey(t *testing.T, env []string) string {
	t.Helper()
	acc := created(t, env, "accounts", "create", "--name", "Eksempel AS")
	integ := created(t, env, "integrations", "create", "--account", acc, "--vendor", "generic", "--set", "privacy_url=https://employer.example/privacy")
	return created(t, env, "keys", "issue", "--integration", integ)
}

// serveAll starts `jobgate serve --role all` on env and waits for
// /healthz; it is killed when the test ends.
func serveAll(t *testing.T, env []string, addr string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(binary, "serve", "--role", "all")
	cmd.Env = append(append(cleanEnv(), env...), "JOBGATE_ADDR="+addr, "JOBGATE_RECONCILE_INTERVAL=200ms")
	logs := &queuetest.LockedBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _, _ = cmd.Process.Wait() })
	waitHealthy(t, addr, logs)
	return cmd
}

// stop ends a jobgate with SIGTERM and waits for its clean exit.
func stop(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		require.NoError(t, err, "SIGTERM is a clean exit")
	case <-time.After(30 * time.Second):
		t.Fatal("jobgate did not stop within 30 s of SIGTERM")
	}
}

// putAndSee PUTs an ad titled title and waits until the board lists it.
func putAndSee(t *testing.T, addr, key, title string) {
	t.Helper()
	ref := strings.ReplaceAll(strings.ToLower(title), " ", "-")
	require.Equal(t, http.StatusCreated, put(t, addr, key, ref, title))
	queuetest.Eventually(t, 20*time.Second, func() error {
		if !listedTitles(t, addr)[title] {
			return fmt.Errorf("%q not listed", title)
		}
		return nil
	}, "the ad PUT reaches the board")
}
