// Package app wires jobgate together: it opens the store and the secret box
// from the configuration (Open), and runs the API and worker roles (Serve).
// The CLI in cmd/jobgate and the tests drive jobgate through it.
package app

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/jobgate/jobgate/internal/config"
	"github.com/jobgate/jobgate/internal/identity"
	"github.com/jobgate/jobgate/internal/outbound"
	"github.com/jobgate/jobgate/internal/queue"
	"github.com/jobgate/jobgate/internal/redisaddr"
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
	// Identity manages users and operators and signs them in (identity.go).
	Identity *identity.Service
}

// Open opens the store named by cfg, and checks the Redis it names. In
// embedded mode it also applies the migrations and creates the data
// directory and the master key file if there are none. Every error names
// the setting to fix (JOBGATE_DATA_DIR, DATABASE_URL, REDIS_URL,
// JOBGATE_MASTER_KEY) and never quotes a password.
func Open(ctx context.Context, cfg config.Config, log *slog.Logger) (*Env, error) {
	if cfg.Embedded() {
		if err := prepareDataDir(cfg.DataDir); err != nil {
			return nil, err
		}
	}
	key, err := masterKey(cfg)
	if err != nil {
		return nil, err
	}
	box, err := secretbox.New(key)
	if err != nil {
		return nil, err
	}
	if err := checkRedis(ctx, cfg.Redis()); err != nil {
		return nil, err
	}
	s, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	ident, err := newIdentity(s, cfg, log)
	if err != nil {
		s.Close()
		return nil, err
	}
	if cfg.Embedded() {
		// Only once all is well, so that a failure is one line.
		warnOpenDataDir(cfg.DataDir, log)
	}
	return &Env{Cfg: cfg, Store: s, Box: box, Log: log, Outbound: outbound.New(outbound.Config{Allow: cfg.OutboundAllow}), Identity: ident}, nil
}

// openStore opens and, in embedded mode, migrates the store. On error it
// returns a nil interface, never an interface holding a nil *sqlstore.Store
// (closing that one crashed every command on a broken database).
func openStore(ctx context.Context, cfg config.Config) (store.Store, error) {
	if !cfg.Embedded() {
		s, err := postgres.Open(cfg.DatabaseURL, postgres.Options{MaxConns: cfg.DBMaxConns, PipelineLanes: cfg.DBPipelineLanes})
		if err != nil {
			return nil, fmt.Errorf("DATABASE_URL: %w", err)
		}
		return s, nil
	}
	path := cfg.SQLitePath()
	s, err := sqlite.Open(path)
	if err != nil {
		return nil, fmt.Errorf("JOBGATE_DATA_DIR: %w", err)
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("JOBGATE_DATA_DIR: %w", sqlite.Explain(path, err))
	}
	return s, nil
}

// checkRedis connects to the Redis rs names, when it names one, so that
// every command fails at once, with one line naming REDIS_URL (or
// JOBGATE_REDIS_SENTINELS), when it cannot be reached: not only the ones
// that enqueue.
func checkRedis(ctx context.Context, rs redisaddr.Settings) error {
	if !rs.Shared() {
		return nil
	}
	qc, err := queue.OpenSettings(ctx, rs)
	if err != nil {
		if rs.URL == "" {
			return fmt.Errorf("JOBGATE_REDIS_SENTINELS: %w", err)
		}
		return fmt.Errorf("REDIS_URL: %w", err)
	}
	return qc.Close()
}

// Close closes the store and the outbound connections kept for reuse.
func (e *Env) Close() error {
	if e.Outbound != nil {
		e.Outbound.CloseIdleConnections()
	}
	return e.Store.Close()
}
