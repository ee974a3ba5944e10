package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jobgate/jobgate/internal/ids"
	"github.com/jobgate/jobgate/internal/store"
)

const applicationColumns = `a.id, a.account_id, a.integration_id, a.ad_id, a.applier, a.token_hash, a.content_hash, a.content, a.ats_id, a.delivery_id,
	d.state, d.last_error, d.attempts, a.created_at, a.delivered_at, a.source`

const applicationFrom = ` FROM applications a JOIN deliveries d ON d.id = a.delivery_id`

// CreateApplication stores an application with its documents and delivery,
// or returns the earlier one it repeats, or refuses a reused key.
func (s *Store) CreateApplication(ctx context.Context, w store.ApplicationWrite) (store.ApplicationResult, error) {
	var res store.ApplicationResult
	err := s.commit(ctx, func(tx *sql.Tx) error {
		res = store.ApplicationResult{}
		prev, found, err := s.repeatedApplication(ctx, tx, w)
		if err != nil {
			return err
		}
		if found && prev.ContentHash != w.ContentHash {
			return store.ErrKeyReused // only a key finds other content
		}
		if found {
			res.Application = prev
			return nil
		}
		var status string
		var revision int
		err = s.txQueryRow(ctx, tx, `SELECT status, revision FROM ads WHERE id = ?`, w.AdID).Scan(&status, &revision)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && status != store.AdLive) {
			return fmt.Errorf("ad %s is not live: %w", w.AdID, store.ErrNotFound)
		}
		if err != nil {
			return err
		}
		w.Revision = revision
		res.Application, res.Delivery, err = s.insertApplication(ctx, tx, w)
		res.Created = err == nil
		return err
	})
	if err != nil {
		return store.ApplicationResult{}, fmt.Errorf("create application: %w", err)
	}
	return res, nil
}

