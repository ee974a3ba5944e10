package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// underUmask runs jobgate with args under the given umask (through sh, as
// a login shell would set it).
func underUmask(umask string, env []string, args ...string) *exec.Cmd {
	cmd := exec.Command("sh", append([]string{"-c", "umask " + umask + `; exec "$0" "$@"`, binary}, args...)...)
	cmd.Env = append(cleanEnv(), env...)
	return cmd
}

func requireMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	st, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, want, st.Mode().Perm(), "%s", path)
}

// TestFileModes (issue 13, break 12): whatever the umask, the data
// directory jobgate creates is 0700, and the database, its -wal and -shm
// files and master.key are 0600; files an older version left readable by
// others are tightened; an existing open directory is left as it is, with
// a warning.
func TestFileModes(t *testing.T) {
	for _, umask := range []string{"000", "022", "277"} {
		t.Run("umask "+umask, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			env := []string{"JOBGATE_DATA_DIR=" + dir}
			out, err := underUmask(umask, env, "migrate").CombinedOutput()
			require.NoError(t, err, "%s", out)
			requireMode(t, dir, 0o700)
			requireMode(t, filepath.Join(dir, "jobgate.db"), 0o600)
			requireMode(t, filepath.Join(dir, "master.key"), 0o600)

			addr := freeAddr(t)
			srv := underUmask(umask, append(env, "JOBGATE_ADDR="+addr), "serve")
			var logs bytes.Buffer
			srv.Stdout, srv.Stderr = &logs, &logs
			require.NoError(t, srv.Start())
			t.Cleanup(func() { _ = srv.Process.Kill(); _, _ = srv.Process.Wait() })
			waitHealthy(t, addr, &logs)
			for _, f := range []string{"jobgate.db-wal", "jobgate.db-shm"} {
				requireMode(t, filepath.Join(dir, f), 0o600)
			}
		})
	}
}

// TestFileModesTightened: an older version's 0644 database and key file
// are made 0600; the data directory the operator made is not changed, and
// a warning names JOBGATE_DATA_DIR.
func TestFileModesTightened(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	env := []string{"JOBGATE_DATA_DIR=" + dir}
	_, errOut, err := cli(t, env, "migrate")
	require.NoError(t, err, errOut)
	require.NoError(t, os.Chmod(dir, 0o755))
	for _, f := range []string{"jobgate.db", "master.key"} {
		require.NoError(t, os.Chmod(filepath.Join(dir, f), 0o644))
	}
	_, errOut, err = cli(t, env, "migrate")
	require.NoError(t, err, errOut)
	requireMode(t, filepath.Join(dir, "jobgate.db"), 0o600)
	requireMode(t, filepath.Join(dir, "master.key"), 0o600)
	requireMode(t, dir, 0o755)
	require.Contains(t, errOut, "JOBGATE_DATA_DIR")
	require.Contains(t, errOut, "chmod 700")
}
