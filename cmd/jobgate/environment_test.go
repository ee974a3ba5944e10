package main

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// testMasterKey is a valid JOBGATE_MASTER_KEY.
const testMasterKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="

// dbPassword is in every DATABASE_URL here: no message may repeat it.
const dbPassword = "s3cret-db-pw"

// commands is every command that opens the environment, with arguments
// that would be valid on a working one.
var commands = [][]string{
	{"serve"},
	{"migrate"},
	{"accounts", "create", "--name", "Eksempel AS"},
	{"integrations", "create", "--account", "acc_x", "--vendor", "generic"},
	{"integrations", "list"},
	{"integrations", "sync", "int_x"},
	{"keys", "issue", "--integration", "int_x"},
	{"keys", "rotate", "--integration", "int_x"},
	{"keys", "revoke", "--integration", "int_x"},
	{"keys", "list", "--integration", "int_x"},
	{"deliveries", "list"},
	{"deliveries", "replay", "--all-dead"},
	{"deliveries", "replay", "dlv_x"},
}

// brokenEnv is one broken environment: its variables, the setting the
// error must name, and whether jobgate must run as a user other than root
// (file modes do not stop root).
type brokenEnv struct {
	name      string
	env       []string
	names     string
	unprivate bool
}

// TestBrokenEnvironment runs every command against every broken
// environment (issue 13, break 11: these crashed with a nil pointer
// dereference): each exits with status 1 and one line on stderr naming
// what to fix, without a panic, a stack trace, a usage text or the
// database password, and within seconds. version needs nothing and works.
func TestBrokenEnvironment(t *testing.T) {
	for _, c := range brokenEnvironments(t) {
		t.Run(c.name, func(t *testing.T) {
			// The commands run at once: the slow cases wait on a timeout.
			results := make([]brokenRun, len(commands))
			var wg sync.WaitGroup
			for i, args := range commands {
				wg.Go(func() { results[i] = runBroken(t, c, args...) })
			}
			wg.Wait()
			for i, args := range commands {
				t.Run(strings.Join(args, " "), func(t *testing.T) {
					r := results[i]
					require.Less(t, r.took, 20*time.Second, "fails within seconds, not hangs")
					requireOneLineFailure(t, c, r)
				})
			}
			r := runBroken(t, c, "version")
			require.Equal(t, 0, r.code, "version needs nothing")
			require.Contains(t, r.out, "jobgate")
		})
	}
}

func requireOneLineFailure(t *testing.T, c brokenEnv, r brokenRun) {
	t.Helper()
	require.Equal(t, 1, r.code, "exit status; stderr: %s", r.errOut)
	require.Empty(t, strings.TrimSpace(r.out), "nothing on stdout")
	lines := strings.Split(strings.TrimSpace(r.errOut), "\n")
	require.Len(t, lines, 1, "one line on stderr: %s", r.errOut)
	require.True(t, strings.HasPrefix(lines[0], "jobgate: "), lines[0])
	require.Contains(t, lines[0], c.names, "names the setting to fix")
	for _, bad := range []string{"panic", "goroutine", "Usage:", dbPassword} {
		require.NotContains(t, r.errOut, bad)
	}
}

