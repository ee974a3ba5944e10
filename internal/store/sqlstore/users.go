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

const userColumns = `id, COALESCE(account_id, ''), email, role, password_hash, failed_logins, blocked_until, created_at, updated_at`

// CreateUser stores a user. The insert does nothing on an e-mail already
// taken, so a race between two creations ends in one user and one
// ErrEmailTaken on both databases, without parsing driver errors.
func (s *Store) CreateUser(ctx context.Context, u store.User) (store.User, error) {
	if u.ID == "" {
		u.ID = ids.New(ids.User)
	}
	u.CreatedAt = time.Now().UTC().Truncate(time.Microsecond) // as stored
	u.UpdatedAt = u.CreatedAt
	u.FailedLogins, u.BlockedUntil = 0, nil
	err := s.commit(ctx, func(tx *sql.Tx) error {
		if u.AccountID != "" {
			if err := s.accountExists(ctx, tx, u.AccountID); err != nil {
				return err
			}
		}
		res, err := s.txExec(ctx, tx, `INSERT INTO users (id, account_id, email, role, password_hash, failed_logins, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (email) DO NOTHING`,
			u.ID, nullString(u.AccountID), u.Email, u.Role, u.PasswordHash, us(u.CreatedAt), us(u.UpdatedAt))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errors.Join(store.ErrEmailTaken, err)
		}
		return s.audit(ctx, tx, "user.create", u.ID, "role="+u.Role)
	})
	if err != nil {
		return store.User{}, fmt.Errorf("create user: %w", err)
	}
	return u, nil
}

// GetUser returns a user by id.
func (s *Store) GetUser(ctx context.Context, id string) (store.User, error) {
	u, err := scanUser(s.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	if err != nil {
		return u, notFound("get user", err)
	}
	return u, nil
}

// GetUserByEmail returns the user with that e-mail.
func (s *Store) GetUserByEmail(ctx context.Context, email string) (store.User, error) {
	u, err := scanUser(s.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE email = ?`, email))
	if err != nil {
		return u, notFound("get user by e-mail", err)
	}
	return u, nil
}

// ListUsers lists an account's users, or the operators for accountID "".
func (s *Store) ListUsers(ctx context.Context, accountID string) ([]store.User, error) {
	query := `SELECT ` + userColumns + ` FROM users WHERE account_id = ? ORDER BY created_at, id`
	args := []any{accountID}
	if accountID == "" {
		query, args = `SELECT `+userColumns+` FROM users WHERE account_id IS NULL ORDER BY created_at, id`, nil
	}
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var out []store.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("list users: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// UpdateUserRole sets a user's role and ends its sessions, so that the
// new role applies from the next sign-in on.
func (s *Store) UpdateUserRole(ctx context.Context, id, role string) (store.User, error) {
	err := s.commit(ctx, func(tx *sql.Tx) error {
		res, err := s.txExec(ctx, tx, `UPDATE users SET role = ?, updated_at = ? WHERE id = ?`, role, us(time.Now()), id)
		if err := affectedOne(res, err, "user "+id); err != nil {
			return err
		}
		if _, err := s.txExec(ctx, tx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, "user.role", id, "role="+role)
	})
	if err != nil {
		return store.User{}, fmt.Errorf("update user role: %w", err)
	}
	return s.GetUser(ctx, id)
}

// RemoveUser deletes a user, its sessions and links, and its e-mail from
// its account's ads' teams (another account's ads keep theirs: the e-mail
// may be a recruiter named by that account's ATS).
func (s *Store) RemoveUser(ctx context.Context, id string) error {
	err := s.commit(ctx, func(tx *sql.Tx) error {
		var accountID, email string
		err := s.txQueryRow(ctx, tx, `SELECT COALESCE(account_id, ''), email FROM users WHERE id = ?`, id).Scan(&accountID, &email)
		if err != nil {
			return notFound("user "+id, err)
		}
		for _, q := range []string{`DELETE FROM sessions WHERE user_id = ?`, `DELETE FROM user_tokens WHERE user_id = ?`} {
			if _, err := s.txExec(ctx, tx, q, id); err != nil {
				return err
			}
		}
		if accountID != "" {
			if _, err := s.txExec(ctx, tx, `DELETE FROM ad_team WHERE email = ? AND ad_id IN (SELECT id FROM ads WHERE account_id = ?)`, email, accountID); err != nil {
				return err
			}
		}
		if _, err := s.txExec(ctx, tx, `DELETE FROM users WHERE id = ?`, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, "user.remove", id, "")
	})
	if err != nil {
		return fmt.Errorf("remove user: %w", err)
	}
	return nil
}

// RecordFailedLogin counts a wrong password in one UPDATE: the database
// increments the stored count, so concurrent failures cannot overwrite
// each other's.
func (s *Store) RecordFailedLogin(ctx context.Context, id string, maxFailures int, blockUntil time.Time) (store.User, error) {
	var u store.User
	err := s.commit(ctx, func(tx *sql.Tx) error {
		var err error
		u, err = scanUser(s.txQueryRow(ctx, tx, `UPDATE users SET
			blocked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE blocked_until END,
			failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0 ELSE failed_logins + 1 END
			WHERE id = ? RETURNING `+userColumns, maxFailures, us(blockUntil), maxFailures, id))
		if err != nil {
			return notFound("user "+id, err)
		}
		return nil
	})
	if err != nil {
		return store.User{}, fmt.Errorf("record failed login: %w", err)
	}
	return u, nil
}

// SetPasswordHash sets a user's password hash, clears its block, ends
// its sessions and spends its one-time links.
func (s *Store) SetPasswordHash(ctx context.Context, id, passwordHash string) error {
	err := s.commit(ctx, func(tx *sql.Tx) error { return s.setPassword(ctx, tx, id, passwordHash) })
	if err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	return nil
}

func (s *Store) setPassword(ctx context.Context, tx *sql.Tx, id, passwordHash string) error {
	res, err := s.txExec(ctx, tx, `UPDATE users SET password_hash = ?, failed_logins = 0, blocked_until = NULL, updated_at = ? WHERE id = ?`,
		passwordHash, us(time.Now()), id)
	if err := affectedOne(res, err, "user "+id); err != nil {
		return err
	}
	if _, err := s.txExec(ctx, tx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
		return err
	}
	// The user's other links are spent too: a password set is the answer
	// to every invitation and reset outstanding.
	_, err = s.txExec(ctx, tx, `UPDATE user_tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL`, us(time.Now()), id)
	return err
}

func scanUser(r scanner) (store.User, error) {
	var u store.User
	var blocked sql.NullInt64
	var created, updated int64
	if err := r.Scan(&u.ID, &u.AccountID, &u.Email, &u.Role, &u.PasswordHash, &u.FailedLogins, &blocked, &created, &updated); err != nil {
		return store.User{}, err
	}
	u.BlockedUntil, u.CreatedAt, u.UpdatedAt = fromNullUS(blocked), fromUS(created), fromUS(updated)
	return u, nil
}

// affectedOne turns an Exec's outcome into ErrNotFound (naming what) when
// it changed no row.
func affectedOne(res sql.Result, err error, what string) error {
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errors.Join(fmt.Errorf("%s: %w", what, store.ErrNotFound), err)
	}
	return nil
}

// nullString stores "" as NULL.
func nullString(v string) sql.NullString { return sql.NullString{String: v, Valid: v != ""} }
