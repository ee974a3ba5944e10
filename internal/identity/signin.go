package identity

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/jobgate/jobgate/internal/auth"
	"github.com/jobgate/jobgate/internal/store"
)

// touchEvery is how much an idle end must move before it is written: a
// session used every second is renewed once a minute, not once a request.
const touchEvery = time.Minute

// SignIn checks an e-mail and password from client (the client address,
// gin's c.ClientIP()) and starts a session. A wrong password counts for
// the user (MaxFailures in a row block it for BlockFor: *ErrBlocked, even
// with the right password) and for the address (auth.Authenticator.Fail,
// credential "user:<id>", or "" when the e-mail is unknown). Audited:
// "signin" / "signin.failed" / "signin.blocked" with the user id as
// subject, never the e-mail typed. roles limits who may sign in here
// (portal: admin, user; console: operator): a user of another role gets
// ErrBadCredentials.
func (s *Service) SignIn(ctx context.Context, client, email, password string, roles ...string) (string, Session, error) {
	if err := s.refuseLocked(ctx, client, ""); err != nil {
		return "", Session{}, err
	}
	su, err := s.store.GetUserByEmail(ctx, NormalizeEmail(email))
	if isNotFound(err) {
		s.spendHash(password)
		return "", Session{}, s.failUnknown(ctx, client)
	}
	if err != nil {
		return "", Session{}, fmt.Errorf("identity: sign in: %w", err)
	}
	if err := s.refuseLocked(ctx, client, credential(su.ID)); err != nil {
		return "", Session{}, err
	}
	now := s.cfg.Now()
	if su.BlockedUntil != nil && now.Before(*su.BlockedUntil) {
		// Counted for the address too, so that hammering a blocked user
		// ends in the address's lockout, before the database.
		if err := s.failAddress(ctx, client, credential(su.ID), "user_blocked"); err != nil {
			return "", Session{}, err
		}
		s.audit(ctx, "signin.blocked", su.ID, "")
		return "", Session{}, &ErrBlocked{Until: *su.BlockedUntil}
	}
	if su.PasswordHash == "" {
		s.spendHash(password)
		return "", Session{}, s.failWrong(ctx, client, su)
	}
	if !verifyPassword(su.PasswordHash, password) {
		return "", Session{}, s.failWrong(ctx, client, su)
	}
	if !slices.Contains(roles, su.Role) {
		s.audit(ctx, "signin.failed", su.ID, "role not allowed here")
		return "", Session{}, ErrBadCredentials
	}
	return s.startSession(ctx, fromStore(su), now)
}

// credential is the name a user's failures count under in internal/auth.
func credential(userID string) string { return "user:" + userID }

// refuseLocked returns *auth.ErrLockedOut while client, or credential from
// it, is locked out.
func (s *Service) refuseLocked(ctx context.Context, client, cred string) error {
	c := s.counting.Load()
	if c == nil {
		return nil
	}
	wait, address, err := c.authn.LockedFor(ctx, client, cred)
	if err != nil {
		return fmt.Errorf("identity: sign in: %w", err)
	}
	if wait <= 0 {
		return nil
	}
	c.m.AuthFailures.WithLabelValues("locked_out").Inc()
	return &auth.ErrLockedOut{RetryAfter: wait, Address: address}
}

// failUnknown records a sign-in with an e-mail that is no user's.
func (s *Service) failUnknown(ctx context.Context, client string) error {
	if err := s.failAddress(ctx, client, "", "unknown_user"); err != nil {
		return err
	}
	s.audit(ctx, "signin.failed", "", "unknown e-mail")
	return ErrBadCredentials
}

// failWrong records a wrong password for su: the failure that reaches
// MaxFailures blocks the user.
func (s *Service) failWrong(ctx context.Context, client string, su store.User) error {
	now := s.cfg.Now()
	after, err := s.store.RecordFailedLogin(ctx, su.ID, s.cfg.MaxFailures, now.Add(s.cfg.BlockFor))
	if err != nil {
		return fmt.Errorf("identity: sign in: %w", err)
	}
	if err := s.failAddress(ctx, client, credential(su.ID), "wrong_password"); err != nil {
		return err
	}
	if after.BlockedUntil != nil && now.Before(*after.BlockedUntil) {
		s.audit(ctx, "signin.failed", su.ID, "failures="+strconv.Itoa(s.cfg.MaxFailures))
		s.audit(ctx, "signin.blocked", su.ID, "until="+after.BlockedUntil.UTC().Format(time.RFC3339))
		return &ErrBlocked{Until: *after.BlockedUntil}
	}
	s.audit(ctx, "signin.failed", su.ID, "failures="+strconv.Itoa(after.FailedLogins))
	return ErrBadCredentials
}

