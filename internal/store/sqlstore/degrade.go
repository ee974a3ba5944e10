package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// DegradeApply degrades an integration's direct apply, in one transaction:
// a first degradation is an insert; an existing row is locked and judged
// (restored after the failure began: no; degraded already: only an
// unauthorised reason replaces an unavailable one).
func (s *Store) DegradeApply(ctx context.Context, integrationID, reason string, failingSince, now time.Time) (bool, error) {
	var changed bool
	err := s.commit(ctx, func(tx *sql.Tx) error {
		changed = false
		res, err := s.txExec(ctx, tx, `INSERT INTO apply_degradations (integration_id, reason, since, restored_at) VALUES (?, ?, ?, NULL)
			ON CONFLICT (integration_id) DO NOTHING`, integrationID, reason, us(now))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			changed = err == nil
			return errors.Join(err, s.audit(ctx, tx, "apply.degrade", integrationID, "reason="+reason))
		}
		var cur string
		var restored sql.NullInt64
		err = s.txQueryRow(ctx, tx, `SELECT reason, restored_at FROM apply_degradations WHERE integration_id = ?`+s.dialect.ForUpdate, integrationID).
			Scan(&cur, &restored)
		if err != nil {
			return err
		}
		switch {
		case restored.Valid && restored.Int64 > us(failingSince):
			return nil // a success since the failure began
		case restored.Valid:
			_, err = s.txExec(ctx, tx, `UPDATE apply_degradations SET reason = ?, since = ?, restored_at = NULL WHERE integration_id = ?`,
				reason, us(now), integrationID)
		case reason == store.DegradedUnauthorised && cur != reason:
			_, err = s.txExec(ctx, tx, `UPDATE apply_degradations SET reason = ? WHERE integration_id = ?`, reason, integrationID)
		default:
			return nil
		}
		if err != nil {
			return err
		}
		changed = true
		return s.audit(ctx, tx, "apply.degrade", integrationID, "reason="+reason)
	})
	if err != nil {
		return false, fmt.Errorf("degrade apply of %s: %w", integrationID, err)
	}
	return changed, nil
}

// RestoreApply ends a degradation.
func (s *Store) RestoreApply(ctx context.Context, integrationID string, now time.Time, reasons ...string) (bool, error) {
	var changed bool
	err := s.commit(ctx, func(tx *sql.Tx) error {
		var err error
		changed, err = s.restoreApply(ctx, tx, integrationID, now, "", reasons...)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("restore apply of %s: %w", integrationID, err)
	}
	return changed, nil
}

// restoreApply ends a degradation in tx (for reasons only, when given)
// and audits it with why.
func (s *Store) restoreApply(ctx context.Context, tx *sql.Tx, integrationID string, now time.Time, why string, reasons ...string) (bool, error) {
	query := `UPDATE apply_degradations SET restored_at = ? WHERE integration_id = ? AND restored_at IS NULL`
	args := []any{us(now), integrationID}
	if len(reasons) > 0 {
		query += ` AND reason IN (?` + strings.Repeat(", ?", len(reasons)-1) + `)`
		for _, r := range reasons {
			args = append(args, r)
		}
	}
	res, err := s.txExec(ctx, tx, query, args...)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	if err != nil || n == 0 {
		return false, err
	}
	detail := ""
	if why != "" {
		detail = "why=" + why
	}
	return true, s.audit(ctx, tx, "apply.restore", integrationID, detail)
}

// credentialsChanged ends an integration's degradation for refused
// credentials, in the transaction that changed its settings or keys: the
// change may be the fix, and the next delivery tells (a refusal degrades
// it again at once).
func (s *Store) credentialsChanged(ctx context.Context, tx *sql.Tx, integrationID string) error {
	_, err := s.restoreApply(ctx, tx, integrationID, time.Now(), "credentials_changed", store.DegradedUnauthorised)
	return err
}

// ApplyDegradations lists the integrations degraded now.
func (s *Store) ApplyDegradations(ctx context.Context) ([]store.ApplyDegradation, error) {
	rows, err := s.query(ctx, `SELECT integration_id, reason, since FROM apply_degradations WHERE restored_at IS NULL ORDER BY since, integration_id`)
	if err != nil {
		return nil, fmt.Errorf("list apply degradations: %w", err)
	}
	out, err := scanDegradations(rows)
	if err != nil {
		return nil, fmt.Errorf("list apply degradations: %w", err)
	}
	return out, nil
}

// LapseApplyDegradations restores the degradations older than before
// that no pending application delivery can end.
func (s *Store) LapseApplyDegradations(ctx context.Context, before, now time.Time) ([]store.ApplyDegradation, error) {
	var out []store.ApplyDegradation
	err := s.commit(ctx, func(tx *sql.Tx) error {
		rows, err := s.txQuery(ctx, tx, `SELECT integration_id, reason, since FROM apply_degradations d
			WHERE restored_at IS NULL AND since <= ? AND NOT EXISTS (SELECT 1 FROM deliveries x
				WHERE x.integration_id = d.integration_id AND x.kind = ? AND x.state = ?)`, us(before), store.KindApply, store.DeliveryPending)
		if err != nil {
			return err
		}
		if out, err = scanDegradations(rows); err != nil {
			return err
		}
		for _, d := range out {
			if _, err := s.restoreApply(ctx, tx, d.IntegrationID, now, "nothing_pending"); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("lapse apply degradations: %w", err)
	}
	return out, nil
}

func scanDegradations(rows *sql.Rows) ([]store.ApplyDegradation, error) {
	defer rows.Close()
	var out []store.ApplyDegradation
	for rows.Next() {
		var d store.ApplyDegradation
		var since int64
		if err := rows.Scan(&d.IntegrationID, &d.Reason, &since); err != nil {
			return nil, err
		}
		d.Since = fromUS(since)
		out = append(out, d)
	}
	return out, rows.Err()
}
