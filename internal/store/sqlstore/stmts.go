package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
)

// Statements are prepared once per pool and reused: SQLite (modernc) has
// no statement cache of its own, and parsing SQL cost about a tenth of the
// CPU of an ad write before this cache existed. pgx caches statements
// itself, so Postgres does without (Dialect.CacheStatements).

type stmtKey struct {
	db    *sql.DB
	query string
}

// prepared returns the statement for query (written with ? placeholders)
// on db, preparing it the first time.
func (s *Store) prepared(ctx context.Context, db *sql.DB, query string) (*sql.Stmt, error) {
	k := stmtKey{db: db, query: query}
	s.stmtMu.Lock()
	st, ok := s.stmts[k]
	s.stmtMu.Unlock()
	if ok {
		return st, nil
	}
	st, err := db.PrepareContext(ctx, s.q(query))
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	if prev, ok := s.stmts[k]; ok {
		st.Close()
		return prev, nil
	}
	s.stmts[k] = st
	return st, nil
}

// row is a *sql.Row, or the error that kept the statement from running.
type row struct {
	r   *sql.Row
	err error
}

func (r row) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	return r.r.Scan(dest...)
}

// txExec runs a write statement in tx.
func (s *Store) txExec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	if !s.dialect.CacheStatements {
		return tx.ExecContext(ctx, s.q(query), args...)
	}
	st, err := s.prepared(ctx, s.writer, query)
	if err != nil {
		return nil, err
	}
	return tx.StmtContext(ctx, st).ExecContext(ctx, args...)
}

// txQueryRow reads one row in tx.
func (s *Store) txQueryRow(ctx context.Context, tx *sql.Tx, query string, args ...any) scanner {
	if !s.dialect.CacheStatements {
		return tx.QueryRowContext(ctx, s.q(query), args...)
	}
	st, err := s.prepared(ctx, s.writer, query)
	if err != nil {
		return row{err: err}
	}
	return row{r: tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)}
}

// txQuery reads rows in tx.
func (s *Store) txQuery(ctx context.Context, tx *sql.Tx, query string, args ...any) (*sql.Rows, error) {
	if !s.dialect.CacheStatements {
		return tx.QueryContext(ctx, s.q(query), args...)
	}
	st, err := s.prepared(ctx, s.writer, query)
	if err != nil {
		return nil, err
	}
	return tx.StmtContext(ctx, st).QueryContext(ctx, args...)
}

// queryRow reads one row from the reader pool.
func (s *Store) queryRow(ctx context.Context, query string, args ...any) scanner {
	if !s.dialect.CacheStatements {
		return s.reader.QueryRowContext(ctx, s.q(query), args...)
	}
	st, err := s.prepared(ctx, s.reader, query)
	if err != nil {
		return row{err: err}
	}
	return row{r: st.QueryRowContext(ctx, args...)}
}

// query reads rows from the reader pool.
func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if !s.dialect.CacheStatements {
		return s.reader.QueryContext(ctx, s.q(query), args...)
	}
	st, err := s.prepared(ctx, s.reader, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// closeStatements closes every prepared statement.
func (s *Store) closeStatements() {
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	for k, st := range s.stmts {
		st.Close()
		delete(s.stmts, k)
	}
}

// execOne runs one write statement as its own unit of work: through the
// group committer where there is one, else on its own (a single statement
// is its own transaction, with no BEGIN and COMMIT round trips).
func (s *Store) execOne(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s.groupCommit {
		var res sql.Result
		err := s.commit(ctx, func(tx *sql.Tx) error {
			var err error
			res, err = s.txExec(ctx, tx, query, args...)
			return err
		})
		return res, err
	}
	return s.writer.ExecContext(ctx, s.q(query), args...)
}
