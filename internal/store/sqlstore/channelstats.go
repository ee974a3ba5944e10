package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// putChannelStat stores one figure for the ad published on the channel
// under the reference; an older figure than the stored one only refreshes
// fetched_at. The same SQL on SQLite and Postgres.
const putChannelStat = `INSERT INTO channel_stats (ad_id, channel, metric, total, updated_at, fetched_at)
	SELECT p.ad_id, p.channel, CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT) FROM publications p WHERE p.channel = ? AND p.reference = ?
	ON CONFLICT (ad_id, channel, metric) DO UPDATE SET
	total = CASE WHEN excluded.updated_at >= channel_stats.updated_at THEN excluded.total ELSE channel_stats.total END,
	updated_at = CASE WHEN excluded.updated_at >= channel_stats.updated_at THEN excluded.updated_at ELSE channel_stats.updated_at END,
	fetched_at = excluded.fetched_at`

// PutChannelStats stores the figures in one transaction.
func (s *Store) PutChannelStats(ctx context.Context, channel string, stats []store.ChannelStatReport, fetchedAt time.Time) (int, error) {
	n := 0
	err := s.commit(ctx, func(tx *sql.Tx) error {
		n = 0
		for _, st := range stats {
			res, err := s.txExec(ctx, tx, putChannelStat, st.Metric, st.Total, us(st.UpdatedAt), us(fetchedAt), channel, st.Reference)
			if err != nil {
				return err
			}
			if k, err := res.RowsAffected(); err == nil && k > 0 {
				n++
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("put channel stats: %w", err)
	}
	return n, nil
}

// ListChannelStats lists an ad's figures by channel then metric.
func (s *Store) ListChannelStats(ctx context.Context, adID string) ([]store.ChannelStat, error) {
	rows, err := s.query(ctx, `SELECT ad_id, channel, metric, total, updated_at, fetched_at FROM channel_stats
		WHERE ad_id = ? ORDER BY channel, metric`, adID)
	if err != nil {
		return nil, fmt.Errorf("list channel stats: %w", err)
	}
	defer rows.Close()
	var out []store.ChannelStat
	for rows.Next() {
		var r store.ChannelStat
		var updated, fetched int64
		if err := rows.Scan(&r.AdID, &r.Channel, &r.Metric, &r.Total, &updated, &fetched); err != nil {
			return nil, fmt.Errorf("list channel stats: %w", err)
		}
		r.UpdatedAt, r.FetchedAt = fromUS(updated), fromUS(fetched)
		out = append(out, r)
	}
	return out, rows.Err()
}
