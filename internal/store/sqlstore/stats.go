package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jobgate/jobgate/internal/store"
)

// addStats is one increment: the same SQL on SQLite and Postgres.
const addStats = `INSERT INTO ad_stats (ad_id, day, source, views, apply_starts, applications, delivered)
	VALUES (?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (ad_id, day, source) DO UPDATE SET views = ad_stats.views + excluded.views,
	apply_starts = ad_stats.apply_starts + excluded.apply_starts, applications = ad_stats.applications + excluded.applications,
	delivered = ad_stats.delivered + excluded.delivered`

// AddAdStats adds the increments in one transaction.
func (s *Store) AddAdStats(ctx context.Context, incs []store.AdStats) error {
	if len(incs) == 0 {
		return nil
	}
	err := s.commit(ctx, func(tx *sql.Tx) error {
		for _, in := range incs {
			if _, err := s.txExec(ctx, tx, addStats, in.AdID, in.Day, in.Source, in.Views, in.ApplyStarts, in.Applications, in.Delivered); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("add ad stats: %w", err)
	}
	return nil
}

// ListAdStats lists an ad's rows from..to, by day then source.
func (s *Store) ListAdStats(ctx context.Context, adID, from, to string) ([]store.AdStats, error) {
	rows, err := s.query(ctx, `SELECT ad_id, day, source, views, apply_starts, applications, delivered FROM ad_stats
		WHERE ad_id = ? AND day >= ? AND day <= ? ORDER BY day, source`, adID, from, to)
	if err != nil {
		return nil, fmt.Errorf("list ad stats: %w", err)
	}
	defer rows.Close()
	var out []store.AdStats
	for rows.Next() {
		var r store.AdStats
		if err := rows.Scan(&r.AdID, &r.Day, &r.Source, &r.Views, &r.ApplyStarts, &r.Applications, &r.Delivered); err != nil {
			return nil, fmt.Errorf("list ad stats: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
