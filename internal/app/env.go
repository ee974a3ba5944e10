// Package app wires jobgate together: it opens the store and the secret box
// from the configuration (Open), and runs the API and worker roles (Serve).
// The CLI in cmd/jobgate and the tests drive jobgate through it.
package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/jobgate/jobgate/internal/config"
	"github.com/jobgate/jobgate/internal/outbound"
	"github.com/jobgate/jobgate/internal/secretbox"
	"github.com/jobgate/jobgate/internal/store"
	"github.com/jobgate/jobgate/internal/store/postgres"
	"github.com/jobgate/jobgate/internal/store/sqlite"
)

// Env is an opened jobgate: its configuration, store and secret box.
type Env struct {
	Cfg   config.Config
	Store store.Store
	Box   *secretbox.Box
	Log   *slog.Logger
	// Outbound makes every call to an ATS, a feed, NAV or FINN, with the
	// address guard's allow-list from JOBGATE_OUTBOUND_ALLOW.
	Outbound *outbound.Client
}

// Open opens the store named by cfg. In embedded mode it also applies the
// migrations and creates the master key file if there is none.
func Open(ctx context.Context, cfg config.Config, log *slog.Logger) (*Env, error) {
	key, err := masterKey(cfg)
	if err != nil {
		return nil, err
	}
	box, err := secretbox.New(key)
	if err != nil {
		return nil, err
	}
	var s store.Store
	if cfg.Embedded() {
		s, err = sqlite.Open(cfg.SQLitePath())
		if err == nil {
			err = s.Migrate(ctx)
		}
	} else {
		s, err = postgres.Open(cfg.DatabaseURL, postgres.Options{MaxConns: cfg.DBMaxConns})
	}
	if err != nil {
		if s != nil {
			s.Close()
		}
		return nil, fmt.Errorf("open store: %w", err)
	}
	return &Env{Cfg: cfg, Store: s, Box: box, Log: log, Outbound: outbound.New(outbound.Config{Allow: cfg.OutboundAllow})}, nil
}

// Close closes the store and the outbound connections kept for reuse.
func (e *Env) Close() error {
	if e.Outbound != nil {
		e.Outbound.CloseIdleConnections()
	}
	return e.Store.Close()
}

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
	path := filepath.Join(cfg.DataDir, "master.key")
	b, err := os.ReadFile(path)
	if err == nil {
		return secretbox.ParseKey(strings.TrimSpace(string(b)))
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	k := make([]byte, secretbox.KeySize)
	if _, err := rand.Read(k); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("JOBGATE_DATA_DIR: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return masterKey(cfg) // another process made it first
	}
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	defer f.Close()
	if _, err := f.WriteString(base64.StdEncoding.EncodeToString(k) + "\n"); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return k, f.Sync()
}
