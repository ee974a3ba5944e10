package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jobgate/jobgate/internal/ids"
	"github.com/jobgate/jobgate/internal/store"
)

// CreateAccount creates an account and audits it.
func (s *Store) CreateAccount(ctx context.Context, name string) (store.Account, error) {
	a := store.Account{ID: ids.New(ids.Account), Name: name, CreatedAt: time.Now().UTC()}
	err := s.commit(ctx, func(tx *sql.Tx) error {
		if _, err := s.txExec(ctx, tx, `INSERT INTO accounts (id, name, created_at) VALUES (?, ?, ?)`, a.ID, a.Name, us(a.CreatedAt)); err != nil {
			return err
		}
		return s.audit(ctx, tx, "account.create", a.ID, "")
	})
	if err != nil {
		return store.Account{}, fmt.Errorf("create account: %w", err)
	}
	return a, nil
}

// GetAccount returns an account.
func (s *Store) GetAccount(ctx context.Context, id string) (store.Account, error) {
	var a store.Account
	var created int64
	err := s.queryRow(ctx, `SELECT id, name, created_at FROM accounts WHERE id = ?`, id).Scan(&a.ID, &a.Name, &created)
	if err != nil {
		return a, notFound("get account", err)
	}
	a.CreatedAt = fromUS(created)
	return a, nil
}

// CreateIntegration creates an integration and audits it.
func (s *Store) CreateIntegration(ctx context.Context, in store.Integration) (store.Integration, error) {
	if in.ID == "" {
		in.ID = ids.New(ids.Integration)
	}
	in.CreatedAt = time.Now().UTC()
	if in.Status == "" {
		in.Status = "active"
	}
	settings, err := json.Marshal(nonNil(in.Settings))
	if err != nil {
		return in, fmt.Errorf("create integration: %w", err)
	}
	err = s.commit(ctx, func(tx *sql.Tx) error {
		if err := s.accountExists(ctx, tx, in.AccountID); err != nil {
			return err
		}
		_, err := s.txExec(ctx, tx, `INSERT INTO integrations (id, account_id, vendor, settings, sealed_secrets, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			in.ID, in.AccountID, in.Vendor, string(settings), in.SealedSecrets, in.Status, us(in.CreatedAt))
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, "integration.create", in.ID, "vendor="+in.Vendor)
	})
	if err != nil {
		return store.Integration{}, fmt.Errorf("create integration: %w", err)
	}
	return in, nil
}

func (s *Store) accountExists(ctx context.Context, tx *sql.Tx, id string) error {
	var n int
	if err := s.txQueryRow(ctx, tx, `SELECT count(*) FROM accounts WHERE id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("account %s: %w", id, store.ErrNotFound)
	}
	return nil
}

const integrationColumns = `id, account_id, vendor, settings, sealed_secrets, status, created_at`

// GetIntegration returns an integration.
func (s *Store) GetIntegration(ctx context.Context, id string) (store.Integration, error) {
	row := s.queryRow(ctx, `SELECT `+integrationColumns+` FROM integrations WHERE id = ?`, id)
	in, err := scanIntegration(row)
	if err != nil {
		return in, notFound("get integration", err)
	}
	return in, nil
}

// ListIntegrations lists every integration, oldest first.
func (s *Store) ListIntegrations(ctx context.Context) ([]store.Integration, error) {
	rows, err := s.query(ctx, `SELECT `+integrationColumns+` FROM integrations ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list integrations: %w", err)
	}
	defer rows.Close()
	var out []store.Integration
	for rows.Next() {
		in, err := scanIntegration(rows)
		if err != nil {
			return nil, fmt.Errorf("list integrations: %w", err)
		}
		out = append(out, in)
	}
	return out, rows.Err()
}

type scanner interface{ Scan(dest ...any) error }

func scanIntegration(r scanner) (store.Integration, error) {
	var in store.Integration
	var settings string
	var created int64
	if err := r.Scan(&in.ID, &in.AccountID, &in.Vendor, &settings, &in.SealedSecrets, &in.Status, &created); err != nil {
		return in, err
	}
	in.CreatedAt = fromUS(created)
	if err := json.Unmarshal([]byte(settings), &in.Settings); err != nil {
		return in, fmt.Errorf("integration %s settings: %w", in.ID, err)
	}
	return in, nil
}

func nonNil(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// audit writes an audit entry in tx, naming the actor from ctx.
func (s *Store) audit(ctx context.Context, tx *sql.Tx, action, subject, detail string) error {
	_, err := s.txExec(ctx, tx, `INSERT INTO audit_log (id, at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?)`,
		ids.New(ids.Audit), us(time.Now()), store.Actor(ctx), action, subject, detail)
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// ListAudit lists the newest audit entries first: by time to the
// microsecond (ids made in one millisecond do not sort by time).
func (s *Store) ListAudit(ctx context.Context, limit int) ([]store.AuditEntry, error) {
	if limit <= 0 {
		limit = 100
	}
	rows, err := s.query(ctx, `SELECT id, at, actor, action, subject, detail FROM audit_log ORDER BY at DESC, id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("list audit: %w", err)
	}
	defer rows.Close()
	var out []store.AuditEntry
	for rows.Next() {
		var e store.AuditEntry
		var at int64
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.Subject, &e.Detail); err != nil {
			return nil, fmt.Errorf("list audit: %w", err)
		}
		e.At = fromUS(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
