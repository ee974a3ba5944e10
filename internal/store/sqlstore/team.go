package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// AddTeamMembers puts e-mails on an ad's team, keeping those already on it.
func (s *Store) AddTeamMembers(ctx context.Context, adID string, emails []string, source string) error {
	err := s.commit(ctx, func(tx *sql.Tx) error {
		var n int
		if err := s.txQueryRow(ctx, tx, `SELECT count(*) FROM ads WHERE id = ?`, adID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("ad %s: %w", adID, store.ErrNotFound)
		}
		now := us(time.Now())
		for _, e := range emails {
			if _, err := s.txExec(ctx, tx, `INSERT INTO ad_team (ad_id, email, source, added_at) VALUES (?, ?, ?, ?) ON CONFLICT (ad_id, email) DO NOTHING`,
				adID, e, source, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("add team members: %w", err)
	}
	return nil
}

// RemoveTeamMember takes an e-mail off an ad's team.
func (s *Store) RemoveTeamMember(ctx context.Context, adID, email string) error {
	err := s.commit(ctx, func(tx *sql.Tx) error {
		res, err := s.txExec(ctx, tx, `DELETE FROM ad_team WHERE ad_id = ? AND email = ?`, adID, email)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return fmt.Errorf("team member of %s: %w", adID, store.ErrNotFound)
		}
		return s.audit(ctx, tx, "team.remove", adID, "")
	})
	if err != nil {
		return fmt.Errorf("remove team member: %w", err)
	}
	return nil
}

// ListTeam lists an ad's team with the users the e-mails match.
func (s *Store) ListTeam(ctx context.Context, adID string) ([]store.TeamMember, error) {
	rows, err := s.query(ctx, `SELECT t.email, t.source, t.added_at, COALESCE(u.id, '') FROM ad_team t
		LEFT JOIN users u ON u.email = t.email AND u.account_id = (SELECT a.account_id FROM ads a WHERE a.id = t.ad_id)
		WHERE t.ad_id = ? ORDER BY t.email`, adID)
	if err != nil {
		return nil, fmt.Errorf("list team: %w", err)
	}
	defer rows.Close()
	var out []store.TeamMember
	for rows.Next() {
		var m store.TeamMember
		var at int64
		if err := rows.Scan(&m.Email, &m.Source, &at, &m.UserID); err != nil {
			return nil, fmt.Errorf("list team: %w", err)
		}
		m.AddedAt = fromUS(at)
		out = append(out, m)
	}
	return out, rows.Err()
}

// Audit writes one audit line outside any other write.
func (s *Store) Audit(ctx context.Context, action, subject, detail string) error {
	return s.commit(ctx, func(tx *sql.Tx) error { return s.audit(ctx, tx, action, subject, detail) })
}
