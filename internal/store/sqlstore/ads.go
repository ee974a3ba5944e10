package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jobgate/jobgate/internal/ids"
	"github.com/jobgate/jobgate/internal/store"
)

const adColumns = `id, account_id, integration_id, reference, status, revision, hash, content, apply_mode, apply_url, created_at, updated_at, publish_at, warnings`

// UpsertAd creates or updates an ad, writing its revision and publish
// deliveries in the same transaction.
func (s *Store) UpsertAd(ctx context.Context, w store.AdWrite) (store.AdResult, error) {
	if s.dialect.Functions && w.PublishAt.IsZero() {
		// A scheduled write takes the transaction below: the function
		// knows only live ads (it leaves publish_at as it was, which is
		// read for scheduled ads only).
		return s.upsertAdFunction(ctx, w)
	}
	var res store.AdResult
	err := s.commit(ctx, func(tx *sql.Tx) error {
		res = store.AdResult{}
		if err := s.takesAds(ctx, tx, w.IntegrationID); err != nil {
			return err
		}
		cur, err := s.lockAd(ctx, tx, w.IntegrationID, w.Reference)
		switch {
		case errors.Is(err, store.ErrNotFound):
			return s.insertAd(ctx, tx, w, &res)
		case err != nil:
			return err
		case unchanged(cur, w):
			res.Ad = cur
			return s.keepWarnings(ctx, tx, w, &res.Ad)
		default:
			return s.updateAd(ctx, tx, cur, w, &res)
		}
	})
	if err != nil {
		return store.AdResult{}, fmt.Errorf("upsert ad: %w", err)
	}
	return res, nil
}

// takesAds refuses a deleted integration's ad with ErrDeleted. The read
// shares the integration's row lock with DeleteIntegration's (FOR UPDATE
// on Postgres; SQLite's writer excludes every other), so no ad is put
// live behind a delete that withdrew them all.
func (s *Store) takesAds(ctx context.Context, tx *sql.Tx, integrationID string) error {
	var status string
	err := s.txQueryRow(ctx, tx, `SELECT status FROM integrations WHERE id = ?`+s.dialect.ForUpdate, integrationID).Scan(&status)
	switch {
	case err != nil:
		return notFound("integration "+integrationID, err)
	case status == store.IntegrationDeleted:
		return fmt.Errorf("integration %s: %w", integrationID, store.ErrDeleted)
	}
	return nil
}

// lockAd reads an ad for update. On SQLite the writer's transaction already
// excludes every other writer.
func (s *Store) lockAd(ctx context.Context, tx *sql.Tx, integrationID, reference string) (store.AdRecord, error) {
	row := s.txQueryRow(ctx, tx, `SELECT `+adColumns+` FROM ads WHERE integration_id = ? AND reference = ?`+s.dialect.ForUpdate, integrationID, reference)
	a, err := scanAd(row)
	if err != nil {
		return a, notFound("ad", err)
	}
	return a, nil
}

// unchanged reports whether w would change nothing of cur: the same
// content, and live or scheduled as w asks.
func unchanged(cur store.AdRecord, w store.AdWrite) bool {
	return cur.Hash == w.Hash && cur.Status == writeStatus(w)
}

// writeStatus is the state w puts its ad in: scheduled when it carries a
// publish time, else live.
func writeStatus(w store.AdWrite) string {
	if w.PublishAt.IsZero() {
		return store.AdLive
	}
	return store.AdScheduled
}

