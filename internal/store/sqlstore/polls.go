package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

const pollColumns = `integration_id, lease_until, last_poll_at, last_success_at, outcome, error, failures,
	listed, created, updated, withdrawn, unchanged, invalid, held, etag, last_modified, next_poll_at, missing, warned, notes`

// ListAdStates lists what a poll diffs against: one indexed read, however
// many ads the integration has.
func (s *Store) ListAdStates(ctx context.Context, integrationID string) ([]store.AdState, error) {
	rows, err := s.query(ctx, `SELECT reference, hash, status FROM ads WHERE integration_id = ?`, integrationID)
	if err != nil {
		return nil, fmt.Errorf("list ad states: %w", err)
	}
	defer rows.Close()
	var out []store.AdState
	for rows.Next() {
		var a store.AdState
		if err := rows.Scan(&a.Reference, &a.Hash, &a.Status); err != nil {
			return nil, fmt.Errorf("list ad states: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AcquirePoll takes the poll lease when it is free or expired: one
// conditional upsert, so two workers racing for it cannot both win.
func (s *Store) AcquirePoll(ctx context.Context, integrationID, owner string, until time.Time) (store.PollState, bool, error) {
	var st store.PollState
	var taken bool
	err := s.commit(ctx, func(tx *sql.Tx) error {
		var n int
		if err := s.txQueryRow(ctx, tx, `SELECT count(*) FROM integrations WHERE id = ?`, integrationID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("integration %s: %w", integrationID, store.ErrNotFound)
		}
		res, err := s.txExec(ctx, tx, `INSERT INTO poll_states (integration_id, lease_owner, lease_until, last_poll_at, last_success_at, outcome, error, failures,
			listed, created, updated, withdrawn, unchanged, invalid, held, etag, last_modified, next_poll_at)
			VALUES (?, ?, ?, 0, 0, '', '', 0, 0, 0, 0, 0, 0, 0, 0, '', '', 0)
			ON CONFLICT (integration_id) DO UPDATE SET lease_owner = excluded.lease_owner, lease_until = excluded.lease_until
			WHERE poll_states.lease_until <= ?`, integrationID, owner, us(until), us(time.Now()))
		if err != nil {
			return err
		}
		affected, err := res.RowsAffected()
		if err != nil {
			return err
		}
		taken = affected > 0
		st, err = scanPollState(s.txQueryRow(ctx, tx, `SELECT `+pollColumns+` FROM poll_states WHERE integration_id = ?`, integrationID))
		return err
	})
	if err != nil {
		return st, false, fmt.Errorf("acquire poll: %w", err)
	}
	return st, taken, nil
}

// FinishPoll records the outcome and frees the lease in one statement.
func (s *Store) FinishPoll(ctx context.Context, owner string, st store.PollState) error {
	c := st.Counts
	res, err := s.execOne(ctx, `UPDATE poll_states SET lease_owner = '', lease_until = 0, last_poll_at = ?, last_success_at = ?, outcome = ?, error = ?, failures = ?,
		listed = ?, created = ?, updated = ?, withdrawn = ?, unchanged = ?, invalid = ?, held = ?, etag = ?, last_modified = ?, next_poll_at = ?, missing = ?,
		warned = ?, notes = ?
		WHERE integration_id = ? AND lease_owner = ?`,
		usOrZero(st.LastPollAt), usOrZero(st.LastSuccessAt), st.Outcome, st.Error, st.Failures,
		c.Listed, c.Created, c.Updated, c.Withdrawn, c.Unchanged, c.Invalid, c.Held, st.ETag, st.LastModified, usOrZero(st.NextPollAt),
		missingJSON(st.Missing), c.Warned, notesJSON(st.Notes), st.IntegrationID, owner)
	if err != nil {
		return fmt.Errorf("finish poll: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("finish poll %s: lease lost: %w", st.IntegrationID, store.ErrConflict)
	}
	return nil
}

// GetPollState returns an integration's poll state.
func (s *Store) GetPollState(ctx context.Context, integrationID string) (store.PollState, error) {
	st, err := scanPollState(s.queryRow(ctx, `SELECT `+pollColumns+` FROM poll_states WHERE integration_id = ?`, integrationID))
	if err != nil {
		return st, notFound("get poll state", err)
	}
	return st, nil
}

// DuePolls lists the integrations due for a poll: never polled, or past
// their next poll with no live lease.
func (s *Store) DuePolls(ctx context.Context, vendors []string, now time.Time, limit int) ([]store.DuePoll, error) {
	if len(vendors) == 0 {
		return nil, nil
	}
	if limit <= 0 {
		limit = 500
	}
	args := make([]any, 0, len(vendors)+4)
	for _, v := range vendors {
		args = append(args, v)
	}
	args = append(args, store.IntegrationActive, us(now), us(now), limit)
	rows, err := s.query(ctx, `SELECT i.id, COALESCE(p.next_poll_at, 0) FROM integrations i LEFT JOIN poll_states p ON p.integration_id = i.id
		WHERE i.vendor IN (`+strings.TrimSuffix(strings.Repeat("?, ", len(vendors)), ", ")+`) AND i.status = ?
		AND (p.integration_id IS NULL OR (p.next_poll_at <= ? AND p.lease_until <= ?))
		ORDER BY COALESCE(p.next_poll_at, 0), i.id LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("due polls: %w", err)
	}
	defer rows.Close()
	var out []store.DuePoll
	for rows.Next() {
		var d store.DuePoll
		var next int64
		if err := rows.Scan(&d.IntegrationID, &next); err != nil {
			return nil, fmt.Errorf("due polls: %w", err)
		}
		d.NextPollAt = timeOrZero(next)
		out = append(out, d)
	}
	return out, rows.Err()
}

func scanPollState(r scanner) (store.PollState, error) {
	var st store.PollState
	c := &st.Counts
	var lease, last, success, next int64
	var missing, notes string
	err := r.Scan(&st.IntegrationID, &lease, &last, &success, &st.Outcome, &st.Error, &st.Failures,
		&c.Listed, &c.Created, &c.Updated, &c.Withdrawn, &c.Unchanged, &c.Invalid, &c.Held, &st.ETag, &st.LastModified, &next, &missing,
		&c.Warned, &notes)
	if err != nil {
		return st, err
	}
	st.LeaseUntil, st.LastPollAt, st.LastSuccessAt, st.NextPollAt = timeOrZero(lease), timeOrZero(last), timeOrZero(success), timeOrZero(next)
	if err := json.Unmarshal([]byte(missing), &st.Missing); err != nil {
		return st, fmt.Errorf("poll state %s missing: %w", st.IntegrationID, err)
	}
	if err := json.Unmarshal([]byte(notes), &st.Notes); err != nil {
		return st, fmt.Errorf("poll state %s notes: %w", st.IntegrationID, err)
	}
	return st, nil
}

func missingJSON(refs []string) string {
	if len(refs) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(refs)
	return string(b)
}

// notesJSON encodes a poll's notes. The poll has bounded them and made
// their text valid UTF-8 without NUL (a reference from a feed may be
// neither), so both stores keep them as they are.
func notesJSON(n store.PollNotes) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// usOrZero stores the zero time as 0 ("never").
func usOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return us(t)
}

func timeOrZero(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return fromUS(v)
}
