package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

const deliveryColumns = `id, kind, channel, ad_id, account_id, integration_id, revision, state, generation, attempts, last_error, next_attempt_at, created_at, updated_at, delivered_at`

func (s *Store) insertDelivery(ctx context.Context, tx *sql.Tx, d store.Delivery) error {
	_, err := s.txExec(ctx, tx, `INSERT INTO deliveries (`+deliveryColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.ID, d.Kind, d.Channel, d.AdID, d.AccountID, d.IntegrationID, d.Revision, d.State, d.Generation, d.Attempts, d.LastError,
		us(d.NextAttemptAt), us(d.CreatedAt), us(d.UpdatedAt), nullUS(d.DeliveredAt))
	return err
}

// GetDelivery returns a delivery.
func (s *Store) GetDelivery(ctx context.Context, id string) (store.Delivery, error) {
	d, err := scanDelivery(s.queryRow(ctx, `SELECT `+deliveryColumns+` FROM deliveries WHERE id = ?`, id))
	if err != nil {
		return d, notFound("get delivery", err)
	}
	return d, nil
}

// LoadDelivery returns a delivery with its ad and the ad's publication on
// the delivery's channel.
func (s *Store) LoadDelivery(ctx context.Context, id string) (store.Delivery, store.AdRecord, error) {
	var p store.Publication
	var state, reference, url, reason sql.NullString
	var revision, updated, sent, checks sql.NullInt64
	var d store.Delivery
	var a store.AdRecord
	dDest, dDone := deliveryDest(&d)
	aDest, aDone := adDest(&a)
	err := s.hotRead(ctx, `SELECT `+prefixed("d.", deliveryColumns)+`, `+prefixed("a.", adColumns)+`,
		p.state, p.revision, p.reference, p.url, p.reason, p.updated_at, p.sent_at, p.checks
		FROM deliveries d JOIN ads a ON a.id = d.ad_id LEFT JOIN publications p ON p.ad_id = d.ad_id AND p.channel = d.channel
		WHERE d.id = ?`, []any{id}, func(r scanner) error {
		return r.Scan(append(append(dDest, aDest...), &state, &revision, &reference, &url, &reason, &updated, &sent, &checks)...)
	})
	if err != nil {
		return d, a, notFound("load delivery", err)
	}
	dDone()
	aDone()
	if state.Valid {
		p = store.Publication{AdID: a.ID, Channel: d.Channel, State: state.String, Revision: int(revision.Int64),
			Reference: reference.String, URL: url.String, Reason: reason.String, UpdatedAt: fromUS(updated.Int64),
			SentAt: timeOrZero(sent.Int64), Checks: int(checks.Int64)}
		a.Publications = []store.Publication{p}
	}
	return d, a, nil
}

// ListDeliveries lists deliveries, newest first.
func (s *Store) ListDeliveries(ctx context.Context, f store.DeliveryFilter) ([]store.Delivery, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	query := `SELECT ` + deliveryColumns + ` FROM deliveries WHERE 1 = 1`
	var args []any
	if f.State != "" {
		query += ` AND state = ?`
		args = append(args, f.State)
	}
	if f.AdID != "" {
		query += ` AND ad_id = ?`
		args = append(args, f.AdID)
	}
	query += ` ORDER BY id DESC LIMIT ?`
	return s.queryDeliveries(ctx, "list deliveries", query, append(args, limit)...)
}

// DueDeliveries lists pending deliveries due at due, oldest first.
func (s *Store) DueDeliveries(ctx context.Context, due time.Time, afterID string, limit int) ([]store.Delivery, error) {
	query := `SELECT ` + deliveryColumns + ` FROM deliveries WHERE state = 'pending' AND id > ? AND next_attempt_at <= ? ORDER BY id LIMIT ?`
	return s.queryDeliveries(ctx, "due deliveries", query, afterID, us(due), limit)
}

func (s *Store) queryDeliveries(ctx context.Context, what, query string, args ...any) ([]store.Delivery, error) {
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []store.Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// CountDeliveries counts the pending, dead and needs_attention deliveries. Delivered ones
// are not counted: they grow without bound, and counting them would scan
// the table on every scrape.
func (s *Store) CountDeliveries(ctx context.Context) (map[string]int, error) {
	out := map[string]int{}
	for _, st := range []string{store.DeliveryPending, store.DeliveryDead, store.DeliveryNeedsAttention} {
		var n int
		if err := s.queryRow(ctx, `SELECT count(*) FROM deliveries WHERE state = ?`, st).Scan(&n); err != nil {
			return nil, fmt.Errorf("count deliveries: %w", err)
		}
		out[st] = n
	}
	return out, nil
}

// OldestPendingDeliveries returns the creation time of the oldest pending
// delivery of each kind and channel. The partial index deliveries_pending
// keeps it to the pending rows: the backlog, not the table. The state is
// written into the query, not bound, so that Postgres' generic plan can
// use that index too.
func (s *Store) OldestPendingDeliveries(ctx context.Context) ([]store.PendingSince, error) {
	rows, err := s.query(ctx, `SELECT kind, channel, min(created_at) FROM deliveries WHERE state = '`+store.DeliveryPending+`'
		GROUP BY kind, channel ORDER BY kind, channel`)
	if err != nil {
		return nil, fmt.Errorf("oldest pending deliveries: %w", err)
	}
	defer rows.Close()
	var out []store.PendingSince
	for rows.Next() {
		var p store.PendingSince
		var oldest int64
		if err := rows.Scan(&p.Kind, &p.Channel, &oldest); err != nil {
			return nil, fmt.Errorf("oldest pending deliveries: %w", err)
		}
		p.Oldest = fromUS(oldest)
		out = append(out, p)
	}
	return out, rows.Err()
}

// PendingPublications lists a channel's undecided publications (pending,
// or unknown), oldest first.
func (s *Store) PendingPublications(ctx context.Context, channel string, before time.Time, limit int) ([]store.Publication, error) {
	if limit <= 0 {
		limit = 500
	}
	return s.queryPublications(ctx, "pending publications", `SELECT `+publicationColumns+` FROM publications
		WHERE channel = ? AND state IN (?, ?) AND updated_at < ? ORDER BY updated_at LIMIT ?`,
		channel, store.PublicationPending, store.PublicationUnknown, us(before), limit)
}

// LivePublications pages through a channel's live publications.
func (s *Store) LivePublications(ctx context.Context, channel, afterAdID string, limit int) ([]store.Publication, error) {
	if limit <= 0 {
		limit = 500
	}
	return s.queryPublications(ctx, "live publications", `SELECT `+publicationColumns+` FROM publications
		WHERE channel = ? AND state = ? AND ad_id > ? ORDER BY ad_id LIMIT ?`, channel, store.PublicationLive, afterAdID, limit)
}

// RepublishAd writes one publish delivery for a live ad on a channel.
func (s *Store) RepublishAd(ctx context.Context, adID, channel string) (store.Delivery, bool, error) {
	var res store.AdResult
	err := s.commit(ctx, func(tx *sql.Tx) error {
		res = store.AdResult{}
		a, err := scanAd(s.txQueryRow(ctx, tx, `SELECT `+adColumns+` FROM ads WHERE id = ?`+s.dialect.ForUpdate, adID))
		if err != nil {
			return notFound("ad "+adID, err)
		}
		if a.Status != store.AdLive {
			return nil
		}
		var n int
		if err := s.txQueryRow(ctx, tx, `SELECT count(*) FROM deliveries WHERE ad_id = ? AND channel = ? AND kind = ? AND state = ?`,
			adID, channel, store.KindPublish, store.DeliveryPending).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		return s.insertDeliveries(ctx, tx, a, store.KindPublish, []string{channel}, &res)
	})
	if err != nil {
		return store.Delivery{}, false, fmt.Errorf("republish ad: %w", err)
	}
	if len(res.Deliveries) == 0 {
		return store.Delivery{}, false, nil
	}
	return res.Deliveries[0], true, nil
}

// UpdatePublication stores a channel's verdict on a publication, if it is
// still at that revision.
func (s *Store) UpdatePublication(ctx context.Context, p store.Publication) error {
	_, err := s.execOne(ctx, `UPDATE publications SET state = ?, url = ?, reason = ?, checks = ?, updated_at = ? WHERE ad_id = ? AND channel = ? AND revision = ?`,
		p.State, p.URL, p.Reason, p.Checks, us(time.Now()), p.AdID, p.Channel, p.Revision)
	if err != nil {
		return fmt.Errorf("update publication: %w", err)
	}
	return nil
}

// CountPublications counts publications by channel and state, from the
// (channel, state, ad_id) index.
func (s *Store) CountPublications(ctx context.Context) (map[[2]string]int, error) {
	rows, err := s.query(ctx, `SELECT channel, state, count(*) FROM publications GROUP BY channel, state`)
	if err != nil {
		return nil, fmt.Errorf("count publications: %w", err)
	}
	defer rows.Close()
	out := map[[2]string]int{}
	for rows.Next() {
		var channel, state string
		var n int
		if err := rows.Scan(&channel, &state, &n); err != nil {
			return nil, fmt.Errorf("count publications: %w", err)
		}
		out[[2]string{channel, state}] = n
	}
	return out, rows.Err()
}

// CompleteDelivery records a delivered outcome and its publication.
func (s *Store) CompleteDelivery(ctx context.Context, id string, generation int, pub *store.Publication) error {
	if s.dialect.Functions {
		return s.completeDeliveryFunction(ctx, id, generation, pub)
	}
	err := s.commit(ctx, func(tx *sql.Tx) error {
		if err := s.markDelivered(ctx, tx, id, generation, us(time.Now())); err != nil {
			return err
		}
		if pub == nil {
			return nil
		}
		return s.upsertPublication(ctx, tx, *pub)
	})
	if err != nil {
		return fmt.Errorf("complete delivery: %w", err)
	}
	return nil
}

// markDelivered marks a pending delivery of that generation delivered at
// now; ErrConflict when it is not pending in that generation.
func (s *Store) markDelivered(ctx context.Context, tx *sql.Tx, id string, generation int, now int64) error {
	res, err := s.txExec(ctx, tx, `UPDATE deliveries SET state = ?, updated_at = ?, delivered_at = ?, last_error = '' WHERE id = ? AND generation = ? AND state = ?`,
		store.DeliveryDelivered, now, now, id, generation, store.DeliveryPending)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("delivery %s generation %d is not pending: %w", id, generation, store.ErrConflict)
	}
	return nil
}

// upsertPublication stores a channel state. A publication never goes back
// to an older revision, and is never marked live while the ad is not live
// (a publish that raced a withdrawal or a rescheduling loses), as
// jobgate_complete_delivery does on Postgres.
func (s *Store) upsertPublication(ctx context.Context, tx *sql.Tx, p store.Publication) error {
	_, err := s.txExec(ctx, tx, `INSERT INTO publications (ad_id, channel, state, revision, reference, url, reason, updated_at, sent_at, checks)
		SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, 0 FROM ads WHERE id = ? AND (? <> ? OR status = ?)
		ON CONFLICT (ad_id, channel) DO UPDATE SET state = excluded.state, revision = excluded.revision, reference = excluded.reference,
			url = excluded.url, reason = excluded.reason, updated_at = excluded.updated_at, sent_at = excluded.sent_at, checks = 0
		WHERE excluded.revision >= publications.revision`,
		p.AdID, p.Channel, p.State, p.Revision, p.Reference, p.URL, p.Reason, us(time.Now()), usOrZero(p.SentAt),
		p.AdID, p.State, store.PublicationLive, store.AdLive)
	return err
}

// FailDelivery records a failed attempt.
func (s *Store) FailDelivery(ctx context.Context, id string, generation int, f store.Failure) error {
	state, next := store.DeliveryPending, f.NextAttemptAt
	switch {
	case f.Dead && f.NeedsAttention:
		state, next = store.DeliveryNeedsAttention, time.Now()
	case f.Dead:
		state, next = store.DeliveryDead, time.Now()
	}
	counted := 0
	if f.CountsAttempt {
		counted = 1
	}
	err := s.commit(ctx, func(tx *sql.Tx) error {
		now := time.Now()
		res, err := s.txExec(ctx, tx, `UPDATE deliveries SET state = ?, attempts = attempts + ?, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND generation = ? AND state = ?`,
			state, counted, f.Reason, us(next), us(now), id, generation, store.DeliveryPending)
		if err != nil {
			return err
		}
		if n, rerr := res.RowsAffected(); rerr != nil || n == 0 {
			return fmt.Errorf("delivery %s generation %d is not pending: %w", id, generation, store.ErrConflict)
		}
		// A wait that used up no attempt (backpressure) is not an
		// attempt: the ledger would fill with it.
		if !f.CountsAttempt && !f.Dead {
			return nil
		}
		return s.addDeliveryEvent(ctx, tx, id, now, store.HopAttempt, attemptOutcome(state), f.Reason)
	})
	if err != nil {
		return fmt.Errorf("fail delivery: %w", err)
	}
	return nil
}

