package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// IssueKey stores a new key, rotating the integration's other live keys out
// when rotateGraceUntil is set.
func (s *Store) IssueKey(ctx context.Context, k store.APIKey, rotateGraceUntil *time.Time) error {
	err := s.commit(ctx, func(tx *sql.Tx) error {
		var accountID string
		err := s.txQueryRow(ctx, tx, `SELECT account_id FROM integrations WHERE id = ?`, k.IntegrationID).Scan(&accountID)
		if err != nil {
			return notFound("integration "+k.IntegrationID, err)
		}
		action := "key.issue"
		if rotateGraceUntil != nil {
			action = "key.rotate"
			_, err := s.txExec(ctx, tx, `UPDATE api_keys SET expires_at = ? WHERE integration_id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)`,
				us(*rotateGraceUntil), k.IntegrationID, us(*rotateGraceUntil))
			if err != nil {
				return err
			}
		}
		_, err = s.txExec(ctx, tx, `INSERT INTO api_keys (id, integration_id, account_id, hash, sealed_secret, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			k.ID, k.IntegrationID, accountID, k.Hash, k.SealedSecret, us(k.CreatedAt))
		if err != nil {
			return err
		}
		if err := s.credentialsChanged(ctx, tx, k.IntegrationID); err != nil {
			return err
		}
		return s.audit(ctx, tx, action, k.IntegrationID, "key="+k.ID)
	})
	if err != nil {
		return fmt.Errorf("issue key: %w", err)
	}
	return nil
}

// RevokeKeys revokes one key, or all of an integration's keys.
func (s *Store) RevokeKeys(ctx context.Context, integrationID, keyID string) (int, error) {
	var n int64
	err := s.commit(ctx, func(tx *sql.Tx) error {
		now := us(time.Now())
		query, args := `UPDATE api_keys SET revoked_at = ? WHERE integration_id = ? AND revoked_at IS NULL`, []any{now, integrationID}
		if keyID != "" {
			query, args = query+` AND id = ?`, append(args, keyID)
		}
		res, err := s.txExec(ctx, tx, query, args...)
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		return s.audit(ctx, tx, "key.revoke", integrationID, fmt.Sprintf("key=%s count=%d", keyID, n))
	})
	if err != nil {
		return 0, fmt.Errorf("revoke keys: %w", err)
	}
	return int(n), nil
}

const keyColumns = `id, integration_id, account_id, hash, sealed_secret, created_at, expires_at, revoked_at`

// ListKeys lists an integration's keys, newest first.
func (s *Store) ListKeys(ctx context.Context, integrationID string) ([]store.APIKey, error) {
	rows, err := s.query(ctx, `SELECT `+keyColumns+` FROM api_keys WHERE integration_id = ? ORDER BY id DESC`, integrationID)
	if err != nil {
		return nil, fmt.Errorf("list keys: %w", err)
	}
	defer rows.Close()
	var out []store.APIKey
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, fmt.Errorf("list keys: %w", err)
		}
		k.Hash, k.SealedSecret = nil, nil
		out = append(out, k)
	}
	return out, rows.Err()
}

// LookupKey returns a key by its public id.
func (s *Store) LookupKey(ctx context.Context, keyID string) (store.APIKey, error) {
	var k store.APIKey
	// The integration's status comes in the same read: a push is refused
	// the moment its integration is disabled, with no cache to outlive it.
	err := s.hotRead(ctx, `SELECT k.id, k.integration_id, k.account_id, k.hash, k.sealed_secret, k.created_at, k.expires_at, k.revoked_at, i.status
		FROM api_keys k JOIN integrations i ON i.id = k.integration_id WHERE k.id = ?`, []any{keyID}, func(r scanner) error {
		var status string
		var err error
		k, err = scanKey(r, &status)
		k.IntegrationStatus = status
		return err
	})
	if err != nil {
		return k, notFound("lookup key", err)
	}
	return k, nil
}

// scanKey scans keyColumns, then into extra (more columns the query adds).
func scanKey(r scanner, extra ...any) (store.APIKey, error) {
	var k store.APIKey
	var created int64
	var expires, revoked sql.NullInt64
	if err := r.Scan(append([]any{&k.ID, &k.IntegrationID, &k.AccountID, &k.Hash, &k.SealedSecret, &created, &expires, &revoked}, extra...)...); err != nil {
		return k, err
	}
	k.CreatedAt = fromUS(created)
	k.ExpiresAt = fromNullUS(expires)
	k.RevokedAt = fromNullUS(revoked)
	return k, nil
}
