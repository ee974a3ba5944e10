package main

import (
	"bufio"
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

// TestDemoCommand runs `jobgate demo --addr A --sim-addr B` as a user
// does, from a directory of its own with JOBGATE_DATA_DIR and DATABASE_URL
// set (which the demo must ignore): it serves at the given addresses in a
// temporary data directory, and Ctrl-C (SIGINT) ends it with exit status
// 0, the temporary directory removed and nothing written to ./data or
// JOBGATE_DATA_DIR (issue 16, item 3).
func TestDemoCommand(t *testing.T) {
	wd, tmp := t.TempDir(), t.TempDir()
	elsewhere := filepath.Join(t.TempDir(), "not-for-the-demo")
	addr, simAddr := freeAddr(t), freeAddr(t)
	cmd := exec.Command(binary, "demo", "--addr", addr, "--sim-addr", simAddr)
	cmd.Dir = wd
	cmd.Env = append(cleanEnv(), "TMPDIR="+tmp, "JOBGATE_DATA_DIR="+elsewhere, "DATABASE_URL=postgres://nobody@127.0.0.1:1/none")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill() })

	lines := make(chan string)
	go func() {
		defer close(lines)
		for sc := bufio.NewScanner(stdout); sc.Scan(); {
			lines <- sc.Text()
		}
	}()
	var printed []string
	timeout := time.After(2 * time.Minute)
	for ready := false; !ready; {
		select {
		case l, ok := <-lines:
			require.True(t, ok, "the demo ended before it was ready:\n%s", strings.Join(printed, "\n"))
			printed = append(printed, l)
			ready = l == "Try (copy and paste):"
		case <-timeout:
			t.Fatalf("no walk-through within 2 minutes:\n%s", strings.Join(printed, "\n"))
		}
	}
	out := strings.Join(printed, "\n")
	require.Contains(t, out, "  board (API):  http://"+addr+"/v1/jobs")
	require.Contains(t, out, "  ATS simulator (received):  http://"+simAddr+"/_sim/received")
	resp, err := http.Get("http://" + addr + "/v1/jobs")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	demoDirs, err := filepath.Glob(filepath.Join(tmp, "jobgate-demo-*"))
	require.NoError(t, err)
	require.Len(t, demoDirs, 1, "the demo keeps its data in a temporary directory")

	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	for range lines { // the rest of stdout, until the demo closes it
	}
	require.NoError(t, cmd.Wait(), "Ctrl-C ends the demo with exit status 0")
	require.NoDirExists(t, demoDirs[0], "the temporary data directory is removed")
	for _, dir := range []string{filepath.Join(wd, "data"), elsewhere} {
		_, err := os.Stat(dir)
		require.ErrorIs(t, err, os.ErrNotExist, "the demo wrote nothing to %s", dir)
	}
}
