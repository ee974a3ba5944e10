package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// CompletePublish records a publish's outcome; one that landed after its
// ad left is recorded as it is and taken down by a new withdraw delivery.
func (s *Store) CompletePublish(ctx context.Context, id string, generation int, pub store.Publication) (*store.Delivery, error) {
	var out *store.Delivery
	err := s.commit(ctx, func(tx *sql.Tx) error {
		out = nil
		if err := s.markDelivered(ctx, tx, id, generation, us(time.Now())); err != nil {
			return err
		}
		a, err := scanAd(s.txQueryRow(ctx, tx, `SELECT `+adColumns+` FROM ads WHERE id = ?`+s.dialect.ForUpdate, pub.AdID))
		if err != nil {
			return notFound("ad "+pub.AdID, err)
		}
		if a.Status == store.AdLive || pub.State == store.PublicationRejected || pub.State == store.PublicationWithdrawn {
			return s.upsertPublication(ctx, tx, pub)
		}
		landed, err := s.recordLanded(ctx, tx, pub)
		if err != nil || !landed {
			return err
		}
		res := store.AdResult{}
		if err := s.insertDeliveries(ctx, tx, a, store.KindWithdraw, []string{pub.Channel}, &res); err != nil {
			return err
		}
		out = &res.Deliveries[0]
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("complete publish: %w", err)
	}
	return out, nil
}

// recordLanded stores the publication as the channel has it, although its
// ad is not live, unless a newer revision's is stored; it reports whether
// it stored it.
func (s *Store) recordLanded(ctx context.Context, tx *sql.Tx, p store.Publication) (bool, error) {
	res, err := s.txExec(ctx, tx, `INSERT INTO publications (ad_id, channel, state, revision, reference, url, reason, updated_at, sent_at, checks)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
		ON CONFLICT (ad_id, channel) DO UPDATE SET state = excluded.state, revision = excluded.revision, reference = excluded.reference,
			url = excluded.url, reason = excluded.reason, updated_at = excluded.updated_at, sent_at = excluded.sent_at, checks = 0
		WHERE excluded.revision >= publications.revision`,
		p.AdID, p.Channel, p.State, p.Revision, p.Reference, p.URL, p.Reason, us(time.Now()), usOrZero(p.SentAt))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}
