package store

import (
	"context"
	"errors"
	"time"
)

// ErrEmailTaken is returned when a user is created with an e-mail another
// user (of any account, or an operator) already has: the unique index on
// users.email decides, so two concurrent creations cannot both win.
var ErrEmailTaken = errors.New("store: e-mail is another user's")

// User is a person who signs in, as stored: an account's admin or user, or
// an operator (AccountID ""). Email is lower-cased by the caller.
type User struct {
	ID        string
	AccountID string
	Email     string
	Role      string
	// PasswordHash is "" until the user has set a password.
	PasswordHash string
	// FailedLogins counts wrong passwords in a row; BlockedUntil is the end
	// of the block they caused, nil when none was.
	FailedLogins int
	BlockedUntil *time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// UserToken is a one-time link's token, by the SHA-256 (hex) of the token.
type UserToken struct {
	TokenHash string
	UserID    string
	// Purpose is "invite" or "reset".
	Purpose   string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// UserSession is a signed-in session, by the SHA-256 (hex) of its token.
type UserSession struct {
	TokenHash string
	UserID    string
	CSRF      string
	CreatedAt time.Time
	// ExpiresAt is the absolute end; IdleUntil the end unless used before.
	ExpiresAt time.Time
	IdleUntil time.Time
}

// IdentityStore keeps users (of accounts, and operators), their sessions
// and one-time links; internal/identity stands on it and decides what is
// valid (roles, e-mail syntax, expiry): the store keeps it consistent.
type IdentityStore interface {
	// CreateUser stores a user (ID assigned when empty) and audits
	// "user.create". It returns ErrEmailTaken when the e-mail is another
	// user's, and ErrNotFound when AccountID names no account.
	CreateUser(ctx context.Context, u User) (User, error)
	// GetUser returns a user by id, or ErrNotFound.
	GetUser(ctx context.Context, id string) (User, error)
	// GetUserByEmail returns the user with that (lower-cased) e-mail, or
	// ErrNotFound.
	GetUserByEmail(ctx context.Context, email string) (User, error)
	// ListUsers lists an account's users, or the operators when accountID
	// is "", oldest first.
	ListUsers(ctx context.Context, accountID string) ([]User, error)
	// UpdateUserRole sets a user's role, ends its sessions and audits
	// "user.role"; ErrNotFound for an unknown id.
	UpdateUserRole(ctx context.Context, id, role string) (User, error)
	// RemoveUser deletes a user with its sessions and one-time links, takes
	// its e-mail off the recruiting teams of its account's ads, and audits
	// "user.remove"; ErrNotFound for an unknown id.
	RemoveUser(ctx context.Context, id string) error
	// RecordFailedLogin counts one wrong password for the user, in one
	// statement (concurrent failures all count). The failure that reaches
	// maxFailures blocks the user until blockUntil and starts the count
	// again. It returns the user as it now is; ErrNotFound for an unknown
	// id.
	RecordFailedLogin(ctx context.Context, id string, maxFailures int, blockUntil time.Time) (User, error)

	// CreateUserToken stores a one-time link's token, dropping the user's
	// used and expired ones; ErrNotFound for an unknown user.
	CreateUserToken(ctx context.Context, t UserToken) error
	// SetPasswordWithToken uses a one-time token that is neither used nor
	// expired at now: in one transaction it marks the token used, sets the
	// user's password hash, clears its failed logins and block, and ends
	// its sessions. ErrNotFound when the token is unknown, used or expired.
	SetPasswordWithToken(ctx context.Context, tokenHash, passwordHash string, now time.Time) (User, error)
	// SetPasswordHash sets a user's password hash directly (the operator's
	// CLI), clearing its block and ending its sessions; ErrNotFound for an
	// unknown id.
	SetPasswordHash(ctx context.Context, id, passwordHash string) error

	// StartSession stores a session for a user who just signed in, clears
	// the user's failed logins and drops its expired sessions.
	StartSession(ctx context.Context, s UserSession) error
	// GetSession returns a session, expired or not, with its user;
	// ErrNotFound when there is none.
	GetSession(ctx context.Context, tokenHash string) (UserSession, User, error)
	// TouchSession moves a session's idle end on to idleUntil.
	TouchSession(ctx context.Context, tokenHash string, idleUntil time.Time) error
	// EndSession deletes a session; ending an unknown one is not an error.
	EndSession(ctx context.Context, tokenHash string) error
}
