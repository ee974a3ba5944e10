package identity

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"

	"github.com/jobgate/jobgate/internal/store"
)

// NormalizeEmail is how e-mails are compared and stored: trimmed and
// lower-cased.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// checkEmail returns ErrInvalidEmail unless email (normalised) is one bare
// address: no display name, no list, at most 254 bytes (RFC 5321).
func checkEmail(email string) error {
	if email == "" || len(email) > 254 || strings.ContainsAny(email, " \t\r\n<>,;\"") {
		return ErrInvalidEmail
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || a.Name != "" {
		return ErrInvalidEmail
	}
	local, domain, _ := strings.Cut(email, "@")
	if local == "" || !strings.Contains(domain, ".") {
		return ErrInvalidEmail
	}
	return nil
}

// checkRole: operators (no account) have role operator, an account's
// users admin or user.
func checkRole(accountID, role string) error {
	if accountID == "" {
		if role != RoleOperator {
			return ErrInvalidRole
		}
		return nil
	}
	if role != RoleAdmin && role != RoleUser {
		return ErrInvalidRole
	}
	return nil
}

// CreateUser stores a user without a password and returns a one-time
// set-password link: mailed when a Mailer is configured (Link is then
// ""), else returned for the caller to show (Invite.Mailed says which).
// accountID "" with RoleOperator creates an operator.
func (s *Service) CreateUser(ctx context.Context, accountID, email, role string) (User, Invite, error) {
	u, err := s.createUser(ctx, accountID, email, role, "")
	if err != nil {
		return User{}, Invite{}, err
	}
	inv, err := s.sendLink(ctx, u, purposeInvite)
	if err != nil {
		return u, Invite{}, err
	}
	return u, inv, nil
}

// CreateUserWithPassword is CreateUser with a password (CLI
// --password-stdin): no link.
func (s *Service) CreateUserWithPassword(ctx context.Context, accountID, email, role, password string) (User, error) {
	if err := checkPassword(password); err != nil {
		return User{}, err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return User{}, err
	}
	return s.createUser(ctx, accountID, email, role, hash)
}

func (s *Service) createUser(ctx context.Context, accountID, email, role, hash string) (User, error) {
	email = NormalizeEmail(email)
	if err := checkEmail(email); err != nil {
		return User{}, err
	}
	if err := checkRole(accountID, role); err != nil {
		return User{}, err
	}
	u, err := s.store.CreateUser(ctx, store.User{AccountID: accountID, Email: email, Role: role, PasswordHash: hash})
	if err != nil {
		return User{}, fmt.Errorf("identity: create user: %w", err)
	}
	return fromStore(u), nil
}

// GetUser returns a user; ErrNotFound for an unknown id.
func (s *Service) GetUser(ctx context.Context, id string) (User, error) {
	u, err := s.store.GetUser(ctx, id)
	if err != nil {
		return User{}, fmt.Errorf("identity: %w", err)
	}
	return fromStore(u), nil
}

// ListUsers lists an account's users, oldest first; accountID "" lists
// the operators.
func (s *Service) ListUsers(ctx context.Context, accountID string) ([]User, error) {
	us, err := s.store.ListUsers(ctx, accountID)
	if err != nil {
		return nil, fmt.Errorf("identity: %w", err)
	}
	out := make([]User, len(us))
	for i, u := range us {
		out[i] = fromStore(u)
	}
	return out, nil
}

// UpdateRole changes an account user's role between admin and user (an
// operator stays one: ErrInvalidRole) and ends its sessions, so the new
// role holds from its next sign-in.
func (s *Service) UpdateRole(ctx context.Context, id, role string) (User, error) {
	u, err := s.store.GetUser(ctx, id)
	if err != nil {
		return User{}, fmt.Errorf("identity: %w", err)
	}
	if u.AccountID == "" || checkRole(u.AccountID, role) != nil {
		return User{}, ErrInvalidRole
	}
	u, err = s.store.UpdateUserRole(ctx, id, role)
	if err != nil {
		return User{}, fmt.Errorf("identity: %w", err)
	}
	return fromStore(u), nil
}

// RemoveUser deletes a user: its sessions end, its links die, and its
// e-mail leaves its account's ads' recruiting teams.
func (s *Service) RemoveUser(ctx context.Context, id string) error {
	if err := s.store.RemoveUser(ctx, id); err != nil {
		return fmt.Errorf("identity: %w", err)
	}
	return nil
}

// isNotFound reports a store ErrNotFound.
func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }
