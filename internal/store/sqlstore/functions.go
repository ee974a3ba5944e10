package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jobgate/jobgate/internal/ids"
	"github.com/jobgate/jobgate/internal/store"
)

// deletedRevision is jobgate_upsert_ad's answer for a deleted
// integration's ad (migration 0019): nothing was written.
const deletedRevision = -1

// upsertAdFunction is UpsertAd as one call of jobgate_upsert_ad
// (Dialect.Functions): the ids are made here, the work is done there.
func (s *Store) upsertAdFunction(ctx context.Context, w store.AdWrite) (store.AdResult, error) {
	now := time.Now().UTC()
	adID := ids.New(ids.Ad)
	deliveryIDs := make([]string, len(w.Channels))
	for i := range deliveryIDs {
		deliveryIDs[i] = ids.New(ids.Delivery)
	}
	var res store.AdResult
	var id string
	var created, updated int64
	err := s.callFunction(ctx, `SELECT o_id, o_revision, o_created, o_changed, o_created_at, o_updated_at
		FROM jobgate_upsert_ad($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
		[]any{adID, w.AccountID, w.IntegrationID, w.Reference, w.Hash, string(w.Content), w.Title, w.EmployerText,
			w.SearchText, w.LocationText, w.ApplyMode, w.ApplyURL, us(now), w.Channels, deliveryIDs, w.Deadline,
			string(warningsJSON(w.Warnings)), deadlineEnd(w)},
		func(r scanner) error {
			return r.Scan(&id, &res.Ad.Revision, &res.Created, &res.Changed, &created, &updated)
		})
	if err != nil {
		return store.AdResult{}, fmt.Errorf("upsert ad: %w", err)
	}
	if res.Ad.Revision == deletedRevision {
		return store.AdResult{}, fmt.Errorf("upsert ad: integration %s: %w", w.IntegrationID, store.ErrDeleted)
	}
	res.Ad = store.AdRecord{ID: id, AccountID: w.AccountID, IntegrationID: w.IntegrationID, Reference: w.Reference,
		Status: store.AdLive, Revision: res.Ad.Revision, Hash: w.Hash, Content: w.Content, ApplyMode: w.ApplyMode, ApplyURL: w.ApplyURL,
		CreatedAt: fromUS(created), UpdatedAt: fromUS(updated), Warnings: warningsJSON(w.Warnings)}
	if !res.Changed {
		return res, nil
	}
	for i, ch := range w.Channels {
		res.Deliveries = append(res.Deliveries, store.Delivery{ID: deliveryIDs[i], Kind: store.KindPublish, Channel: ch, AdID: id,
			AccountID: w.AccountID, IntegrationID: w.IntegrationID, Revision: res.Ad.Revision, State: store.DeliveryPending,
			Generation: 1, NextAttemptAt: now, CreatedAt: now, UpdatedAt: now})
	}
	return res, nil
}

// completeDeliveryFunction is CompleteDelivery as one call of
// jobgate_complete_delivery.
func (s *Store) completeDeliveryFunction(ctx context.Context, id string, generation int, pub *store.Publication) error {
	var adID, channel, state, reference, url, reason sql.NullString
	var revision, sent sql.NullInt64
	if pub != nil {
		adID, channel, state = valid(pub.AdID), valid(pub.Channel), valid(pub.State)
		reference, url, reason = valid(pub.Reference), valid(pub.URL), valid(pub.Reason)
		revision = sql.NullInt64{Int64: int64(pub.Revision), Valid: true}
		sent = sql.NullInt64{Int64: usOrZero(pub.SentAt), Valid: true}
	}
	var ok bool
	err := s.callFunction(ctx, `SELECT jobgate_complete_delivery($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		[]any{id, generation, us(time.Now()), adID, channel, state, revision, reference, url, reason, sent},
		func(r scanner) error { return r.Scan(&ok) })
	if err != nil {
		return fmt.Errorf("complete delivery: %w", err)
	}
	if !ok {
		return fmt.Errorf("complete delivery: %s generation %d is not pending: %w", id, generation, store.ErrConflict)
	}
	return nil
}

// callFunction runs one call of a stored function, through the pipeline
// when there is one.
func (s *Store) callFunction(ctx context.Context, query string, args []any, scan func(scanner) error) error {
	if s.pipeline != nil {
		return s.pipeline.run(ctx, query, args, scan)
	}
	return scan(s.writer.QueryRowContext(ctx, query, args...))
}

// hotRead reads one row on a hot path (a key per request, a delivery per
// task): through the pipeline when there is one, so it shares a round trip
// with whatever else is due, else from the reader pool. query uses ?.
func (s *Store) hotRead(ctx context.Context, query string, args []any, scan func(scanner) error) error {
	if s.pipeline != nil {
		return s.pipeline.run(ctx, s.q(query), args, scan)
	}
	return scan(s.queryRow(ctx, query, args...))
}

func valid(s string) sql.NullString { return sql.NullString{String: s, Valid: true} }
