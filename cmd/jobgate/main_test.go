package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// binary is jobgate built once for these tests, which drive it as a user
// would: through the CLI and over HTTP, killing and restarting it.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "jobgate-cli")
	if err != nil {
		panic(err)
	}
	// Others may run it: TestBrokenEnvironment runs it as nobody when root.
	if err := os.Chmod(dir, 0o755); err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "jobgate")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// cli runs jobgate embedded on dataDir and returns stdout, stderr and the
// exit error.
func cli(t *testing.T, env []string, args ...string) (string, string, error) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(cleanEnv(), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	return out.String(), errOut.String(), err
}

// cleanEnv is the process environment without jobgate's variables, so a
// developer's shell cannot point the tests at a real database.
func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "JOBGATE_") && !strings.HasPrefix(kv, "DATABASE_URL=") && !strings.HasPrefix(kv, "REDIS_URL=") {
			out = append(out, kv)
		}
	}
	return out
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// created runs a creating command and returns the last line of stdout.
func created(t *testing.T, env []string, args ...string) string {
	t.Helper()
	out, errOut, err := cli(t, env, args...)
	require.NoError(t, err, "jobgate %v: %s", args, errOut)
	id := lastLine(out)
	require.NotEmpty(t, id)
	return id
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	return ln.Addr().String()
}

// serve starts jobgate serve and waits for /healthz.
func serve(t *testing.T, env []string, addr string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(binary, "serve")
	cmd.Env = append(append(cleanEnv(), env...), "JOBGATE_ADDR="+addr, "JOBGATE_RECONCILE_INTERVAL=200ms")
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _, _ = cmd.Process.Wait() })
	waitHealthy(t, addr, &logs)
	return cmd
}

// waitHealthy waits for the jobgate at addr to answer /healthz; logs is
// shown if it does not.
func waitHealthy(t *testing.T, addr string, logs fmt.Stringer) {
	t.Helper()
	require.Eventually(t, func() bool {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}, 20*time.Second, 50*time.Millisecond, "serve did not come up: %s", logs)
}

func put(t *testing.T, addr, key, ref, title string) int {
	body := fmt.Sprintf(`{"title":%q,"description":"<p>x</p>","employer":{"name":"Eksempel AS"}}`, title)
	req, _ := http.NewRequest("PUT", "http://"+addr+"/v1/ads/"+ref, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode
}

func listedTitles(t *testing.T, addr string) map[string]bool {
	out := map[string]bool{}
	cursor := ""
	for {
		resp, err := http.Get("http://" + addr + "/v1/jobs?limit=100&cursor=" + cursor)
		if err != nil {
			return out
		}
		var page struct {
			Jobs []struct {
				Title string `json:"title"`
			} `json:"jobs"`
			NextCursor string `json:"next_cursor"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		for _, j := range page.Jobs {
			out[j.Title] = true
		}
		if page.NextCursor == "" {
			return out
		}
		cursor = page.NextCursor
	}
}

func TestCLIErrors(t *testing.T) {
	env := []string{"JOBGATE_DATA_DIR=" + migrated(t, t.TempDir())}
	for _, c := range []struct {
		name string
		env  []string
		args []string
		want string
	}{
		{"unknown account", env, []string{"integrations", "create", "--account", "acc_missing", "--vendor", "generic"}, "not found"},
		{"unknown vendor", env, []string{"integrations", "create", "--account", "acc_x", "--vendor", "nope"}, "unknown vendor"},
		{"no name", env, []string{"accounts", "create"}, "--name is required"},
		{"bad setting", env, []string{"integrations", "create", "--account", "a", "--vendor", "generic", "--set", "novalue"}, "key=value"},
		{"bad config", append(env, "JOBGATE_ADDR=nonsense"), []string{"serve"}, "JOBGATE_ADDR"},
		{"bad database url", append(env, "DATABASE_URL=mysql://x"), []string{"migrate"}, "DATABASE_URL"},
		{"replay needs a target", env, []string{"deliveries", "replay"}, "--all-dead"},
		{"worker role embedded", env, []string{"serve", "--role", "worker"}, "REDIS_URL"},
	} {
		out, errOut, err := cli(t, c.env, c.args...)
		require.Error(t, err, c.name)
		require.Contains(t, errOut, c.want, c.name)
		require.Empty(t, strings.TrimSpace(out), c.name+": errors go to stderr only")
	}
	out, _, err := cli(t, env, "version")
	require.NoError(t, err)
	require.Contains(t, out, "jobgate")
}

// TestSIGKILLAndRestart kills an embedded jobgate right after it accepted
// ads and checks that, restarted, it has every ad and finishes every
// delivery.
func TestSIGKILLAndRestart(t *testing.T) {
	env := []string{"JOBGATE_DATA_DIR=" + migrated(t, t.TempDir())}
	acc := created(t, env, "accounts", "create", "--name", "Eksempel AS")
	integ := created(t, env, "integrations", "create", "--account", acc, "--vendor", "generic", "--set", "privacy_url=https://employer.example/privacy")
	key := created(t, env, "keys", "issue", "--integration", integ)
	require.True(t, strings.HasPrefix(key, "jg_key_"))
	out, _, err := cli(t, env, "keys", "list", "--integration", integ)
	require.NoError(t, err)
	require.NotContains(t, out, key[len("jg_key_")+27:], "keys list never shows a secret")

	addr := freeAddr(t)
	srv := serve(t, env, addr)
	const n = 40
	for i := range n {
		require.Equal(t, http.StatusCreated, put(t, addr, key, fmt.Sprintf("r%d", i), fmt.Sprintf("Killed %d", i)))
	}
	require.NoError(t, srv.Process.Signal(syscall.SIGKILL))
	_, _ = srv.Process.Wait()

	srv = serve(t, env, addr)
	require.Eventually(t, func() bool { return len(listedTitles(t, addr)) == n }, 20*time.Second, 100*time.Millisecond,
		"every accepted ad is on the board after the restart")
	require.Eventually(t, func() bool {
		out, _, err := cli(t, env, "deliveries", "list", "--state", "pending")
		return err == nil && len(strings.Split(strings.TrimSpace(out), "\n")) == 1
	}, 20*time.Second, 100*time.Millisecond, "no delivery stays pending")

	require.NoError(t, srv.Process.Signal(syscall.SIGTERM))
	done := make(chan error, 1)
	go func() { done <- srv.Wait() }()
	select {
	case err := <-done:
		require.NoError(t, err, "SIGTERM is a clean exit")
	case <-time.After(30 * time.Second):
		t.Fatal("jobgate did not stop within 30 s of SIGTERM")
	}
}
