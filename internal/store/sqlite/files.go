package sqlite

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// FileMode is the mode of the database file and of its -wal and -shm
// files: they hold candidates' applications and sealed secrets, so only
// jobgate's own user reads them.
const FileMode fs.FileMode = 0o600

// prepareFiles creates the database file with FileMode before SQLite
// does (SQLite would create it 0644 less the umask, and gives the -wal
// and -shm files the database file's mode), and tightens the three files
// when a previous version left them readable by others. The mode is set
// with chmod after create, so the umask neither widens nor narrows it.
func prepareFiles(path string) error {
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE|os.O_EXCL, FileMode)
	switch {
	case err == nil:
		f.Close()
		if err := os.Chmod(path, FileMode); err != nil {
			return fmt.Errorf("sqlite: set the mode of %s: %w", path, err)
		}
	case !errors.Is(err, fs.ErrExist):
		return fmt.Errorf("sqlite: create %s: %w", path, err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := tighten(p); err != nil {
			return err
		}
	}
	return checkWritable(path)
}

// checkWritable refuses a database this user cannot write, or whose
// directory it cannot write (SQLite creates the -wal and -shm files
// there): SQLite would open it read-only, reads would work and every
// write fail. Better one clear error at start.
func checkWritable(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("sqlite: %s cannot be opened for writing (%w): the file must be writable by this user", path, errors.Unwrap(err))
	}
	f.Close()
	probe, err := os.CreateTemp(filepath.Dir(path), ".write-check-*")
	if err != nil {
		return fmt.Errorf("sqlite: the directory of %s is not writable (%w): SQLite keeps its -wal and -shm files there", path, errors.Unwrap(err))
	}
	probe.Close()
	return os.Remove(probe.Name())
}

// tighten removes the group and other bits of an existing file; a file
// that is not there is left alone, as is one already private (a read-only
// 0400 file stays read-only).
func tighten(path string) error {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	if st.Mode().Perm()&0o077 == 0 {
		return nil
	}
	if err := os.Chmod(path, st.Mode().Perm()&FileMode); err != nil {
		return fmt.Errorf("sqlite: %s is readable by other users (%v) and its mode cannot be set to 0600: %w", path, st.Mode().Perm(), err)
	}
	return nil
}

// Explain turns an error from opening or migrating the database at path
// into one that says what is wrong with the file and what to do: a
// damaged or foreign file, or one this user cannot write.
func Explain(path string, err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return fmt.Errorf("sqlite: %s: %w", path, err)
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
		return fmt.Errorf("sqlite: %s is not a jobgate SQLite database or is damaged (%s): restore it from a backup, or move it away to start an empty one", path, sqliteMessage(se))
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
		return fmt.Errorf("sqlite: %s cannot be opened for writing (%s): the file and its directory must be writable by this user", path, sqliteMessage(se))
	}
	return fmt.Errorf("sqlite: %s: %w", path, err)
}

// sqliteMessage is the driver's message without the statement it ran.
func sqliteMessage(se *sqlite.Error) string {
	if s, ok := sqlite.ErrorCodeString[se.Code()]; ok {
		return s
	}
	return se.Error()
}
