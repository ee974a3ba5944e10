package secretbox

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestKeyFileConcurrentFirstStart: processes starting at once on a new
// data directory all get the same whole key (one used to read the file
// while another was still writing it, and refused it as no key).
func TestKeyFileConcurrentFirstStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "master.key")
	keys := make([][]byte, 16)
	errs := make([]error, len(keys))
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() { keys[i], errs[i] = KeyFile(path) })
	}
	wg.Wait()
	for i := range keys {
		require.NoError(t, errs[i])
		require.Equal(t, keys[0], keys[i])
	}
	require.Len(t, keys[0], KeySize)
	st, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, KeyFileMode, st.Mode().Perm())
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	require.Len(t, entries, 1, "no temporary file left behind")
}

// TestKeyFileNeverReplaced: a file that holds no key is an error naming
// the file, and stays as it was.
func TestKeyFileNeverReplaced(t *testing.T) {
	path := filepath.Join(t.TempDir(), "master.key")
	require.NoError(t, os.WriteFile(path, []byte("garbage\n"), 0o600))
	_, err := KeyFile(path)
	require.ErrorContains(t, err, path)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, "garbage\n", string(b))
}
