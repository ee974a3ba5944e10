package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

const heldFrom = ` FROM applications a JOIN deliveries d ON d.id = a.delivery_id JOIN ads ON ads.id = a.ad_id JOIN integrations i ON i.id = a.integration_id`

// HeldApplications lists the applications q selects with their files'
// metadata and their delivery, oldest first.
func (s *Store) HeldApplications(ctx context.Context, q store.HeldQuery) ([]store.HeldApplication, error) {
	var where []string
	var args []any
	for _, c := range []struct{ col, v string }{{"a.candidate_key", q.CandidateKey}, {"a.id", q.ApplicationID}, {"a.account_id", q.AccountID}} {
		if c.v != "" {
			where, args = append(where, c.col+" = ?"), append(args, c.v)
		}
	}
	if q.CandidateKey == "" && q.ApplicationID == "" {
		return nil, errors.New("held applications: a candidate key or an application id is required")
	}
	rows, err := s.query(ctx, `SELECT `+applicationColumns+`, a.candidate_key, a.files_deleted_at, ads.reference, ads.title, i.vendor, `+
		prefixed("d.", deliveryColumns)+heldFrom+` WHERE `+strings.Join(where, " AND ")+` ORDER BY a.created_at, a.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("held applications: %w", err)
	}
	var out []store.HeldApplication
	for rows.Next() {
		h, err := scanHeld(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("held applications: %w", err)
		}
		out = append(out, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("held applications: %w", err)
	}
	for i := range out {
		if out[i].Documents, err = s.documentInfos(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func scanHeld(r scanner) (store.HeldApplication, error) {
	var h store.HeldApplication
	var content string
	var created int64
	var delivered, filesDeleted sql.NullInt64
	a := &h.ApplicationRecord
	dDest, dDone := deliveryDest(&h.Delivery)
	err := r.Scan(append([]any{&a.ID, &a.AccountID, &a.IntegrationID, &a.AdID, &a.Applier, &a.TokenHash, &a.ContentHash, &content, &a.ATSID, &a.DeliveryID,
		&a.State, &a.LastError, &a.Attempts, &created, &delivered, &a.Source, &h.CandidateKey, &filesDeleted, &h.AdReference, &h.AdTitle, &h.Vendor}, dDest...)...)
	if err != nil {
		return h, err
	}
	dDone()
	a.Content, a.CreatedAt, a.DeliveredAt, h.FilesDeletedAt = []byte(content), fromUS(created), fromNullUS(delivered), fromNullUS(filesDeleted)
	return h, nil
}

func (s *Store) documentInfos(ctx context.Context, applicationID string) ([]store.DocumentInfo, error) {
	rows, err := s.query(ctx, `SELECT kind, file_name, content_type, size, sha256 FROM application_documents WHERE application_id = ? ORDER BY seq`, applicationID)
	if err != nil {
		return nil, fmt.Errorf("application documents: %w", err)
	}
	defer rows.Close()
	var out []store.DocumentInfo
	for rows.Next() {
		var d store.DocumentInfo
		if err := rows.Scan(&d.Kind, &d.FileName, &d.ContentType, &d.Size, &d.SHA256); err != nil {
			return nil, fmt.Errorf("application documents: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// UnkeyedApplications lists applications stored without a candidate key.
func (s *Store) UnkeyedApplications(ctx context.Context, accountID, afterID string, limit int) ([]store.UnkeyedApplication, error) {
	rows, err := s.query(ctx, `SELECT id, account_id, content FROM applications
		WHERE candidate_key = '' AND (? = '' OR account_id = ?) AND id > ? ORDER BY id LIMIT ?`, accountID, accountID, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("unkeyed applications: %w", err)
	}
	defer rows.Close()
	var out []store.UnkeyedApplication
	for rows.Next() {
		var u store.UnkeyedApplication
		var content string
		if err := rows.Scan(&u.ID, &u.AccountID, &content); err != nil {
			return nil, fmt.Errorf("unkeyed applications: %w", err)
		}
		u.Content = []byte(content)
		out = append(out, u)
	}
	return out, rows.Err()
}

// SetCandidateKey gives an application stored without one its key.
func (s *Store) SetCandidateKey(ctx context.Context, applicationID, candidateKey string) error {
	err := s.commit(ctx, func(tx *sql.Tx) error {
		_, err := s.txExec(ctx, tx, `UPDATE applications SET candidate_key = ? WHERE id = ? AND candidate_key = ''`, candidateKey, applicationID)
		return err
	})
	if err != nil {
		return fmt.Errorf("set candidate key: %w", err)
	}
	return nil
}

// ExpiringApplications lists an account's applications created before
// before, oldest first.
func (s *Store) ExpiringApplications(ctx context.Context, accountID string, before time.Time, limit int) ([]store.ExpiringApplication, error) {
	rows, err := s.query(ctx, `SELECT a.id, `+prefixed("d.", deliveryColumns)+` FROM applications a JOIN deliveries d ON d.id = a.delivery_id
		WHERE a.account_id = ? AND a.created_at < ? ORDER BY a.created_at, a.id LIMIT ?`, accountID, us(before), limit)
	if err != nil {
		return nil, fmt.Errorf("expiring applications: %w", err)
	}
	defer rows.Close()
	var out []store.ExpiringApplication
	for rows.Next() {
		var e store.ExpiringApplication
		dest, done := deliveryDest(&e.Delivery)
		if err := rows.Scan(append([]any{&e.ID}, dest...)...); err != nil {
			return nil, fmt.Errorf("expiring applications: %w", err)
		}
		done()
		out = append(out, e)
	}
	return out, rows.Err()
}

// EraseApplications counts, then deletes, applications with their files
// and apply deliveries, in one transaction.
func (s *Store) EraseApplications(ctx context.Context, ids []string) (int, error) {
	n := 0
	err := s.commit(ctx, func(tx *sql.Tx) error {
		n = 0
		for _, id := range ids {
			erased, err := s.eraseApplication(ctx, tx, id)
			if err != nil {
				return err
			}
			if erased {
				n++
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("erase applications: %w", err)
	}
	return n, nil
}

func (s *Store) eraseApplication(ctx context.Context, tx *sql.Tx, id string) (bool, error) {
	var accountID, adID, deliveryID string
	var created int64
	var delivered sql.NullInt64
	err := s.txQueryRow(ctx, tx, `SELECT account_id, ad_id, delivery_id, created_at, delivered_at FROM applications WHERE id = ?`+s.dialect.ForUpdate, id).
		Scan(&accountID, &adID, &deliveryID, &created, &delivered)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	wasDelivered := 0
	if delivered.Valid {
		wasDelivered = 1
	}
	if _, err := s.txExec(ctx, tx, `INSERT INTO application_counts (account_id, ad_id, day, received, delivered) VALUES (?, ?, ?, 1, ?)
		ON CONFLICT (account_id, ad_id, day) DO UPDATE SET received = application_counts.received + 1, delivered = application_counts.delivered + excluded.delivered`,
		accountID, adID, fromUS(created).Format(time.DateOnly), wasDelivered); err != nil {
		return false, err
	}
	for _, stmt := range []string{`DELETE FROM application_documents WHERE application_id = ?`, `DELETE FROM application_events WHERE application_id = ?`,
		`DELETE FROM applications WHERE id = ?`} {
		if _, err := s.txExec(ctx, tx, stmt, id); err != nil {
			return false, err
		}
	}
	_, err = s.txExec(ctx, tx, `DELETE FROM deliveries WHERE id = ?`, deliveryID)
	return err == nil, err
}

// DeleteDeliveredFiles deletes the files of up to limit of an account's
// applications delivered before deliveredBefore, and marks them.
func (s *Store) DeleteDeliveredFiles(ctx context.Context, accountID string, deliveredBefore time.Time, limit int) (int, error) {
	n := 0
	err := s.commit(ctx, func(tx *sql.Tx) error {
		rows, err := s.txQuery(ctx, tx, `SELECT id FROM applications WHERE account_id = ? AND delivered_at < ? AND files_deleted_at IS NULL ORDER BY delivered_at, id LIMIT ?`,
			accountID, us(deliveredBefore), limit)
		if err != nil {
			return err
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		now := us(time.Now())
		for _, id := range ids {
			if _, err := s.txExec(ctx, tx, `DELETE FROM application_documents WHERE application_id = ?`, id); err != nil {
				return err
			}
			if _, err := s.txExec(ctx, tx, `UPDATE applications SET files_deleted_at = ? WHERE id = ?`, now, id); err != nil {
				return err
			}
		}
		n = len(ids)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("delete delivered files: %w", err)
	}
	return n, nil
}

// ApplicationCounts lists an account's application counts by ad and day.
func (s *Store) ApplicationCounts(ctx context.Context, accountID string) ([]store.ApplicationCount, error) {
	rows, err := s.query(ctx, `SELECT account_id, ad_id, day, received, delivered FROM application_counts WHERE account_id = ? ORDER BY ad_id, day`, accountID)
	if err != nil {
		return nil, fmt.Errorf("application counts: %w", err)
	}
	defer rows.Close()
	var out []store.ApplicationCount
	for rows.Next() {
		var c store.ApplicationCount
		if err := rows.Scan(&c.AccountID, &c.AdID, &c.Day, &c.Received, &c.Delivered); err != nil {
			return nil, fmt.Errorf("application counts: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
