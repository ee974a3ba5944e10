package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// SetIntegrationStatus sets an integration's status and audits the change.
func (s *Store) SetIntegrationStatus(ctx context.Context, id, status string) (bool, error) {
	changed := false
	err := s.commit(ctx, func(tx *sql.Tx) error {
		var was string
		if err := s.txQueryRow(ctx, tx, `SELECT status FROM integrations WHERE id = ?`, id).Scan(&was); err != nil {
			return notFound("integration "+id, err)
		}
		if was == store.IntegrationDeleted {
			return store.ErrDeleted
		}
		if was == status {
			return nil
		}
		// The status is checked again in the write: a delete committed
		// since the read above is never undone.
		res, err := s.txExec(ctx, tx, `UPDATE integrations SET status = ? WHERE id = ? AND status = ?`, status, id, was)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return fmt.Errorf("integration %s changed meanwhile: %w", id, store.ErrConflict)
		}
		changed = true
		return s.audit(ctx, tx, statusAction(status), id, "status="+status+" was="+was)
	})
	if err != nil {
		return false, fmt.Errorf("set integration status: %w", err)
	}
	return changed, nil
}

// statusAction is the audit action of a change to status.
func statusAction(status string) string {
	switch status {
	case store.IntegrationDisabled:
		return "integration.disable"
	case store.IntegrationActive:
		return "integration.enable"
	}
	return "integration.status"
}

// CountArrivals counts ad revisions and applications written since since.
func (s *Store) CountArrivals(ctx context.Context, since time.Time) (store.Arrivals, error) {
	var a store.Arrivals
	err := s.queryRow(ctx, `SELECT (SELECT count(*) FROM ad_revisions WHERE created_at >= ?), (SELECT count(*) FROM applications WHERE created_at >= ?)`,
		us(since), us(since)).Scan(&a.Ads, &a.Applications)
	if err != nil {
		return a, fmt.Errorf("count arrivals: %w", err)
	}
	return a, nil
}

// ListPollStates lists every poll state by integration id.
func (s *Store) ListPollStates(ctx context.Context) ([]store.PollState, error) {
	rows, err := s.query(ctx, `SELECT `+pollColumns+` FROM poll_states ORDER BY integration_id`)
	if err != nil {
		return nil, fmt.Errorf("list poll states: %w", err)
	}
	defer rows.Close()
	var out []store.PollState
	for rows.Next() {
		st, err := scanPollState(rows)
		if err != nil {
			return nil, fmt.Errorf("list poll states: %w", err)
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// ListIntegrationActivity lists each integration's last ad change (its
// newest ad by updated_at, from the ads_integration_updated index) and its
// dead deliveries (counted once, from the deliveries_state index).
func (s *Store) ListIntegrationActivity(ctx context.Context) ([]store.IntegrationActivity, error) {
	rows, err := s.query(ctx, `SELECT i.id, COALESCE(a.id, ''), COALESCE(a.status, ''), COALESCE(a.updated_at, 0), COALESCE(dead.n, 0)
		FROM integrations i
		LEFT JOIN ads a ON a.id = (SELECT l.id FROM ads l WHERE l.integration_id = i.id ORDER BY l.updated_at DESC LIMIT 1)
		LEFT JOIN (SELECT integration_id, count(*) AS n FROM deliveries WHERE state = ? GROUP BY integration_id) dead ON dead.integration_id = i.id
		ORDER BY i.id`, store.DeliveryDead)
	if err != nil {
		return nil, fmt.Errorf("list integration activity: %w", err)
	}
	defer rows.Close()
	var out []store.IntegrationActivity
	for rows.Next() {
		var a store.IntegrationActivity
		var at int64
		if err := rows.Scan(&a.IntegrationID, &a.LastAdID, &a.LastAdStatus, &at, &a.Dead); err != nil {
			return nil, fmt.Errorf("list integration activity: %w", err)
		}
		a.LastAdChangeAt = timeOrZero(at)
		out = append(out, a)
	}
	return out, rows.Err()
}
