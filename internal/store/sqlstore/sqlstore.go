// Package sqlstore implements store.Store once, in SQL that SQLite and
// Postgres both run. The differences (placeholders, row locks, how writes
// are committed, migrations) live in a Dialect supplied by
// internal/store/sqlite and internal/store/postgres.
package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

//go:embed migrations
var migrations embed.FS

// Dialect is what differs between the databases.
type Dialect struct {
	// Name is "sqlite" or "postgres". A migration file named
	// NNNN_title.<Name>.sql is run only on that database; NNNN_title.sql on
	// both.
	Name string
	// Numbered is true when placeholders are $1, $2, ... instead of ?.
	Numbered bool
	// ForUpdate is appended to a SELECT that must lock the rows it reads
	// until commit; empty where the database locks whole (SQLite).
	ForUpdate string
	// CacheStatements prepares each statement once per pool (see
	// stmts.go). Only for a writer pool with a connection to spare while a
	// transaction runs: preparing inside a transaction takes another
	// connection, which a busy pool may never free.
	CacheStatements bool
	// Functions is true when the database runs the hot writes as stored
	// functions (one round trip each instead of a transaction of several
	// statements; see migrations/0002_functions.postgres.sql).
	Functions bool
	// KeyLock, when set, is a statement with one placeholder (a string)
	// that holds a lock on that key until the transaction ends, so that
	// two transactions checking for the same duplicate take turns; empty
	// where writers are serialised anyway (SQLite).
	KeyLock string
	// MigrationLock is run first in the migration transaction so replicas
	// migrating at once take turns; empty for none.
	MigrationLock string
}

// Store is a store.Store on a database/sql database.
type Store struct {
	dialect Dialect
	// writer runs write transactions; reader serves reads. They are the
	// same pool on Postgres; on SQLite, one connection writes and a pool
	// reads (WAL lets readers run beside the writer).
	writer *sql.DB
	reader *sql.DB
	// commit runs a unit of work in a transaction; see Options.GroupCommit.
	commit      func(ctx context.Context, fn func(*sql.Tx) error) error
	groupCommit bool
	pipeline    *pipeline
	closer      func()

	rebindMu sync.Mutex
	rebinds  map[string]string

	stmtMu sync.Mutex
	stmts  map[stmtKey]*sql.Stmt
}

var _ store.Store = (*Store)(nil)

// Options configures New.
type Options struct {
	// GroupCommit, when true, runs concurrent units of work in one
	// transaction (each in its own savepoint) on the writer: the batch is
	// whatever is queued when the previous commit ends, with no timer.
	// Meant for SQLite, which has one writer; false runs each unit in its
	// own transaction.
	GroupCommit bool
	// MaxBatch bounds a group commit or a pipeline batch; zero means 256.
	MaxBatch int
	// PipelineLanes, when positive and the dialect has Functions, sends
	// concurrent function calls as pgx batches on this many connections
	// (see pipeline.go).
	PipelineLanes int
}

// New returns a Store over writer and reader (which may be the same pool).
func New(d Dialect, writer, reader *sql.DB, opt Options) (*Store, error) {
	s := &Store{dialect: d, writer: writer, reader: reader, rebinds: map[string]string{}, stmts: map[stmtKey]*sql.Stmt{}}
	s.commit = s.ownTransaction
	s.closer = func() {}
	if opt.GroupCommit {
		g := newGroupCommitter(writer, opt.MaxBatch)
		s.commit, s.closer, s.groupCommit = g.run, g.stop, true
	}
	if opt.PipelineLanes > 0 && d.Functions {
		maxBatch := opt.MaxBatch
		if maxBatch <= 0 {
			maxBatch = 256
		}
		p, err := newPipeline(writer, opt.PipelineLanes, maxBatch)
		if err != nil {
			return nil, err
		}
		s.pipeline = p
		s.closer = p.stop
	}
	return s, nil
}

