package main

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/store/storetest"
)

// proc is one jobgate serve process of the graceful-shutdown tests.
type proc struct {
	cmd    *exec.Cmd
	addr   string
	logs   *apptest.Logs
	exited chan struct{}
	err    error // the exit error, once exited is closed
}

// startProc starts `jobgate serve --role role` on addr with env and waits
// for its /healthz.
func startProc(t *testing.T, env []string, role, addr string) *proc {
	t.Helper()
	p := &proc{addr: addr, logs: &apptest.Logs{}, exited: make(chan struct{})}
	p.cmd = exec.Command(binary, "serve", "--role", role)
	p.cmd.Env = append(append(cleanEnv(), env...), "JOBGATE_ADDR="+addr)
	p.cmd.Stdout, p.cmd.Stderr = p.logs, p.logs
	require.NoError(t, p.cmd.Start())
	go func() { p.err = p.cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		<-p.exited
		if t.Failed() {
			t.Logf("%s %s logs:\n%s", role, addr, p.logs)
		}
	})
	require.Eventually(t, func() bool {
		select {
		case <-p.exited:
			return true
		default:
		}
		code, _, err := get("http://" + addr + "/healthz")
		return err == nil && code == http.StatusOK
	}, 60*time.Second, 50*time.Millisecond)
	select {
	case <-p.exited:
		t.Fatalf("serve --role %s exited at start: %v\n%s", role, p.err, p.logs)
	default:
	}
	return p
}

// signal sends sig to the process.
func (p *proc) signal(t *testing.T, sig syscall.Signal) {
	t.Helper()
	require.NoError(t, p.cmd.Process.Signal(sig))
}

// waitExit waits up to within for the process to end and returns its
// exit error (nil for status 0).
func (p *proc) waitExit(t *testing.T, within time.Duration) error {
	t.Helper()
	select {
	case <-p.exited:
		return p.err
	case <-time.After(within):
		t.Fatalf("still running %s after the signal:\n%s", within, p.logs)
		return nil
	}
}

// running reports whether the process has not exited.
func (p *proc) running() bool {
	select {
	case <-p.exited:
		return false
	default:
		return true
	}
}

// get fetches url on a fresh connection and returns the status and
// whether the answer said Connection: close.
func get(url string) (int, bool, error) {
	c := http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := c.Get(url)
	if err != nil {
		return 0, false, err
	}
	resp.Body.Close()
	return resp.StatusCode, resp.Header.Get("Connection") == "close" || resp.Close, nil
}

// refused reports whether a connection to addr is refused: the listener
// is closed.
func refused(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err == nil {
		c.Close()
		return false
	}
	return errors.Is(err, syscall.ECONNREFUSED)
}

// awaitNotReady polls addr's /readyz after a SIGTERM and requires that it
// answers 503 (with Connection: close) before its listener closes, and
// /healthz 200 at the same time.
func awaitNotReady(t *testing.T, addr string) {
	t.Helper()
	var code int
	for end := time.Now().Add(20 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		var err error
		code, _, err = get("http://" + addr + "/readyz")
		require.NoError(t, err, "the listener closed before /readyz answered 503")
		if code != http.StatusOK || time.Now().After(end) {
			break
		}
	}
	require.Equal(t, http.StatusServiceUnavailable, code)
	_, closing, err := get("http://" + addr + "/readyz")
	if err == nil { // the listener may close as soon as the delay ends
		require.True(t, closing, "answers say Connection: close while shutting down")
	}
	if hc, _, err := get("http://" + addr + "/healthz"); err == nil {
		require.Equal(t, http.StatusOK, hc, "/healthz stays 200 until the process exits")
	}
}

// awaitRefused waits for addr's listener to close.
func awaitRefused(t *testing.T, addr string) {
	t.Helper()
	require.Eventually(t, func() bool { return refused(addr) }, 60*time.Second, 10*time.Millisecond, "the listener did not close")
}

// slowRequest is a PUT of an ad whose body the test holds back: the
// handler has started (it asked for the body with 100 Continue) and waits.
type slowRequest struct {
	conn net.Conn
	br   *bufio.Reader
	body string
}

