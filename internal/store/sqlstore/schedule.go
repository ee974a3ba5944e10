package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// DueScheduledAds lists the scheduled ads due at now, through the partial
// index on publish_at.
func (s *Store) DueScheduledAds(ctx context.Context, now time.Time, limit int) ([]store.AdKey, error) {
	if limit <= 0 {
		limit = 500
	}
	// The literal matches the partial index's predicate, so the planner
	// can use it.
	return s.queryAdKeys(ctx, "due scheduled ads", `SELECT integration_id, reference FROM ads WHERE status = 'scheduled' AND publish_at <= ? ORDER BY publish_at, id LIMIT ?`,
		us(now), limit)
}

// queryAdKeys runs a query of (integration_id, reference) rows; what
// names it in errors.
func (s *Store) queryAdKeys(ctx context.Context, what, query string, args ...any) ([]store.AdKey, error) {
	return queryRows(ctx, s, what, query, args, func(r scanner, k *store.AdKey) error {
		return r.Scan(&k.IntegrationID, &k.Reference)
	})
}

// ReleaseAd makes a due scheduled ad live with its publish deliveries.
func (s *Store) ReleaseAd(ctx context.Context, integrationID, reference string, channels []string, now time.Time) (store.AdResult, error) {
	var res store.AdResult
	err := s.commit(ctx, func(tx *sql.Tx) error {
		res = store.AdResult{}
		cur, err := s.lockAd(ctx, tx, integrationID, reference)
		if err != nil {
			return err
		}
		res.Ad = cur
		if cur.Status != store.AdScheduled || cur.PublishAt.After(now) {
			return nil
		}
		updated := time.Now().UTC()
		if _, err := s.txExec(ctx, tx, `UPDATE ads SET status = ?, publish_at = 0, updated_at = ? WHERE id = ?`, store.AdLive, us(updated), cur.ID); err != nil {
			return err
		}
		res.Ad.Status, res.Ad.PublishAt, res.Ad.UpdatedAt, res.Changed = store.AdLive, time.Time{}, updated, true
		return s.insertDeliveries(ctx, tx, res.Ad, store.KindPublish, channels, &res)
	})
	if err != nil {
		return store.AdResult{}, fmt.Errorf("release ad: %w", err)
	}
	return res, nil
}
