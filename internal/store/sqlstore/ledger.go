package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// nextSeq is the next sequence number of an application's events, read in
// the writing transaction: the writes that add events to one application
// are already serialised by its delivery's state and generation.
const nextSeq = `COALESCE((SELECT MAX(e.seq) FROM application_events e WHERE e.application_id = a.id), 0) + 1`

// addEvent appends an event to an application's ledger in tx.
func (s *Store) addEvent(ctx context.Context, tx *sql.Tx, applicationID string, at time.Time, hop, outcome, detail string) error {
	_, err := s.txExec(ctx, tx, `INSERT INTO application_events (application_id, seq, at, hop, outcome, detail)
		SELECT a.id, `+nextSeq+`, ?, ?, ?, ? FROM applications a WHERE a.id = ?`,
		us(at), hop, outcome, detail, applicationID)
	if err != nil {
		return fmt.Errorf("ledger %s: %w", hop, err)
	}
	return nil
}

// addDeliveryEvent appends an event to the ledger of the application a
// delivery takes, in tx; a delivery of another kind has none and writes
// nothing.
func (s *Store) addDeliveryEvent(ctx context.Context, tx *sql.Tx, deliveryID string, at time.Time, hop, outcome, detail string) error {
	_, err := s.txExec(ctx, tx, `INSERT INTO application_events (application_id, seq, at, hop, outcome, detail)
		SELECT a.id, `+nextSeq+`, ?, ?, ?, ? FROM applications a WHERE a.delivery_id = ?`,
		us(at), hop, outcome, detail, deliveryID)
	if err != nil {
		return fmt.Errorf("ledger %s: %w", hop, err)
	}
	return nil
}

// addCreated writes the received and stored hops of a new application.
func (s *Store) addCreated(ctx context.Context, tx *sql.Tx, w store.ApplicationWrite, committed time.Time) error {
	received := w.ReceivedAt
	if received.IsZero() || received.After(committed) {
		received = committed
	}
	if err := s.addEvent(ctx, tx, w.ID, received, store.HopReceived, store.OutcomeOK, w.Source); err != nil {
		return err
	}
	return s.addEvent(ctx, tx, w.ID, committed, store.HopStored, store.OutcomeOK, "files="+strconv.Itoa(len(w.Documents)))
}

// attemptOutcome names a failed attempt's outcome by the state it leaves.
func attemptOutcome(state string) string {
	switch state {
	case store.DeliveryDead:
		return store.OutcomeDead
	case store.DeliveryNeedsAttention:
		return store.OutcomeNeedsAttention
	}
	return store.OutcomeRetry
}

// ApplicationLedger lists an application's events in order.
func (s *Store) ApplicationLedger(ctx context.Context, applicationID string) ([]store.ApplicationEvent, error) {
	rows, err := s.query(ctx, `SELECT seq, at, hop, outcome, detail FROM application_events WHERE application_id = ? ORDER BY seq`, applicationID)
	if err != nil {
		return nil, fmt.Errorf("application ledger: %w", err)
	}
	defer rows.Close()
	out := []store.ApplicationEvent{}
	for rows.Next() {
		var e store.ApplicationEvent
		var at int64
		if err := rows.Scan(&e.Seq, &at, &e.Hop, &e.Outcome, &e.Detail); err != nil {
			return nil, fmt.Errorf("application ledger: %w", err)
		}
		e.At = fromUS(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// RecordATSOutcome records a later ATS status on the integration's
// application with that ATS id, unless it repeats the last one.
func (s *Store) RecordATSOutcome(ctx context.Context, o store.ATSOutcome) (string, error) {
	var id string
	err := s.commit(ctx, func(tx *sql.Tx) error {
		if o.ATSID == "" {
			return fmt.Errorf("no ATS id: %w", store.ErrNotFound)
		}
		err := s.txQueryRow(ctx, tx, `SELECT id FROM applications WHERE integration_id = ? AND ats_id = ? ORDER BY id LIMIT 1`+s.dialect.ForUpdate,
			o.IntegrationID, o.ATSID).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("ATS id of integration %s: %w", o.IntegrationID, store.ErrNotFound)
		}
		if err != nil {
			return err
		}
		var last string
		err = s.txQueryRow(ctx, tx, `SELECT outcome FROM application_events WHERE application_id = ? AND hop = ? ORDER BY seq DESC LIMIT 1`,
			id, store.HopATSStatus).Scan(&last)
		if err == nil && last == o.Outcome {
			return nil
		}
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		return s.addEvent(ctx, tx, id, time.Now(), store.HopATSStatus, o.Outcome, o.Detail)
	})
	if err != nil {
		return "", fmt.Errorf("record ATS outcome: %w", err)
	}
	return id, nil
}