// startSlowPut sends the headers of PUT /v1/ads/ref and waits for the
// handler to ask for the body.
func startSlowPut(t *testing.T, addr, key, ref, title string) *slowRequest {
	t.Helper()
	body := fmt.Sprintf(`{"title":%q,"description":"<p>x</p>","employer":{"name":"Eksempel AS"}}`, title)
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	_, err = fmt.Fprintf(conn, "PUT /v1/ads/%s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\n"+
		"Content-Length: %d\r\nExpect: 100-continue\r\n\r\n", ref, addr, key, len(body))
	require.NoError(t, err)
	s := &slowRequest{conn: conn, br: bufio.NewReader(conn), body: body}
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(30*time.Second)))
	line, err := s.br.ReadString('\n')
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(line, "HTTP/1.1 100"), "the handler asks for the body: %q", line)
	blank, err := s.br.ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "\r\n", blank)
	return s
}

// finish sends the body and returns the answer's status and whether it
// said Connection: close.
func (s *slowRequest) finish(t *testing.T) (int, bool) {
	t.Helper()
	_, err := s.conn.Write([]byte(s.body))
	require.NoError(t, err, "the in-flight request's connection was cut")
	require.NoError(t, s.conn.SetReadDeadline(time.Now().Add(30*time.Second)))
	resp, err := http.ReadResponse(s.br, nil)
	require.NoError(t, err, "the in-flight request got no answer")
	resp.Body.Close()
	return resp.StatusCode, resp.Close
}

// prodEnv is the environment of a production-mode jobgate: a fresh
// database on JOBGATE_TEST_DATABASE_URL's server, migrated, and a Redis
// of the test's own (redis-server on a free port): asynq's keys have fixed
// names, so a shared server's databases, which other packages' tests use
// at the same time, cannot hold a worker's queues. It skips without
// JOBGATE_TEST_DATABASE_URL and JOBGATE_TEST_REDIS_URL (the sign that
// Postgres and Redis are installed here).
func prodEnv(t *testing.T) []string {
	t.Helper()
	db, rd := os.Getenv("JOBGATE_TEST_DATABASE_URL"), os.Getenv("JOBGATE_TEST_REDIS_URL")
	if db == "" || rd == "" {
		t.Skip("JOBGATE_TEST_DATABASE_URL and JOBGATE_TEST_REDIS_URL are not set")
	}
	env := []string{"DATABASE_URL=" + storetest.FreshDatabase(t, db), "REDIS_URL=" + startRedis(t),
		"JOBGATE_MASTER_KEY=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "JOBGATE_OUTBOUND_ALLOW=127.0.0.0/8"}
	_, errOut, err := cli(t, env, "migrate")
	require.NoError(t, err, errOut)
	return env
}

// startRedis runs a redis-server of the test's own and returns its URL.
func startRedis(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("redis-server is not installed (Debian package redis-server)")
		}
		t.Skip("redis-server is not installed")
	}
	addr := freeAddr(t)
	_, port, _ := net.SplitHostPort(addr)
	cmd := exec.Command(bin, "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
	logs := &apptest.Logs{}
	cmd.Stdout, cmd.Stderr = logs, logs
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	require.Eventually(t, func() bool { return redisAnswers(addr) }, 20*time.Second, 20*time.Millisecond, "redis-server: %s", logs)
	return "redis://" + addr + "/0"
}

// redisAnswers reports whether the Redis at addr answers PING.
func redisAnswers(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return false
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(time.Second))
	if _, err := c.Write([]byte("PING\r\n")); err != nil {
		return false
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	return err == nil && strings.HasPrefix(line, "+PONG")
}

// phases returns the shutdown's log messages ("shutdown: ...") in order.
func phases(logs string) []string {
	var out []string
	for _, l := range strings.Split(logs, "\n") {
		if i := strings.Index(l, `"msg":"shutdown: `); i >= 0 {
			msg := l[i+len(`"msg":"`):]
			out = append(out, msg[:strings.Index(msg, `"`)])
		}
	}
	return out
}

// requireOrder requires that each of want starts some phase, in order.
func requireOrder(t *testing.T, got []string, want ...string) {
	t.Helper()
	i := 0
	for _, g := range got {
		if i < len(want) && strings.HasPrefix(strings.TrimPrefix(g, "shutdown: "), want[i]) {
			i++
		}
	}
	require.Equal(t, len(want), i, "shutdown phases %q, want in order %q", got, want)
}