func (s *Store) insertAd(ctx context.Context, tx *sql.Tx, w store.AdWrite, res *store.AdResult) error {
	now := time.Now().UTC()
	a := store.AdRecord{ID: ids.New(ids.Ad), AccountID: w.AccountID, IntegrationID: w.IntegrationID, Reference: w.Reference,
		Status: writeStatus(w), Revision: 1, Hash: w.Hash, Content: w.Content, ApplyMode: w.ApplyMode, ApplyURL: w.ApplyURL, CreatedAt: now, UpdatedAt: now,
		PublishAt: w.PublishAt, Warnings: warningsJSON(w.Warnings)}
	// ON CONFLICT DO NOTHING: a concurrent writer on another connection may
	// have inserted the same reference since lockAd; then we update theirs.
	r, err := s.txExec(ctx, tx, `INSERT INTO ads (id, account_id, integration_id, reference, status, revision, hash, content, title, employer_text, search_text, location_text, apply_mode, apply_url, created_at, updated_at, deadline, publish_at, warnings, deadline_end)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (integration_id, reference) DO NOTHING`,
		a.ID, a.AccountID, a.IntegrationID, a.Reference, a.Status, a.Revision, a.Hash, string(a.Content),
		w.Title, w.EmployerText, w.SearchText, w.LocationText, a.ApplyMode, a.ApplyURL, us(now), us(now), w.Deadline, usOrZero(w.PublishAt),
		string(a.Warnings), deadlineEnd(w))
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		cur, err := s.lockAd(ctx, tx, w.IntegrationID, w.Reference)
		if err != nil {
			return err
		}
		if unchanged(cur, w) {
			res.Ad = cur
			return s.keepWarnings(ctx, tx, w, &res.Ad)
		}
		return s.updateAd(ctx, tx, cur, w, res)
	}
	res.Ad, res.Created, res.Changed = a, true, true
	if a.Status == store.AdScheduled {
		return s.writeRevision(ctx, tx, a, store.KindPublish, nil, res)
	}
	return s.writeRevision(ctx, tx, a, store.KindPublish, w.Channels, res)
}

// updateAd writes w as the ad's next revision: published on w's
// channels, or, when w is scheduled, taken off the channels it is on or on
// its way to until its publish time (as WordPress holds a post whose date
// is in the future, which is what Ponty's reference receiver relies on).
func (s *Store) updateAd(ctx context.Context, tx *sql.Tx, cur store.AdRecord, w store.AdWrite, res *store.AdResult) error {
	now := time.Now().UTC()
	a := cur
	a.Status, a.Revision, a.Hash, a.Content, a.ApplyMode, a.ApplyURL, a.UpdatedAt = writeStatus(w), cur.Revision+1, w.Hash, w.Content, w.ApplyMode, w.ApplyURL, now
	a.PublishAt = w.PublishAt
	a.Warnings = warningsJSON(w.Warnings)
	kind, channels := store.KindPublish, w.Channels
	if a.Status == store.AdScheduled {
		var err error
		if kind, channels, err = s.withdrawFrom(ctx, tx, cur); err != nil {
			return err
		}
	}
	_, err := s.txExec(ctx, tx, `UPDATE ads SET status = ?, revision = ?, hash = ?, content = ?, title = ?, employer_text = ?, search_text = ?, location_text = ?, apply_mode = ?, apply_url = ?, updated_at = ?, deadline = ?, publish_at = ?, warnings = ?, deadline_end = ? WHERE id = ?`,
		a.Status, a.Revision, a.Hash, string(a.Content), w.Title, w.EmployerText, w.SearchText, w.LocationText, a.ApplyMode, a.ApplyURL, us(now), w.Deadline, usOrZero(w.PublishAt),
		string(a.Warnings), deadlineEnd(w), a.ID)
	if err != nil {
		return err
	}
	res.Ad, res.Changed = a, true
	return s.writeRevision(ctx, tx, a, kind, channels, res)
}

// withdrawFrom is what an ad about to be scheduled is withdrawn from: the
// channels it is on or on its way to, when it was live.
func (s *Store) withdrawFrom(ctx context.Context, tx *sql.Tx, cur store.AdRecord) (string, []string, error) {
	if cur.Status != store.AdLive {
		return store.KindWithdraw, nil, nil
	}
	channels, err := s.liveChannels(ctx, tx, cur.ID)
	return store.KindWithdraw, channels, err
}

// writeRevision records the ad's new revision and its deliveries.
func (s *Store) writeRevision(ctx context.Context, tx *sql.Tx, a store.AdRecord, kind string, channels []string, res *store.AdResult) error {
	_, err := s.txExec(ctx, tx, `INSERT INTO ad_revisions (ad_id, revision, hash, content, created_at) VALUES (?, ?, ?, ?, ?)`,
		a.ID, a.Revision, a.Hash, string(a.Content), us(a.UpdatedAt))
	if err != nil {
		return err
	}
	return s.insertDeliveries(ctx, tx, a, kind, channels, res)
}

