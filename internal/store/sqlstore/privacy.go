package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

const retentionColumns = `id, name, created_at, retention_days, cv_days_after_delivery`

// ListAccounts lists every account with its retention, oldest first.
func (s *Store) ListAccounts(ctx context.Context) ([]store.AccountRetention, error) {
	rows, err := s.query(ctx, `SELECT `+retentionColumns+` FROM accounts ORDER BY created_at, id`)
	if err != nil {
		return nil, fmt.Errorf("list accounts: %w", err)
	}
	defer rows.Close()
	var out []store.AccountRetention
	for rows.Next() {
		a, err := scanRetention(rows)
		if err != nil {
			return nil, fmt.Errorf("list accounts: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// GetRetention returns an account with its retention.
func (s *Store) GetRetention(ctx context.Context, accountID string) (store.AccountRetention, error) {
	a, err := scanRetention(s.queryRow(ctx, `SELECT `+retentionColumns+` FROM accounts WHERE id = ?`, accountID))
	if err != nil {
		return a, notFound("get retention", err)
	}
	return a, nil
}

// SetRetention sets an account's retention settings and audits them.
func (s *Store) SetRetention(ctx context.Context, accountID string, retentionDays, cvDays *int) (store.AccountRetention, error) {
	err := s.commit(ctx, func(tx *sql.Tx) error {
		res, err := s.txExec(ctx, tx, `UPDATE accounts SET retention_days = ?, cv_days_after_delivery = ? WHERE id = ?`,
			nullInt(retentionDays), nullInt(cvDays), accountID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return fmt.Errorf("account %s: %w", accountID, store.ErrNotFound)
		}
		return s.audit(ctx, tx, "account.retention", accountID, "retention_days="+daysText(retentionDays)+" cv_days_after_delivery="+daysText(cvDays))
	})
	if err != nil {
		return store.AccountRetention{}, fmt.Errorf("set retention: %w", err)
	}
	return s.GetRetention(ctx, accountID)
}

func scanRetention(r scanner) (store.AccountRetention, error) {
	var a store.AccountRetention
	var created int64
	var days, cv sql.NullInt64
	err := r.Scan(&a.ID, &a.Name, &created, &days, &cv)
	a.CreatedAt, a.RetentionDays, a.CVDaysAfterDelivery = fromUS(created), intOrNil(days), intOrNil(cv)
	return a, err
}

func nullInt(v *int) sql.NullInt64 {
	if v == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: int64(*v), Valid: true}
}

func intOrNil(v sql.NullInt64) *int {
	if !v.Valid {
		return nil
	}
	n := int(v.Int64)
	return &n
}

// daysText is a setting for the audit line: its number, or "default".
func daysText(v *int) string {
	if v == nil {
		return "default"
	}
	return strconv.Itoa(*v)
}

// SaveErasureReceipt stores a receipt and audits the erasure (counts and
// ids only).
func (s *Store) SaveErasureReceipt(ctx context.Context, r store.ErasureReceipt) error {
	forwarded, err := json.Marshal(nonNilForwarded(r.Forwarded))
	if err != nil {
		return fmt.Errorf("save erasure receipt: %w", err)
	}
	err = s.commit(ctx, func(tx *sql.Tx) error {
		_, err := s.txExec(ctx, tx, `INSERT INTO erasure_receipts (id, at, actor, account_id, applications, forwarded) VALUES (?, ?, ?, ?, ?, ?)`,
			r.ID, us(r.At), r.Actor, r.AccountID, r.Applications, string(forwarded))
		if err != nil {
			return err
		}
		detail := "applications=" + strconv.Itoa(r.Applications) + " forwarded=" + strconv.Itoa(len(r.Forwarded))
		if r.AccountID != "" {
			detail += " account=" + r.AccountID
		}
		return s.audit(ctx, tx, "candidate.erase", r.ID, detail)
	})
	if err != nil {
		return fmt.Errorf("save erasure receipt: %w", err)
	}
	return nil
}

func nonNilForwarded(f []store.ForwardedTo) []store.ForwardedTo {
	if f == nil {
		return []store.ForwardedTo{}
	}
	return f
}

// GetErasureReceipt returns a receipt.
func (s *Store) GetErasureReceipt(ctx context.Context, id string) (store.ErasureReceipt, error) {
	var r store.ErasureReceipt
	var at int64
	var forwarded string
	err := s.queryRow(ctx, `SELECT id, at, actor, account_id, applications, forwarded FROM erasure_receipts WHERE id = ?`, id).
		Scan(&r.ID, &at, &r.Actor, &r.AccountID, &r.Applications, &forwarded)
	if err != nil {
		return r, notFound("get erasure receipt", err)
	}
	r.At = fromUS(at)
	if err := json.Unmarshal([]byte(forwarded), &r.Forwarded); err != nil {
		return r, fmt.Errorf("get erasure receipt %s: %w", id, err)
	}
	return r, nil
}

// Compact makes deleted rows unreadable from the database's files as far
// as the database can. SQLite (opened with secure_delete, which zeroes
// freed content) checkpoints the WAL into the database and truncates it,
// so the frames that still held deleted rows are gone; it retries while a
// reader holds an old snapshot. Postgres vacuums the tables that held
// candidates' data, outside a transaction, so their dead tuples' space is
// reclaimed for reuse (see README, Personal data, for what that does not
// reach).
func (s *Store) Compact(ctx context.Context) error {
	if s.dialect.Name == "postgres" {
		if _, err := s.writer.ExecContext(ctx, `VACUUM applications, application_documents, deliveries`); err != nil {
			return fmt.Errorf("compact: vacuum: %w", err)
		}
		return nil
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		var busy, logFrames, checkpointed int
		err := s.writer.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &checkpointed)
		if err != nil {
			return fmt.Errorf("compact: checkpoint: %w", err)
		}
		if busy == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return errors.New("compact: checkpoint: readers kept the WAL busy for 10s; it is truncated at the next checkpoint")
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}
