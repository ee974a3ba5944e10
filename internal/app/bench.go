package app

import (
	"context"
	"log/slog"
	"os"

	"github.com/jobgate/jobgate/internal/config"
)

// OpenBench opens a whole jobgate for a load tool: embedded in a fresh
// temporary directory (removed by the returned cleanup), or, when the
// environment names Postgres and Redis (DATABASE_URL, REDIS_URL,
// JOBGATE_MASTER_KEY), on them, migrated. tune may adjust the
// configuration first. mode says which, for the report.
func OpenBench(ctx context.Context, name string, tune func(*config.Config), log *slog.Logger) (env *Env, cleanup func(), mode string, err error) {
	cfg, err := config.FromOS()
	if err != nil {
		return nil, nil, "", err
	}
	removeDir := func() {}
	if cfg.Embedded() {
		dir, err := os.MkdirTemp("", name+"-")
		if err != nil {
			return nil, nil, "", err
		}
		cfg.DataDir, removeDir = dir, func() { os.RemoveAll(dir) }
	}
	if tune != nil {
		tune(&cfg)
	}
	env, err = Open(ctx, cfg, log)
	if err != nil {
		removeDir()
		return nil, nil, "", err
	}
	if !cfg.Embedded() {
		if err := env.Store.Migrate(ctx); err != nil {
			env.Close()
			return nil, nil, "", err
		}
	}
	mode = "embedded (SQLite, in-process Redis)"
	if !cfg.Embedded() {
		mode = "Postgres + Redis"
	}
	return env, func() { env.Close(); removeDir() }, mode, nil
}
