package queuetest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// The ports the Sentinel and Cluster set-ups listen on (a Cluster node's
// bus port is its port + 10000). Tests in several packages start them, and
// go test runs packages at once: a lock file makes them take turns.
const (
	MasterPort    = 6391
	ReplicaPort   = 6392
	SentinelPort0 = 6393 // and the next two
	ClusterPort0  = 6396 // and the next two
)

// lockPath is where set-ups of every test process take turns.
var lockPath = filepath.Join(os.TempDir(), "jobgate-redis-ha.lock")

// Binary returns the path of a Redis program (redis-server, redis-cli).
// When it is missing the test fails in CI (CI=true) and is skipped
// elsewhere.
func Binary(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s not found: install Debian's redis-server (redis-cli is in redis-tools, a dependency)", name)
	}
	t.Skipf("%s not found (install redis-server); skipped outside CI", name)
	return ""
}

// takeTurn holds the set-ups' lock until the test ends.
func takeTurn(t testing.TB) {
	t.Helper()
	f, err := os.OpenFile(lockPath, os.O_CREATE|os.O_RDWR, 0o666)
	require.NoError(t, err)
	require.NoError(t, syscall.Flock(int(f.Fd()), syscall.LOCK_EX))
	t.Cleanup(func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	})
}

// server is one redis-server process the test started.
type server struct {
	port int
	cmd  *exec.Cmd
	log  *LockedBuffer
}

// LockedBuffer is a process's output, read while the process writes it
// (tests that start processes keep their logs in one).
type LockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write implements io.Writer.
func (l *LockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// String returns what was written so far.
func (l *LockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServer runs redis-server with args (a config file first, or
// options) in the foreground, stopped when the test ends, and waits until
// it answers PING (with password when set).
func startServer(t testing.TB, port int, password string, args ...string) *server {
	t.Helper()
	requireFreePort(t, port)
	cmd := exec.Command(Binary(t, "redis-server"), args...)
	log := &LockedBuffer{}
	cmd.Stdout, cmd.Stderr = log, log
	require.NoError(t, cmd.Start())
	s := &server{port: port, cmd: cmd, log: log}
	t.Cleanup(s.kill)
	rc := redis.NewClient(&redis.Options{Addr: s.Addr(), Password: password, MaxRetries: -1})
	defer rc.Close()
	Eventually(t, 10*time.Second, func() error { return rc.Ping(context.Background()).Err() },
		"redis-server on port %d did not answer: %s", port, log)
	return s
}

// Addr is the server's address.
func (s *server) Addr() string { return "127.0.0.1:" + strconv.Itoa(s.port) }

func (s *server) kill() {
	if s.cmd.ProcessState == nil {
		_ = s.cmd.Process.Kill()
		_ = s.cmd.Wait()
	}
}

// requireFreePort fails when something (a server another run left behind)
// holds port: the test would talk to it instead.
func requireFreePort(t testing.TB, port int) {
	t.Helper()
	rc := redis.NewClient(&redis.Options{Addr: "127.0.0.1:" + strconv.Itoa(port), MaxRetries: -1, DialTimeout: time.Second})
	defer rc.Close()
	err := rc.Ping(context.Background()).Err()
	if err == nil || !isRefused(err) {
		t.Fatalf("port %d is taken (%v): stop what listens there", port, err)
	}
}

func isRefused(err error) bool {
	return err != nil && bytes.Contains([]byte(err.Error()), []byte("connection refused"))
}

// Eventually calls fn until it returns nil, failing the test with msg and
// fn's last error when within does not see it.
func Eventually(t testing.TB, within time.Duration, fn func() error, msg string, args ...any) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		err := fn()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s (after %s: %v)", fmt.Sprintf(msg, args...), within, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