func (s *Store) insertDeliveries(ctx context.Context, tx *sql.Tx, a store.AdRecord, kind string, channels []string, res *store.AdResult) error {
	now := time.Now().UTC()
	for _, ch := range channels {
		d := store.Delivery{ID: ids.New(ids.Delivery), Kind: kind, Channel: ch, AdID: a.ID, AccountID: a.AccountID, IntegrationID: a.IntegrationID,
			Revision: a.Revision, State: store.DeliveryPending, Generation: 1, NextAttemptAt: now, CreatedAt: now, UpdatedAt: now}
		if err := s.insertDelivery(ctx, tx, d); err != nil {
			return err
		}
		res.Deliveries = append(res.Deliveries, d)
	}
	return nil
}

// WithdrawAd withdraws a live ad everywhere.
func (s *Store) WithdrawAd(ctx context.Context, integrationID, reference string) (store.AdResult, error) {
	var res store.AdResult
	err := s.commit(ctx, func(tx *sql.Tx) error {
		res = store.AdResult{}
		cur, err := s.lockAd(ctx, tx, integrationID, reference)
		if err != nil {
			return err
		}
		res.Ad = cur
		if cur.Status == store.AdWithdrawn {
			return nil
		}
		channels, err := s.liveChannels(ctx, tx, cur.ID)
		if err != nil {
			return err
		}
		now := time.Now().UTC()
		if _, err := s.txExec(ctx, tx, `UPDATE ads SET status = ?, updated_at = ? WHERE id = ?`, store.AdWithdrawn, us(now), cur.ID); err != nil {
			return err
		}
		res.Ad.Status, res.Ad.UpdatedAt, res.Changed = store.AdWithdrawn, now, true
		return s.insertDeliveries(ctx, tx, res.Ad, store.KindWithdraw, channels, &res)
	})
	if err != nil {
		return store.AdResult{}, fmt.Errorf("withdraw ad: %w", err)
	}
	return res, nil
}

// liveChannels lists the channels an ad is on or on its way to: every
// publication not withdrawn, and every channel with a pending publish.
func (s *Store) liveChannels(ctx context.Context, tx *sql.Tx, adID string) ([]string, error) {
	return s.txStrings(ctx, tx, `SELECT channel FROM publications WHERE ad_id = ? AND state <> ?
		UNION SELECT channel FROM deliveries WHERE ad_id = ? AND kind = ? AND state = ? ORDER BY 1`,
		adID, store.PublicationWithdrawn, adID, store.KindPublish, store.DeliveryPending)
}

// GetAd returns an ad with its publications.
func (s *Store) GetAd(ctx context.Context, integrationID, reference string) (store.AdRecord, error) {
	row := s.queryRow(ctx, `SELECT `+adColumns+` FROM ads WHERE integration_id = ? AND reference = ?`, integrationID, reference)
	return s.adWithPublications(ctx, row)
}

// GetAdByID returns an ad by id with its publications.
func (s *Store) GetAdByID(ctx context.Context, id string) (store.AdRecord, error) {
	row := s.queryRow(ctx, `SELECT `+adColumns+` FROM ads WHERE id = ?`, id)
	return s.adWithPublications(ctx, row)
}

func (s *Store) adWithPublications(ctx context.Context, r scanner) (store.AdRecord, error) {
	a, err := scanAd(r)
	if err != nil {
		return a, notFound("get ad", err)
	}
	a.Publications, err = s.publications(ctx, a.ID)
	return a, err
}

const publicationColumns = `ad_id, channel, state, revision, reference, url, reason, updated_at, sent_at, checks`

func (s *Store) publications(ctx context.Context, adID string) ([]store.Publication, error) {
	return s.queryPublications(ctx, "publications", `SELECT `+publicationColumns+` FROM publications WHERE ad_id = ? ORDER BY channel`, adID)
}

