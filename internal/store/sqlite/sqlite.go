// Package sqlite opens jobgate's store on a SQLite file (modernc.org/sqlite,
// pure Go): the embedded mode's database. One goroutine writes, with group
// commit; a pool reads beside it (WAL). synchronous=FULL makes every commit
// durable across power loss, not only a killed process; group commit pays
// for the extra fsync.
package sqlite

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/jobgate/jobgate/internal/store/sqlstore"
)

// Dialect is SQLite's dialect: ? placeholders, no row locks (the writer
// holds the database), no migration lock (BEGIN IMMEDIATE is one), and
// statements prepared once (modernc has no statement cache).
var Dialect = sqlstore.Dialect{Name: "sqlite", CacheStatements: true}

// Open opens (creating if needed) the database file at path, and its
// directory (mode 0700). The files are made FileMode (see prepareFiles).
// An error says what is wrong with the file (see Explain).
func Open(path string) (*sqlstore.Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	if err := prepareFiles(path); err != nil {
		return nil, err
	}
	writer, err := sql.Open("sqlite", dsn(path, "_txlock=immediate"))
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	// The group committer runs one transaction at a time; the second
	// connection lets a statement be prepared while that transaction holds
	// the first (database/sql prepares on a free connection).
	writer.SetMaxOpenConns(2)
	writer.SetMaxIdleConns(2)
	writer.SetConnMaxLifetime(0)
	reader, err := sql.Open("sqlite", dsn(path, "_pragma=query_only(1)"))
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	reader.SetMaxOpenConns(8)
	reader.SetMaxIdleConns(8)
	if err := writer.Ping(); err != nil {
		writer.Close()
		reader.Close()
		return nil, Explain(path, err)
	}
	s, err := sqlstore.New(Dialect, writer, reader, sqlstore.Options{GroupCommit: true})
	if err != nil {
		writer.Close()
		reader.Close()
		return nil, err
	}
	return s, nil
}

func dsn(path, extra string) string {
	v := url.Values{}
	v.Add("_pragma", "busy_timeout(10000)")
	v.Add("_pragma", "journal_mode(WAL)")
	v.Add("_pragma", "synchronous(FULL)")
	v.Add("_pragma", "foreign_keys(1)")
	// secure_delete overwrites deleted content with zeros, so an erased
	// candidate's data is not left in free pages of the file (see
	// store.Compact for the WAL).
	v.Add("_pragma", "secure_delete(1)")
	return "file:" + path + "?" + v.Encode() + "&" + extra
}