// brokenEnvironments sets up each case. The data directories live under a
// directory others may enter, for the cases run as another user.
func brokenEnvironments(t *testing.T) []brokenEnv {
	root, err := os.MkdirTemp("", "jobgate-broken")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(root) })
	require.NoError(t, os.Chmod(root, 0o711))
	dir := func(name string) string { return filepath.Join(root, name) }
	dataDir := func(name string) []string { return []string{"JOBGATE_DATA_DIR=" + dir(name)} }
	pg := func(addr string) []string {
		return []string{"DATABASE_URL=postgres://jobgate:" + dbPassword + "@" + addr + "/jobgate", "JOBGATE_MASTER_KEY=" + testMasterKey}
	}

	require.NoError(t, os.MkdirAll(dir("corrupt"), 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(dir("corrupt"), "jobgate.db"), bytes.Repeat([]byte("not sqlite "), 1000), 0o600))
	badKey := migrated(t, dir("badkey"))
	require.NoError(t, os.WriteFile(filepath.Join(badKey, "master.key"), []byte("not a key\n"), 0o600))
	roFile := migrated(t, dir("rofile"))
	require.NoError(t, os.Chmod(filepath.Join(roFile, "jobgate.db"), 0o400))
	roDir := migrated(t, dir("rodir"))
	require.NoError(t, os.Chmod(roDir, 0o500))
	noKey := migrated(t, dir("unreadablekey"))
	require.NoError(t, os.Chmod(filepath.Join(noKey, "master.key"), 0o000))
	for _, d := range []string{roFile, roDir, noKey} {
		ownForTest(t, d)
	}

	return []brokenEnv{
		{name: "postgres refused", env: pg(closedAddr(t)), names: "DATABASE_URL"},
		{name: "postgres silent", env: pg(silentAddr(t)), names: "DATABASE_URL"},
		{name: "redis refused", env: append([]string{"JOBGATE_DATA_DIR=" + migrated(t, dir("redis"))}, "REDIS_URL=redis://:"+dbPassword+"@"+closedAddr(t)+"/0"), names: "REDIS_URL"},
		{name: "sentinel refused", env: append([]string{"JOBGATE_DATA_DIR=" + migrated(t, dir("sentinel"))}, "REDIS_URL=redis-sentinel://:"+dbPassword+"@"+closedAddr(t)+","+closedAddr(t)+"/0?master=m"), names: "REDIS_URL"},
		{name: "sentinels refused", env: append([]string{"JOBGATE_DATA_DIR=" + migrated(t, dir("sentinels"))}, "JOBGATE_REDIS_SENTINELS="+closedAddr(t), "JOBGATE_REDIS_MASTER=m", "JOBGATE_REDIS_PASSWORD="+dbPassword), names: "JOBGATE_REDIS_SENTINELS"},
		{name: "cluster refused", env: append([]string{"JOBGATE_DATA_DIR=" + migrated(t, dir("cluster"))}, "REDIS_URL=redis-cluster://:"+dbPassword+"@"+closedAddr(t)), names: "REDIS_URL"},
		{name: "sqlite corrupt", env: dataDir("corrupt"), names: "JOBGATE_DATA_DIR"},
		{name: "sqlite file read-only", env: dataDir("rofile"), names: "JOBGATE_DATA_DIR", unprivate: true},
		{name: "data directory read-only", env: dataDir("rodir"), names: "JOBGATE_DATA_DIR", unprivate: true},
		{name: "master key missing", env: pg(closedAddr(t))[:1], names: "JOBGATE_MASTER_KEY"},
		{name: "master key corrupt", env: dataDir("badkey"), names: "master.key"},
		{name: "master key unreadable", env: dataDir("unreadablekey"), names: "master.key", unprivate: true},
	}
}

// migrated makes a working embedded data directory at dir.
func migrated(t *testing.T, dir string) string {
	_, errOut, err := cli(t, []string{"JOBGATE_DATA_DIR=" + dir}, "migrate")
	require.NoError(t, err, errOut)
	return dir
}

// nobody is the user the file-mode cases run as when the tests run as
// root.
const nobody = 65534

// ownForTest gives dir and its files to nobody when the tests run as root.
func ownForTest(t *testing.T, dir string) {
	if os.Geteuid() != 0 {
		return
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		require.NoError(t, os.Lchown(filepath.Join(dir, e.Name()), nobody, nobody))
	}
	require.NoError(t, os.Lchown(dir, nobody, nobody))
}

// brokenRun is what one command did.
type brokenRun struct {
	out, errOut string
	code        int
	took        time.Duration
}

// runBroken runs jobgate in case c. serve listens on a free port, and is
// stopped after 30 s should it start at all (then the exit status is -1).
func runBroken(t *testing.T, c brokenEnv, args ...string) brokenRun {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = append(append(cleanEnv(), c.env...), "JOBGATE_ADDR="+freeAddr(t))
	if c.unprivate && os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	err := cmd.Run()
	r := brokenRun{out: out.String(), errOut: errOut.String(), took: time.Since(start)}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		r.code = exit.ExitCode()
	} else if err != nil {
		r.code, r.errOut = -1, err.Error()
	}
	return r
}

// closedAddr is a loopback address nothing listens on.
func closedAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// silentAddr accepts connections and never answers, as a server that hangs
// (or a firewall that swallows the handshake) does.
func silentAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		<-done
		for _, c := range conns {
			c.Close()
		}
	})
	return ln.Addr().String()
}
