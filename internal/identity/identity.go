// Package identity is jobgate's one identity model for the employer portal
// (/portal/) and the operator console (/ops/): users of an account (roles
// admin and user) and the installation's operators, their argon2id
// password hashes, one-time set-password links (mailed when an SMTP server
// is configured, else shown to whoever created them), sessions with an
// absolute and an idle expiry, CSRF tokens, the block after repeated wrong
// passwords and the audit lines of every sign-in. It stores only hashes of
// the tokens it hands out, so the database cannot sign anyone in.
package identity

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jobgate/jobgate/internal/auth"
	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/store"
)

// Roles.
const (
	RoleAdmin    = "admin"    // an account's administrator
	RoleUser     = "user"     // an account's user (sees its teams' ads)
	RoleOperator = "operator" // the installation's operator (no account)
)

// User is a person who signs in.
type User struct {
	ID        string // "usr_..."
	AccountID string // "" for operators
	Email     string // lower-cased
	Role      string
	// PasswordSet is false until the user has set a password.
	PasswordSet bool
	CreatedAt   time.Time
}

// Session is a signed-in user.
type Session struct {
	User      User
	CSRFToken string    // sent back in X-CSRF-Token or the form field csrf_token
	ExpiresAt time.Time // the earlier of the absolute and the idle expiry
}

// Errors (wrapped; test with errors.Is / errors.As).
var (
	// ErrBadCredentials is a wrong e-mail or password (never says which).
	ErrBadCredentials = errors.New("identity: wrong e-mail or password")
	// ErrNoSession is no, an unknown or an expired session.
	ErrNoSession = errors.New("identity: not signed in")
	// ErrEmailTaken is an e-mail that is another user's (in any account).
	ErrEmailTaken = store.ErrEmailTaken
	// ErrInvalidRole is a role that is not admin or user (operator for
	// operators).
	ErrInvalidRole = errors.New("identity: role must be admin or user")
	// ErrInvalidEmail is not one plain e-mail address.
	ErrInvalidEmail = errors.New("identity: not a valid e-mail address")
	// ErrWeakPassword is shorter than 10 characters (or over 256 bytes).
	ErrWeakPassword = errors.New("identity: a password needs 10 to 256 characters")
	// ErrInvalidToken is an unknown, used or expired one-time link.
	ErrInvalidToken = errors.New("identity: the link is unknown, used or expired")
	// ErrNotFound is an unknown user (or account).
	ErrNotFound = store.ErrNotFound
)

// ErrBlocked: the user is blocked after repeated wrong passwords, until
// Until, whatever password it sends. It comes back as *ErrBlocked, as
// address lockouts come back as *auth.ErrLockedOut from internal/auth.
type ErrBlocked struct{ Until time.Time }

// Error is on the value, so that errors.As with a target of either
// *ErrBlocked or ErrBlocked is valid (the latter would panic otherwise).
func (e ErrBlocked) Error() string {
	return "identity: blocked after repeated wrong passwords until " + e.Until.UTC().Format(time.RFC3339)
}

// Mailer sends one plain-text e-mail (internal/mail implements it on
// JOBGATE_SMTP_URL).
type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

// Config configures a Service; a zero value takes the default named.
type Config struct {
	// SessionTTL is a session's absolute life (8h); IdleTimeout ends it
	// earlier when unused that long (1h).
	SessionTTL, IdleTimeout time.Duration
	// MaxFailures wrong passwords in a row (5) block a user for BlockFor
	// (15m).
	MaxFailures int
	BlockFor    time.Duration
	// InviteTTL is how long an invitation's link works (72h); ResetTTL a
	// password reset's (1h).
	InviteTTL, ResetTTL time.Duration
	// PublicURL is the board's address: links are PublicURL +
	// "/portal/password?token=...".
	PublicURL string
	// Mailer sends invitations and resets; nil: no SMTP, links are
	// returned to the caller to print.
	Mailer Mailer
	// Now is the clock expiries are judged by; nil means time.Now.
	Now func() time.Time
	// Log receives what goes wrong without failing the caller (an e-mail
	// not sent); nil means slog.Default(). It never gets an e-mail address.
	Log *slog.Logger
}

func (c Config) withDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.SessionTTL, 8*time.Hour)
	def(&c.IdleTimeout, time.Hour)
	def(&c.BlockFor, 15*time.Minute)
	def(&c.InviteTTL, 72*time.Hour)
	def(&c.ResetTTL, time.Hour)
	if c.MaxFailures <= 0 {
		c.MaxFailures = 5
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Log == nil {
		c.Log = slog.Default()
	}
	return c
}

// Service signs users in and manages them.
type Service struct {
	store store.Store
	// counting counts failures per client address, shared with the API
	// keys' lockout; set by New or, in a serving process,
	// UseAuthenticator (the CLI has none: it signs no one in).
	counting atomic.Pointer[addressCounting]
	cfg      Config

	dummyOnce sync.Once
	dummy     string
}

// addressCounting is the Authenticator failures per address are counted
// in, with the metrics it counts lockouts in.
type addressCounting struct {
	authn *auth.Authenticator
	m     *metrics.Metrics
}

// New returns a Service. a (and m) may be nil until UseAuthenticator is
// called: sign-ins then count failures per user only.
func New(s store.Store, a *auth.Authenticator, m *metrics.Metrics, cfg Config) *Service {
	svc := &Service{store: s, cfg: cfg.withDefaults()}
	svc.UseAuthenticator(a, m)
	return svc
}

// UseAuthenticator sets the Authenticator that counts failed sign-ins per
// client address, and the metrics it counts in: the serving process's,
// whose Redis it shares with the API keys' lockout (app.Open has no Redis
// connection to give New).
func (s *Service) UseAuthenticator(a *auth.Authenticator, m *metrics.Metrics) {
	if a == nil || m == nil {
		s.counting.Store(nil)
		return
	}
	s.counting.Store(&addressCounting{authn: a, m: m})
}

// Actor returns ctx with store.WithActor(ctx, "user:<id>")
// ("operator:<id>" for operators), so the store's audit lines name who
// acted.
func Actor(ctx context.Context, u User) context.Context {
	return store.WithActor(ctx, actorName(u.ID, u.Role))
}

func actorName(id, role string) string {
	if role == RoleOperator {
		return "operator:" + id
	}
	return "user:" + id
}

// audit writes an audit line; a failure is logged, not returned: the
// sign-in it records has happened either way.
func (s *Service) audit(ctx context.Context, action, subject, detail string) {
	if err := s.store.Audit(ctx, action, subject, detail); err != nil {
		s.cfg.Log.Error("identity: audit failed", "action", action, "subject", subject, "err", err)
	}
}

func fromStore(u store.User) User {
	return User{ID: u.ID, AccountID: u.AccountID, Email: u.Email, Role: u.Role, PasswordSet: u.PasswordHash != "", CreatedAt: u.CreatedAt}
}
