package identity

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// One-time link purposes, as stored in user_tokens.purpose.
const (
	purposeInvite = "invite"
	purposeReset  = "reset"
)

// Invite is a one-time set-password link: Link is for the caller to show
// when it was not mailed (Mailed false), "" when it was.
type Invite struct {
	Link      string
	Mailed    bool
	ExpiresAt time.Time
}

// ResetLink makes a one-time reset link for a user (mailed when a Mailer
// is configured) and audits "password.reset_link".
func (s *Service) ResetLink(ctx context.Context, id string) (Invite, error) {
	u, err := s.GetUser(ctx, id)
	if err != nil {
		return Invite{}, err
	}
	inv, err := s.sendLink(ctx, u, purposeReset)
	if err != nil {
		return Invite{}, err
	}
	s.audit(ctx, "password.reset_link", u.ID, deliveredBy(inv))
	return inv, nil
}

// RequestReset is the "forgot password" form: it mails a link when the
// e-mail is a user's and a Mailer is configured, and returns nil whatever
// the e-mail (no enumeration). The mail is sent after it returns, so a
// known e-mail does not answer slower than an unknown one.
func (s *Service) RequestReset(ctx context.Context, email string) error {
	email = NormalizeEmail(email)
	if checkEmail(email) != nil {
		return nil
	}
	u, err := s.store.GetUserByEmail(ctx, email)
	if isNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("identity: request reset: %w", err)
	}
	if s.cfg.Mailer == nil {
		s.cfg.Log.Info("identity: password reset requested, but no SMTP server is configured (JOBGATE_SMTP_URL)", "user", u.ID)
		return nil
	}
	link, expires, err := s.newLink(ctx, fromStore(u), purposeReset)
	if err != nil {
		return err
	}
	s.audit(ctx, "password.reset_link", u.ID, "requested")
	bg := context.WithoutCancel(ctx)
	go func() {
		sendCtx, cancel := context.WithTimeout(bg, time.Minute)
		defer cancel()
		if err := s.mail(sendCtx, fromStore(u), purposeReset, link, expires); err != nil {
			s.cfg.Log.Warn("identity: password reset e-mail not sent", "user", u.ID, "err", err)
		}
	}()
	return nil
}

// SetPassword uses a one-time link's token: it sets the password, clears
// the block, ends the user's sessions and spends its other links.
func (s *Service) SetPassword(ctx context.Context, token, password string) (User, error) {
	if err := checkPassword(password); err != nil {
		return User{}, err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return User{}, err
	}
	su, err := s.store.SetPasswordWithToken(ctx, tokenHash(token), hash, s.cfg.Now())
	if isNotFound(err) {
		return User{}, ErrInvalidToken
	}
	if err != nil {
		return User{}, fmt.Errorf("identity: set password: %w", err)
	}
	u := fromStore(su)
	s.audit(Actor(ctx, u), "password.set", u.ID, "")
	return u, nil
}

// sendLink makes a link for u and mails it when a Mailer is configured.
// When the mail cannot be sent the link is returned instead (Mailed
// false), so whoever asked can pass it on.
func (s *Service) sendLink(ctx context.Context, u User, purpose string) (Invite, error) {
	link, expires, err := s.newLink(ctx, u, purpose)
	if err != nil {
		return Invite{}, err
	}
	if s.cfg.Mailer == nil {
		return Invite{Link: link, ExpiresAt: expires}, nil
	}
	if err := s.mail(ctx, u, purpose, link, expires); err != nil {
		s.cfg.Log.Warn("identity: e-mail not sent, the link is shown instead", "user", u.ID, "purpose", purpose, "err", err)
		return Invite{Link: link, ExpiresAt: expires}, nil
	}
	return Invite{Mailed: true, ExpiresAt: expires}, nil
}

// newLink stores a one-time token for purpose and returns its link: on
// the console's password page for an operator, the portal's for an
// account's user, so the page they land on signs them in where they work.
func (s *Service) newLink(ctx context.Context, u User, purpose string) (string, time.Time, error) {
	token, err := newToken()
	if err != nil {
		return "", time.Time{}, err
	}
	now := s.cfg.Now()
	ttl := s.cfg.ResetTTL
	if purpose == purposeInvite {
		ttl = s.cfg.InviteTTL
	}
	t := store.UserToken{TokenHash: tokenHash(token), UserID: u.ID, Purpose: purpose, CreatedAt: now, ExpiresAt: now.Add(ttl)}
	if err := s.store.CreateUserToken(ctx, t); err != nil {
		return "", time.Time{}, fmt.Errorf("identity: link: %w", err)
	}
	page := "/portal/password"
	if u.Role == RoleOperator {
		page = "/ops/password"
	}
	return s.cfg.PublicURL + page + "?token=" + url.QueryEscape(token), t.ExpiresAt, nil
}

// mail sends a link to u.
func (s *Service) mail(ctx context.Context, u User, purpose, link string, expires time.Time) error {
	subject := "Reset your jobgate password"
	intro := "Someone (we hope you) asked to reset the password of your jobgate account. If it was not you, ignore this e-mail: your password stays as it is."
	if purpose == purposeInvite {
		subject = "Your jobgate account: set your password"
		intro = "An account on jobgate has been created for you. Choose your password to sign in."
	}
	body := fmt.Sprintf("%s\n\nSet your password here (the link works once, until %s):\n\n%s\n",
		intro, expires.UTC().Format("2006-01-02 15:04 MST"), link)
	return s.cfg.Mailer.Send(ctx, u.Email, subject, body)
}

func deliveredBy(inv Invite) string {
	if inv.Mailed {
		return "mailed"
	}
	return "shown"
}
