package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// CreateUserToken stores a one-time link's token and drops the user's
// used and expired ones, which can sign no one in any more.
func (s *Store) CreateUserToken(ctx context.Context, t store.UserToken) error {
	err := s.commit(ctx, func(tx *sql.Tx) error {
		var n int
		if err := s.txQueryRow(ctx, tx, `SELECT count(*) FROM users WHERE id = ?`, t.UserID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("user %s: %w", t.UserID, store.ErrNotFound)
		}
		if _, err := s.txExec(ctx, tx, `DELETE FROM user_tokens WHERE user_id = ? AND (used_at IS NOT NULL OR expires_at <= ?)`,
			t.UserID, us(t.CreatedAt)); err != nil {
			return err
		}
		_, err := s.txExec(ctx, tx, `INSERT INTO user_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
			t.TokenHash, t.UserID, t.Purpose, us(t.CreatedAt), us(t.ExpiresAt))
		return err
	})
	if err != nil {
		return fmt.Errorf("create user token: %w", err)
	}
	return nil
}

// SetPasswordWithToken uses a one-time token. Marking it used is a
// conditional UPDATE, so of two concurrent uses of one link one wins.
func (s *Store) SetPasswordWithToken(ctx context.Context, tokenHash, passwordHash string, now time.Time) (store.User, error) {
	var userID string
	err := s.commit(ctx, func(tx *sql.Tx) error {
		err := s.txQueryRow(ctx, tx, `UPDATE user_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id`,
			us(now), tokenHash, us(now)).Scan(&userID)
		if err != nil {
			return notFound("one-time token", err)
		}
		return s.setPassword(ctx, tx, userID, passwordHash)
	})
	if err != nil {
		return store.User{}, fmt.Errorf("set password with token: %w", err)
	}
	return s.GetUser(ctx, userID)
}

// StartSession stores a session, clears the user's failed logins and drops
// its expired sessions, in one transaction.
func (s *Store) StartSession(ctx context.Context, ss store.UserSession) error {
	now := us(ss.CreatedAt)
	err := s.commit(ctx, func(tx *sql.Tx) error {
		if _, err := s.txExec(ctx, tx, `UPDATE users SET failed_logins = 0 WHERE id = ? AND failed_logins <> 0`, ss.UserID); err != nil {
			return err
		}
		if _, err := s.txExec(ctx, tx, `DELETE FROM sessions WHERE user_id = ? AND (expires_at <= ? OR idle_until <= ?)`, ss.UserID, now, now); err != nil {
			return err
		}
		_, err := s.txExec(ctx, tx, `INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at, idle_until) VALUES (?, ?, ?, ?, ?, ?)`,
			ss.TokenHash, ss.UserID, ss.CSRF, now, us(ss.ExpiresAt), us(ss.IdleUntil))
		return err
	})
	if err != nil {
		return fmt.Errorf("start session: %w", err)
	}
	return nil
}

// GetSession returns a session with its user, in one read.
func (s *Store) GetSession(ctx context.Context, tokenHash string) (store.UserSession, store.User, error) {
	ss := store.UserSession{TokenHash: tokenHash}
	var created, expires, idle int64
	var u store.User
	var blocked sql.NullInt64
	var uCreated, uUpdated int64
	err := s.queryRow(ctx, `SELECT s.user_id, s.csrf, s.created_at, s.expires_at, s.idle_until,
		u.id, COALESCE(u.account_id, ''), u.email, u.role, u.password_hash, u.failed_logins, u.blocked_until, u.created_at, u.updated_at
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`, tokenHash).Scan(
		&ss.UserID, &ss.CSRF, &created, &expires, &idle,
		&u.ID, &u.AccountID, &u.Email, &u.Role, &u.PasswordHash, &u.FailedLogins, &blocked, &uCreated, &uUpdated)
	if err != nil {
		return store.UserSession{}, store.User{}, notFound("get session", err)
	}
	ss.CreatedAt, ss.ExpiresAt, ss.IdleUntil = fromUS(created), fromUS(expires), fromUS(idle)
	u.BlockedUntil, u.CreatedAt, u.UpdatedAt = fromNullUS(blocked), fromUS(uCreated), fromUS(uUpdated)
	return ss, u, nil
}

// TouchSession moves a session's idle end on (never back).
func (s *Store) TouchSession(ctx context.Context, tokenHash string, idleUntil time.Time) error {
	if _, err := s.execOne(ctx, `UPDATE sessions SET idle_until = ? WHERE token_hash = ? AND idle_until < ?`,
		us(idleUntil), tokenHash, us(idleUntil)); err != nil {
		return fmt.Errorf("touch session: %w", err)
	}
	return nil
}

// EndSession deletes a session.
func (s *Store) EndSession(ctx context.Context, tokenHash string) error {
	if _, err := s.execOne(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash); err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}