// queryPublications runs a query of publicationColumns; what names it in
// errors.
func (s *Store) queryPublications(ctx context.Context, what, query string, args ...any) ([]store.Publication, error) {
	return queryRows(ctx, s, what, query, args, func(r scanner, p *store.Publication) error {
		var updated, sent int64
		err := r.Scan(&p.AdID, &p.Channel, &p.State, &p.Revision, &p.Reference, &p.URL, &p.Reason, &updated, &sent, &p.Checks)
		p.UpdatedAt, p.SentAt = fromUS(updated), timeOrZero(sent)
		return err
	})
}

// queryRows runs query and reads each row with scan; what names it in
// errors.
func queryRows[T any](ctx context.Context, s *Store, what, query string, args []any, scan func(scanner, *T) error) ([]T, error) {
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := scan(rows, &v); err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// ListRevisions lists an ad's revisions, oldest first.
func (s *Store) ListRevisions(ctx context.Context, adID string) ([]store.Revision, error) {
	rows, err := s.query(ctx, `SELECT ad_id, revision, hash, content, created_at FROM ad_revisions WHERE ad_id = ? ORDER BY revision`, adID)
	if err != nil {
		return nil, fmt.Errorf("list revisions: %w", err)
	}
	defer rows.Close()
	var out []store.Revision
	for rows.Next() {
		var r store.Revision
		var content string
		var created int64
		if err := rows.Scan(&r.AdID, &r.Revision, &r.Hash, &content, &created); err != nil {
			return nil, fmt.Errorf("list revisions: %w", err)
		}
		r.Content, r.CreatedAt = []byte(content), fromUS(created)
		out = append(out, r)
	}
	return out, rows.Err()
}

func scanAd(r scanner) (store.AdRecord, error) {
	var a store.AdRecord
	dest, done := adDest(&a)
	err := r.Scan(dest...)
	done()
	return a, err
}

// adDest returns the scan destinations of adColumns for a, and a function
// that moves the scanned values into a.
func adDest(a *store.AdRecord) ([]any, func()) {
	var content, warnings string
	var created, updated, publishAt int64
	return []any{&a.ID, &a.AccountID, &a.IntegrationID, &a.Reference, &a.Status, &a.Revision, &a.Hash, &content, &a.ApplyMode, &a.ApplyURL, &created, &updated, &publishAt, &warnings}, func() {
		a.Content, a.CreatedAt, a.UpdatedAt, a.Warnings = []byte(content), fromUS(created), fromUS(updated), []byte(warnings)
		if a.Status == store.AdScheduled {
			a.PublishAt = fromUS(publishAt)
		}
	}
}

// ExpiredAds lists live ads past their deadline's end, through the partial
// index on it.
func (s *Store) ExpiredAds(ctx context.Context, now time.Time, limit int) ([]store.AdKey, error) {
	if limit <= 0 {
		limit = 500
	}
	// The literals match the partial index's predicate, so the planner can
	// use it.
	return s.queryAdKeys(ctx, "expired ads", `SELECT integration_id, reference FROM ads WHERE status = 'live' AND deadline_end IS NOT NULL AND deadline_end <= ? ORDER BY deadline_end, id LIMIT ?`,
		us(now), limit)
}

// keepWarnings writes the warnings of a push that changed nothing else
// (the same ad from other input may have other warnings) into a's row.
func (s *Store) keepWarnings(ctx context.Context, tx *sql.Tx, w store.AdWrite, a *store.AdRecord) error {
	warnings := warningsJSON(w.Warnings)
	if string(warnings) == string(a.Warnings) {
		return nil
	}
	a.Warnings = warnings
	_, err := s.txExec(ctx, tx, `UPDATE ads SET warnings = ? WHERE id = ?`, string(warnings), a.ID)
	return err
}

// warningsJSON is the warnings column's value: the JSON array, "[]" for
// none.
func warningsJSON(w json.RawMessage) json.RawMessage {
	if len(w) == 0 || string(w) == "null" {
		return json.RawMessage("[]")
	}
	return w
}

// deadlineEnd is the deadline_end column's value: Unix microseconds, NULL
// without a deadline.
func deadlineEnd(w store.AdWrite) any {
	if w.DeadlineEnd.IsZero() {
		return nil
	}
	return us(w.DeadlineEnd)
}
