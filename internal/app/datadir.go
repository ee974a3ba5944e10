package app

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/jobgate/jobgate/internal/config"
	"github.com/jobgate/jobgate/internal/secretbox"
)

// masterKey is JOBGATE_MASTER_KEY, or in embedded mode the key in
// DataDir/master.key, generated on first use.
func masterKey(cfg config.Config) ([]byte, error) {
	if cfg.MasterKey != "" {
		k, err := secretbox.ParseKey(cfg.MasterKey)
		if err != nil {
			return nil, fmt.Errorf("JOBGATE_MASTER_KEY: %w", err)
		}
		return k, nil
	}
	k, err := secretbox.KeyFile(filepath.Join(cfg.DataDir, "master.key"))
	if err != nil {
		return nil, fmt.Errorf("JOBGATE_DATA_DIR: %w (or set JOBGATE_MASTER_KEY)", err)
	}
	return k, nil
}

// DataDirMode is the data directory's mode when jobgate creates it.
const DataDirMode fs.FileMode = 0o700

// prepareDataDir creates the data directory 0700 (chmod after create, so
// the umask changes nothing). A directory that already exists is not
// changed, since an operator may have pointed JOBGATE_DATA_DIR at one
// other programs use too (warnOpenDataDir says when others can enter it).
// The files jobgate keeps in it are 0600 themselves.
func prepareDataDir(dir string) error {
	st, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, DataDirMode); err != nil {
			return fmt.Errorf("JOBGATE_DATA_DIR: create the data directory: %w", err)
		}
		if err := os.Chmod(dir, DataDirMode); err != nil {
			return fmt.Errorf("JOBGATE_DATA_DIR: set the mode of the data directory: %w", err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("JOBGATE_DATA_DIR: %w", err)
	}
	if !st.IsDir() {
		return fmt.Errorf("JOBGATE_DATA_DIR: %s is not a directory", dir)
	}
	return nil
}

// warnOpenDataDir logs a warning when users other than jobgate's can enter
// the data directory.
func warnOpenDataDir(dir string, log *slog.Logger) {
	if st, err := os.Stat(dir); err == nil && st.Mode().Perm()&0o077 != 0 && log != nil {
		log.Warn("the data directory is open to other users; make it private with chmod 700",
			"setting", "JOBGATE_DATA_DIR", "dir", dir, "mode", st.Mode().Perm().String())
	}
}

// RequireData refuses an embedded data directory that holds no jobgate
// database, before Open would create a new, empty one: a command run from
// the wrong directory (JOBGATE_DATA_DIR defaults to ./data) must say so
// rather than work on a fresh database. Only the commands that set jobgate
// up (serve, migrate) skip it. Other errors are left to Open, which names
// them.
func RequireData(cfg config.Config) error {
	if !cfg.Embedded() {
		return nil
	}
	if _, err := os.Stat(cfg.SQLitePath()); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no jobgate data in %s (set JOBGATE_DATA_DIR)", cfg.DataDir)
	}
	return nil
}