// repeatedApplication finds the application w would repeat: the one of
// the same ad and idempotency key when w has one (whatever its content:
// the caller compares), else the one of the same ad and content hash
// within the window. Where writers run in parallel (Postgres) it first
// locks what it looks for, so two submissions at once cannot both miss
// each other.
func (s *Store) repeatedApplication(ctx context.Context, tx *sql.Tx, w store.ApplicationWrite) (store.ApplicationRecord, bool, error) {
	lock := "application:" + w.AdID + ":" + w.ContentHash
	query, args := `SELECT `+applicationColumns+applicationFrom+` WHERE a.ad_id = ? AND a.content_hash = ? AND a.created_at >= ?`,
		[]any{w.AdID, w.ContentHash, us(time.Now().Add(-w.DedupeWindow))}
	if w.IdempotencyKey != "" {
		lock = "application-key:" + w.AdID + ":" + w.IdempotencyKey
		query, args = `SELECT `+applicationColumns+applicationFrom+` WHERE a.ad_id = ? AND a.idempotency_key = ?`, []any{w.AdID, w.IdempotencyKey}
	}
	if s.dialect.KeyLock != "" {
		if _, err := s.txExec(ctx, tx, s.dialect.KeyLock, lock); err != nil {
			return store.ApplicationRecord{}, false, err
		}
	}
	rec, err := scanApplication(s.txQueryRow(ctx, tx, query+` ORDER BY a.created_at LIMIT 1`, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return rec, false, nil
	}
	return rec, err == nil, err
}

func (s *Store) insertApplication(ctx context.Context, tx *sql.Tx, w store.ApplicationWrite) (store.ApplicationRecord, store.Delivery, error) {
	now := time.Now().UTC()
	d := store.Delivery{ID: ids.New(ids.Delivery), Kind: store.KindApply, Channel: w.Applier, AdID: w.AdID, AccountID: w.AccountID,
		IntegrationID: w.IntegrationID, Revision: w.Revision, State: store.DeliveryPending, NextAttemptAt: now, CreatedAt: now, UpdatedAt: now}
	if err := s.insertDelivery(ctx, tx, d); err != nil {
		return store.ApplicationRecord{}, d, err
	}
	_, err := s.txExec(ctx, tx, `INSERT INTO applications (id, account_id, integration_id, ad_id, applier, delivery_id, token_hash, idempotency_key, content_hash, content, ats_id, created_at, candidate_key, source)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)`,
		w.ID, w.AccountID, w.IntegrationID, w.AdID, w.Applier, d.ID, w.TokenHash, w.IdempotencyKey, w.ContentHash, string(w.Content), us(now), w.CandidateKey, w.Source)
	if err != nil {
		return store.ApplicationRecord{}, d, err
	}
	for i, doc := range w.Documents {
		_, err := s.txExec(ctx, tx, `INSERT INTO application_documents (application_id, seq, kind, file_name, content_type, size, sha256, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			w.ID, i, doc.Kind, doc.FileName, doc.ContentType, len(doc.Data), doc.SHA256, doc.Data)
		if err != nil {
			return store.ApplicationRecord{}, d, err
		}
	}
	if err := s.addCreated(ctx, tx, w, now); err != nil {
		return store.ApplicationRecord{}, d, err
	}
	rec := store.ApplicationRecord{ID: w.ID, AccountID: w.AccountID, IntegrationID: w.IntegrationID, AdID: w.AdID, Applier: w.Applier,
		TokenHash: w.TokenHash, ContentHash: w.ContentHash, Content: w.Content, DeliveryID: d.ID, State: d.State, CreatedAt: now, Source: w.Source}
	return rec, d, nil
}

// GetApplication returns an application with its delivery's state.
func (s *Store) GetApplication(ctx context.Context, id string) (store.ApplicationRecord, error) {
	rec, err := scanApplication(s.queryRow(ctx, `SELECT `+applicationColumns+applicationFrom+` WHERE a.id = ?`, id))
	if err != nil {
		return rec, notFound("get application", err)
	}
	return rec, nil
}

// LoadApplication returns a delivery's application with its documents.
func (s *Store) LoadApplication(ctx context.Context, deliveryID string) (store.ApplicationRecord, []store.ApplicationDocument, error) {
	rec, err := scanApplication(s.queryRow(ctx, `SELECT `+applicationColumns+applicationFrom+` WHERE a.delivery_id = ?`, deliveryID))
	if err != nil {
		return rec, nil, notFound("load application", err)
	}
	rows, err := s.query(ctx, `SELECT kind, file_name, content_type, sha256, data FROM application_documents WHERE application_id = ? ORDER BY seq`, rec.ID)
	if err != nil {
		return rec, nil, fmt.Errorf("load application documents: %w", err)
	}
	defer rows.Close()
	var docs []store.ApplicationDocument
	for rows.Next() {
		var d store.ApplicationDocument
		if err := rows.Scan(&d.Kind, &d.FileName, &d.ContentType, &d.SHA256, &d.Data); err != nil {
			return rec, nil, fmt.Errorf("load application documents: %w", err)
		}
		docs = append(docs, d)
	}
	return rec, docs, rows.Err()
}

// CompleteApplication records a delivered application and the ATS's id.
func (s *Store) CompleteApplication(ctx context.Context, deliveryID string, generation int, atsID string) error {
	err := s.commit(ctx, func(tx *sql.Tx) error {
		at := time.Now()
		now := us(at)
		if err := s.markDelivered(ctx, tx, deliveryID, generation, now); err != nil {
			return err
		}
		if _, err := s.txExec(ctx, tx, `UPDATE applications SET ats_id = ?, delivered_at = ? WHERE delivery_id = ?`, atsID, now, deliveryID); err != nil {
			return err
		}
		return s.addDeliveryEvent(ctx, tx, deliveryID, at, store.HopAccepted, store.OutcomeDelivered, atsID)
	})
	if err != nil {
		return fmt.Errorf("complete application: %w", err)
	}
	return nil
}

func scanApplication(r scanner) (store.ApplicationRecord, error) {
	var a store.ApplicationRecord
	var content string
	var created int64
	var delivered sql.NullInt64
	err := r.Scan(&a.ID, &a.AccountID, &a.IntegrationID, &a.AdID, &a.Applier, &a.TokenHash, &a.ContentHash, &content, &a.ATSID, &a.DeliveryID,
		&a.State, &a.LastError, &a.Attempts, &created, &delivered, &a.Source)
	a.Content, a.CreatedAt, a.DeliveredAt = []byte(content), fromUS(created), fromNullUS(delivered)
	return a, err
}
