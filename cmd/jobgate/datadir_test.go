package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestNoDataDirIsRefused: a command run from the wrong directory worked on
// a new, empty database under ./data (issue 16, item 4). Every command but
// serve and migrate now exits 1 with "no jobgate data in ./data (set
// JOBGATE_DATA_DIR)" and creates nothing; migrate still sets the directory
// up, after which the same command works.
func TestNoDataDirIsRefused(t *testing.T) {
	wd := t.TempDir()
	run := func(args ...string) (string, string, error) {
		cmd := exec.Command(binary, args...)
		cmd.Env, cmd.Dir = cleanEnv(), wd
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		return out.String(), errOut.String(), err
	}
	for _, args := range [][]string{
		{"accounts", "list"},
		{"accounts", "create", "--name", "Eksempel AS"},
		{"integrations", "list"},
		{"keys", "list", "--integration", "int_x"},
		{"deliveries", "list"},
		{"users", "list", "--account", "acc_x"},
		{"operators", "list"},
	} {
		out, errOut, err := run(args...)
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit, "%v", args)
		require.Equal(t, 1, exit.ExitCode(), "%v", args)
		require.Equal(t, "jobgate: no jobgate data in ./data (set JOBGATE_DATA_DIR)\n", errOut, "%v", args)
		require.Empty(t, out, "%v", args)
		_, statErr := os.Stat(filepath.Join(wd, "data"))
		require.ErrorIs(t, statErr, os.ErrNotExist, "%v created the data directory", args)
	}
	// An existing but empty directory is refused too: no database in it.
	empty := t.TempDir()
	_, errOut, err := cli(t, []string{"JOBGATE_DATA_DIR=" + empty}, "accounts", "list")
	require.Error(t, err)
	require.Contains(t, errOut, "no jobgate data in "+empty+" (set JOBGATE_DATA_DIR)")
	entries, err := os.ReadDir(empty)
	require.NoError(t, err)
	require.Empty(t, entries, "nothing is created in it")

	_, errOut, err = run("migrate")
	require.NoError(t, err, errOut)
	_, errOut, err = run("accounts", "list")
	require.NoError(t, err, errOut)
}