func (s *Service) failAddress(ctx context.Context, client, cred, reason string) error {
	c := s.counting.Load()
	if c == nil {
		return nil
	}
	if err := c.authn.Fail(ctx, client, cred, reason); err != nil {
		return fmt.Errorf("identity: sign in: %w", err)
	}
	return nil
}

func (s *Service) startSession(ctx context.Context, u User, now time.Time) (string, Session, error) {
	token, err := newToken()
	if err != nil {
		return "", Session{}, err
	}
	csrf, err := newToken()
	if err != nil {
		return "", Session{}, err
	}
	ss := store.UserSession{TokenHash: tokenHash(token), UserID: u.ID, CSRF: csrf, CreatedAt: now,
		ExpiresAt: now.Add(s.cfg.SessionTTL), IdleUntil: now.Add(s.cfg.IdleTimeout)}
	if ss.IdleUntil.After(ss.ExpiresAt) {
		ss.IdleUntil = ss.ExpiresAt
	}
	if err := s.store.StartSession(ctx, ss); err != nil {
		return "", Session{}, fmt.Errorf("identity: sign in: %w", err)
	}
	s.audit(Actor(ctx, u), "signin", u.ID, "")
	return token, session(u, ss), nil
}

func session(u User, ss store.UserSession) Session {
	exp := ss.ExpiresAt
	if ss.IdleUntil.Before(exp) {
		exp = ss.IdleUntil
	}
	return Session{User: u, CSRFToken: ss.CSRF, ExpiresAt: exp}
}

// SessionFor returns the session of a token, renewing its idle expiry;
// ErrNoSession when there is none or it expired (an expired one is
// deleted).
func (s *Service) SessionFor(ctx context.Context, token string) (Session, error) {
	ss, _, err := s.sessionFor(ctx, token)
	return ss, err
}

// sessionFor is SessionFor, also reporting whether the idle expiry moved.
func (s *Service) sessionFor(ctx context.Context, token string) (Session, bool, error) {
	if token == "" {
		return Session{}, false, ErrNoSession
	}
	ss, su, err := s.store.GetSession(ctx, tokenHash(token))
	if isNotFound(err) {
		return Session{}, false, ErrNoSession
	}
	if err != nil {
		return Session{}, false, fmt.Errorf("identity: session: %w", err)
	}
	now := s.cfg.Now()
	if !now.Before(ss.ExpiresAt) || !now.Before(ss.IdleUntil) {
		if err := s.store.EndSession(ctx, ss.TokenHash); err != nil {
			return Session{}, false, fmt.Errorf("identity: session: %w", err)
		}
		return Session{}, false, ErrNoSession
	}
	idle := now.Add(s.cfg.IdleTimeout)
	if idle.After(ss.ExpiresAt) {
		idle = ss.ExpiresAt
	}
	touched := idle.Sub(ss.IdleUntil) >= touchEvery
	if touched {
		if err := s.store.TouchSession(ctx, ss.TokenHash, idle); err != nil {
			return Session{}, false, fmt.Errorf("identity: session: %w", err)
		}
		ss.IdleUntil = idle
	}
	return session(fromStore(su), ss), touched, nil
}

// SignOut ends the session of a token and audits "signout"; signing out
// of no session is not an error.
func (s *Service) SignOut(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	_, su, err := s.store.GetSession(ctx, tokenHash(token))
	if isNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("identity: sign out: %w", err)
	}
	if err := s.store.EndSession(ctx, tokenHash(token)); err != nil {
		return fmt.Errorf("identity: sign out: %w", err)
	}
	u := fromStore(su)
	s.audit(Actor(ctx, u), "signout", u.ID, "")
	return nil
}