// Close stops the writer and closes the pools.
func (s *Store) Close() error {
	s.closer()
	s.closeStatements()
	err := s.writer.Close()
	if s.reader != s.writer {
		err = errors.Join(err, s.reader.Close())
	}
	return err
}

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error {
	return s.reader.PingContext(ctx)
}

// q rewrites a query written with ? placeholders for the dialect.
func (s *Store) q(query string) string {
	if !s.dialect.Numbered {
		return query
	}
	s.rebindMu.Lock()
	defer s.rebindMu.Unlock()
	if r, ok := s.rebinds[query]; ok {
		return r
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	s.rebinds[query] = b.String()
	return b.String()
}

// ownTransaction runs fn in a transaction of its own.
func (s *Store) ownTransaction(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Migrate applies the embedded migrations not yet applied, in order.
func (s *Store) Migrate(ctx context.Context) error {
	const dir = "migrations"
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return s.ownTransaction(ctx, func(tx *sql.Tx) error {
		if s.dialect.MigrationLock != "" {
			if _, err := tx.ExecContext(ctx, s.dialect.MigrationLock); err != nil {
				return fmt.Errorf("migrate: lock: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		for _, e := range entries {
			if !s.dialect.runs(e.Name()) {
				continue
			}
			if err := s.applyMigration(ctx, tx, dir, e.Name()); err != nil {
				return err
			}
		}
		return nil
	})
}

// runs reports whether a migration file is for this dialect.
func (d Dialect) runs(name string) bool {
	parts := strings.Split(strings.TrimSuffix(name, ".sql"), ".")
	return len(parts) == 1 || parts[len(parts)-1] == d.Name
}

func (s *Store) applyMigration(ctx context.Context, tx *sql.Tx, dir, name string) error {
	num, _, ok := strings.Cut(name, "_")
	version, err := strconv.Atoi(num)
	if !ok || err != nil {
		return fmt.Errorf("migrate: bad migration name %q", name)
	}
	var n int
	if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM schema_migrations WHERE version = ?`), version).Scan(&n); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if n > 0 {
		return nil
	}
	body, err := migrations.ReadFile(dir + "/" + name)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, stmt := range statements(string(body)) {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("migrate %s: %w", name, err)
		}
	}
	_, err = tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`), version, us(time.Now()))
	return err
}

// statements splits a migration into statements at semicolons outside
// dollar-quoted function bodies ($$ ... $$), after dropping "--" comment
// lines (which may hold semicolons themselves).
func statements(sql string) []string {
	var kept []string
	for _, line := range strings.Split(sql, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "--") {
			kept = append(kept, line)
		}
	}
	var out []string
	var cur strings.Builder
	for i, part := range strings.Split(strings.Join(kept, "\n"), "$$") {
		if i > 0 {
			cur.WriteString("$$")
		}
		if i%2 == 1 { // inside a dollar-quoted body
			cur.WriteString(part)
			continue
		}
		pieces := strings.Split(part, ";")
		for j, p := range pieces {
			cur.WriteString(p)
			if j < len(pieces)-1 {
				out = append(out, cur.String())
				cur.Reset()
			}
		}
	}
	return append(out, cur.String())
}

// us is a time as stored: Unix microseconds.
func us(t time.Time) int64 { return t.UnixMicro() }

// fromUS reads a stored time.
func fromUS(v int64) time.Time { return time.UnixMicro(v).UTC() }

// fromNullUS reads a stored optional time.
func fromNullUS(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := fromUS(v.Int64)
	return &t
}

// nullUS stores an optional time.
func nullUS(t *time.Time) sql.NullInt64 {
	if t == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: us(*t), Valid: true}
}

// notFound turns sql.ErrNoRows into store.ErrNotFound with context.
func notFound(what string, err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, store.ErrNotFound)
	}
	return fmt.Errorf("%s: %w", what, err)
}
