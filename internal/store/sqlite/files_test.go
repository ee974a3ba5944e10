package sqlite_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/store/sqlite"
)

// TestOpenRefusesAForeignFile: a file that is not a SQLite database is
// refused with a message saying so (it used to come back as a nil
// *sqlstore.Store in a non-nil error path, which the caller closed and
// crashed on), and is left as it was.
func TestOpenRefusesAForeignFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "jobgate.db")
	garbage := []byte("this is no database, this is a text file long enough to be read as a header\n")
	require.NoError(t, os.WriteFile(path, garbage, 0o600))
	s, err := sqlite.Open(path)
	require.ErrorContains(t, err, "is not a jobgate SQLite database")
	require.Nil(t, s)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, garbage, b)
}

// TestOpenMakesPrivateFiles: a new database and its -wal and -shm files
// are 0600, and its directory 0700.
func TestOpenMakesPrivateFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "jobgate.db")
	s, err := sqlite.Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	require.NoError(t, s.Migrate(t.Context()))
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		st, err := os.Stat(f)
		require.NoError(t, err)
		require.Equal(t, sqlite.FileMode, st.Mode().Perm(), f)
	}
	st, err := os.Stat(filepath.Dir(path))
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o700), st.Mode().Perm())
}
