package secretbox

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// KeyFileMode is the master key file's mode: only jobgate's own user
// reads it.
const KeyFileMode fs.FileMode = 0o600

// KeyFile returns the master key kept in the file at path, creating the
// file with a new random key, mode KeyFileMode, when there is none. An
// existing file readable by others is tightened to KeyFileMode. A file
// that does not hold a key is an error, never replaced: the key decrypts
// the secrets already stored.
func KeyFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		k, perr := ParseKey(strings.TrimSpace(string(b)))
		if perr != nil {
			return nil, fmt.Errorf("%s does not hold a master key (%d bytes in base64): restore it from a backup, since it decrypts the stored secrets", path, KeySize)
		}
		return k, tightenKeyFile(path)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read the master key: %w", err)
	}
	k := make([]byte, KeySize)
	if _, err := rand.Read(k); err != nil {
		return nil, err
	}
	if err := createKeyFile(path, k); errors.Is(err, fs.ErrExist) {
		return KeyFile(path) // another process made it first
	} else if err != nil {
		return nil, err
	}
	return k, nil
}

// createKeyFile writes key to a new file at path, whole or not at all:
// into a temporary file first, then linked to path, which fails when path
// exists. Processes starting at once on a new data directory (the CLI
// beside a server) thus never read a half-written key.
func createKeyFile(path string, key []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".master.key-*")
	if err != nil {
		return fmt.Errorf("create the master key: %w", err)
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	// CreateTemp makes it 0600; set anyway, the umask must not matter.
	if err := tmp.Chmod(KeyFileMode); err != nil {
		return fmt.Errorf("set the mode of the master key: %w", err)
	}
	if _, err := tmp.WriteString(base64.StdEncoding.EncodeToString(key) + "\n"); err != nil {
		return fmt.Errorf("write the master key: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write the master key: %w", err)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return err
		}
		return fmt.Errorf("create the master key: %w", err)
	}
	return nil
}

// tightenKeyFile removes the group and other bits of a key file an older
// version or an operator left readable by others.
func tightenKeyFile(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("read the master key: %w", err)
	}
	if st.Mode().Perm()&0o077 == 0 {
		return nil
	}
	if err := os.Chmod(path, KeyFileMode); err != nil {
		return fmt.Errorf("%s is readable by other users and its mode cannot be set to 0600: %w", path, err)
	}
	return nil
}
