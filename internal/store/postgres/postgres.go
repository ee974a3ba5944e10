// Package postgres opens jobgate's store on PostgreSQL through pgx/v5: the
// production database. Any number of jobgate replicas share it; concurrent
// writers are ordered by row locks (SELECT ... FOR UPDATE) and migrations by
// an advisory lock.
package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver

	"github.com/jobgate/jobgate/internal/store/sqlstore"
)

// Dialect is Postgres' dialect.
var Dialect = sqlstore.Dialect{
	Name:          "postgres",
	Numbered:      true,
	ForUpdate:     " FOR UPDATE",
	Functions:     true,
	KeyLock:       "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))",
	MigrationLock: "SELECT pg_advisory_xact_lock(7251003)",
}

// DefaultConnectTimeout bounds each connection's set-up (dial, TLS,
// authentication) when DATABASE_URL sets no connect_timeout.
const DefaultConnectTimeout = 5 * time.Second

// Options configures Open.
type Options struct {
	// MaxConns bounds the pool. Zero means 32: pgx's default of 4 caps
	// jobgate at about 5,000 writes a second on two cores.
	MaxConns int
	// PipelineLanes is how many connections batch the hot writes (see
	// sqlstore's pipeline); zero means 2, negative none.
	PipelineLanes int
}

// Open connects to the database at url (postgres://...).
func Open(url string, opt Options) (*sqlstore.Store, error) {
	if opt.MaxConns <= 0 {
		opt.MaxConns = 32
	}
	if opt.PipelineLanes == 0 {
		opt.PipelineLanes = 2
	}
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		// The error may quote the URL, password included: do not wrap it.
		return nil, fmt.Errorf("postgres: DATABASE_URL is not a valid connection string")
	}
	if cfg.ConnectTimeout == 0 {
		// Without connect_timeout pgx waits for the operating system, which
		// gives up on an address that drops packets after minutes.
		cfg.ConnectTimeout = DefaultConnectTimeout
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(opt.MaxConns)
	db.SetMaxIdleConns(opt.MaxConns)
	// One deadline for the whole check: pgx may try several addresses and
	// TLS modes, each with its own connect timeout.
	ctx, cancel := context.WithTimeout(context.Background(), cfg.ConnectTimeout)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: cannot connect: %s", connectReason(err))
	}
	s, err := sqlstore.New(Dialect, db, db, sqlstore.Options{PipelineLanes: opt.PipelineLanes})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: %w", err)
	}
	return s, nil
}

// connectReason is pgx's connection error on one line, each reason once:
// pgx lists every address and TLS mode it tried, often the same reason
// twice, on lines of their own. The error names the user and the
// database, never the password.
func connectReason(err error) string {
	var out []string
	for _, l := range strings.Split(err.Error(), "\n") {
		l = strings.TrimSuffix(strings.TrimSpace(l), ":")
		if l != "" && !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return strings.Join(out, ": ")
}