// ReplayDelivery puts a delivery back to pending in a new generation.
func (s *Store) ReplayDelivery(ctx context.Context, id string) (store.Delivery, error) {
	var d store.Delivery
	err := s.commit(ctx, func(tx *sql.Tx) error {
		var err error
		d, err = s.replay(ctx, tx, id)
		return err
	})
	if err != nil {
		return store.Delivery{}, fmt.Errorf("replay delivery: %w", err)
	}
	return d, nil
}

// ReplayDead replays every dead delivery: ReplayDeadDeliveries with no
// filter.
func (s *Store) ReplayDead(ctx context.Context) ([]store.Delivery, error) {
	return s.ReplayDeadDeliveries(ctx, store.DeliveryQuery{})
}

func (s *Store) replay(ctx context.Context, tx *sql.Tx, id string) (store.Delivery, error) {
	now := us(time.Now())
	// next_attempt_at 0: due at once, so the reconciler enqueues it on its
	// next pass when nobody else does (the CLI in embedded mode).
	res, err := s.txExec(ctx, tx, `UPDATE deliveries SET state = ?, generation = generation + 1, attempts = 0, next_attempt_at = 0, updated_at = ? WHERE id = ? AND state <> ?`,
		store.DeliveryPending, now, id, store.DeliveryDelivered)
	if err != nil {
		return store.Delivery{}, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		var exists int
		_ = s.txQueryRow(ctx, tx, `SELECT count(*) FROM deliveries WHERE id = ?`, id).Scan(&exists)
		if exists == 0 {
			return store.Delivery{}, fmt.Errorf("delivery %s: %w", id, store.ErrNotFound)
		}
		return store.Delivery{}, fmt.Errorf("delivery %s was delivered: %w", id, store.ErrConflict)
	}
	d, err := scanDelivery(s.txQueryRow(ctx, tx, `SELECT `+deliveryColumns+` FROM deliveries WHERE id = ?`, id))
	if err != nil {
		return d, err
	}
	if err := s.addDeliveryEvent(ctx, tx, id, fromUS(now), store.HopReplayed, store.OutcomeOK, fmt.Sprintf("generation=%d", d.Generation)); err != nil {
		return d, err
	}
	return d, s.audit(ctx, tx, "delivery.replay", id, fmt.Sprintf("generation=%d", d.Generation))
}

func scanDelivery(r scanner) (store.Delivery, error) {
	var d store.Delivery
	dest, done := deliveryDest(&d)
	err := r.Scan(dest...)
	done()
	return d, err
}

// deliveryDest returns the scan destinations of deliveryColumns for d, and
// a function that moves the scanned values into d.
func deliveryDest(d *store.Delivery) ([]any, func()) {
	var adID sql.NullString
	var next, created, updated int64
	var delivered sql.NullInt64
	return []any{&d.ID, &d.Kind, &d.Channel, &adID, &d.AccountID, &d.IntegrationID, &d.Revision, &d.State, &d.Generation, &d.Attempts, &d.LastError,
			&next, &created, &updated, &delivered}, func() {
			d.AdID = adID.String
			d.NextAttemptAt, d.CreatedAt, d.UpdatedAt, d.DeliveredAt = fromUS(next), fromUS(created), fromUS(updated), fromNullUS(delivered)
		}
}
