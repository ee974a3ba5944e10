package identity

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/auth"
)

const (
	password = "correct horse battery"
	client   = "192.0.2.10"
)

var portal = []string{RoleAdmin, RoleUser}

// TestWrongPasswordsBlock: five wrong passwords in a row block the user
// for 15 minutes: the fifth and every sign-in after it, the right password
// included, get *ErrBlocked until the block ends; then the right password
// signs in and the count starts again. Each step is audited, without the
// e-mail.
func TestWrongPasswordsBlock(t *testing.T) {
	each(t, Config{}, func(t *testing.T, f *fixture) {
		u := f.user(t, "kari@example.no", RoleAdmin, password)
		for i := range 4 {
			_, _, err := f.svc.SignIn(ctx(), client, "kari@example.no", "wrong password", portal...)
			require.ErrorIs(t, err, ErrBadCredentials, "failure %d", i+1)
		}
		_, _, err := f.svc.SignIn(ctx(), client, "KARI@example.no", "wrong password", portal...)
		var blocked *ErrBlocked
		require.ErrorAs(t, err, &blocked, "the fifth wrong password blocks")
		require.Equal(t, f.clock.Now().Add(15*time.Minute), blocked.Until)
		require.Equal(t, u.ID, f.audited(t, 2, "signin.blocked").Subject)
		require.Equal(t, "failures=5", f.audited(t, 2, "signin.failed").Detail)

		f.clock.Add(15*time.Minute - time.Second)
		_, _, err = f.svc.SignIn(ctx(), "198.51.100.7", "kari@example.no", password, portal...)
		require.ErrorAs(t, err, &blocked, "the right password from another address is refused while blocked")
		f.clock.Add(time.Second)
		token, sess, err := f.svc.SignIn(ctx(), client, "kari@example.no", password, portal...)
		require.NoError(t, err, "the block ends after 15 minutes")
		require.NotEmpty(t, token)
		require.Equal(t, u.ID, sess.User.ID)
		signin := f.audited(t, 2, "signin")
		require.Equal(t, "user:"+u.ID, signin.Actor)
		require.Equal(t, u.ID, signin.Subject)
	})
}

// TestConcurrentWrongPasswords: five wrong passwords at once all count
// (the database increments), so the user is blocked after them.
func TestConcurrentWrongPasswords(t *testing.T) {
	each(t, Config{}, func(t *testing.T, f *fixture) {
		f.user(t, "kari@example.no", RoleAdmin, password)
		var wg sync.WaitGroup
		for range 5 {
			wg.Go(func() {
				_, _, err := f.svc.SignIn(ctx(), client, "kari@example.no", "wrong password", portal...)
				require.Error(t, err)
			})
		}
		wg.Wait()
		_, _, err := f.svc.SignIn(ctx(), "198.51.100.7", "kari@example.no", password, portal...)
		var blocked *ErrBlocked
		require.ErrorAs(t, err, &blocked, "none of the five failures was lost")
	})
}

// TestSuccessResetsCount: the failures must be in a row: a sign-in in
// between starts the count again.
func TestSuccessResetsCount(t *testing.T) {
	each(t, Config{}, func(t *testing.T, f *fixture) {
		f.user(t, "ola@example.no", RoleUser, password)
		for round, from := range []string{client, "198.51.100.7"} { // the address's own count stays under its threshold
			for range 4 {
				_, _, err := f.svc.SignIn(ctx(), from, "ola@example.no", "wrong password", portal...)
				require.ErrorIs(t, err, ErrBadCredentials, "round %d", round)
			}
			_, _, err := f.svc.SignIn(ctx(), from, "ola@example.no", password, portal...)
			require.NoError(t, err, "round %d: four failures do not block", round)
		}
	})
}

// TestAddressLockout: failures from one address count there too
// (internal/auth), unknown e-mails included: past the address threshold
// every sign-in from it gets *auth.ErrLockedOut, from another address not.
func TestAddressLockout(t *testing.T) {
	each(t, Config{MaxFailures: 100}, func(t *testing.T, f *fixture) {
		f.user(t, "kari@example.no", RoleAdmin, password)
		for i := range 8 {
			email := "nobody@example.no"
			if i%2 == 0 {
				email = "kari@example.no"
			}
			_, _, err := f.svc.SignIn(ctx(), client, email, "wrong password", portal...)
			require.ErrorIs(t, err, ErrBadCredentials, "failure %d", i+1)
		}
		_, _, err := f.svc.SignIn(ctx(), client, "kari@example.no", password, portal...)
		var locked *auth.ErrLockedOut
		require.ErrorAs(t, err, &locked, "the address is locked out")
		require.True(t, locked.Address)
		_, _, err = f.svc.SignIn(ctx(), "198.51.100.7", "kari@example.no", password, portal...)
		require.NoError(t, err)
		entries, err := f.store.ListAudit(ctx(), 20)
		require.NoError(t, err)
		unknown := 0
		for _, e := range entries {
			require.NotContains(t, e.Subject+e.Detail, "nobody", "the e-mail typed is never audited")
			if e.Action == "signin.failed" && e.Subject == "" {
				unknown++
			}
		}
		require.Equal(t, 4, unknown, "failures with an unknown e-mail are audited without a subject")
	})
}

// TestHammeringABlockedUser: sign-ins at a blocked user count for their
// address, which is locked out at its threshold like any guesser.
func TestHammeringABlockedUser(t *testing.T) {
	each(t, Config{MaxFailures: 2}, func(t *testing.T, f *fixture) {
		f.user(t, "kari@example.no", RoleAdmin, password)
		for range 2 {
			_, _, _ = f.svc.SignIn(ctx(), client, "kari@example.no", "wrong password", portal...)
		}
		const hammer = "203.0.113.9"
		var blocked *ErrBlocked
		for i := range 8 {
			_, _, err := f.svc.SignIn(ctx(), hammer, "kari@example.no", "guess", portal...)
			require.ErrorAs(t, err, &blocked, "attempt %d", i+1)
		}
		_, _, err := f.svc.SignIn(ctx(), hammer, "kari@example.no", "guess", portal...)
		var locked *auth.ErrLockedOut
		require.ErrorAs(t, err, &locked, "the eighth attempt at a blocked user locked the address out")
	})
}

// TestRolesAllowedHere: a user of a role not allowed here gets
// ErrBadCredentials with the right password (an operator at the portal,
// an admin at the console); a user without a password cannot sign in.
func TestRolesAllowedHere(t *testing.T) {
	each(t, Config{}, func(t *testing.T, f *fixture) {
		f.user(t, "kari@example.no", RoleAdmin, password)
		_, err := f.svc.CreateUserWithPassword(ctx(), "", "ops@example.no", RoleOperator, password)
		require.NoError(t, err)
		_, _, err = f.svc.SignIn(ctx(), client, "ops@example.no", password, portal...)
		require.ErrorIs(t, err, ErrBadCredentials, "an operator cannot sign in to the portal")
		_, _, err = f.svc.SignIn(ctx(), client, "kari@example.no", password, RoleOperator)
		require.ErrorIs(t, err, ErrBadCredentials, "an admin cannot sign in to the console")
		_, sess, err := f.svc.SignIn(ctx(), client, "ops@example.no", password, RoleOperator)
		require.NoError(t, err)
		require.Equal(t, RoleOperator, sess.User.Role)
		require.Empty(t, sess.User.AccountID)

		_, _, err = f.svc.CreateUser(ctx(), f.account, "new@example.no", RoleUser)
		require.NoError(t, err)
		_, _, err = f.svc.SignIn(ctx(), client, "new@example.no", "", portal...)
		require.ErrorIs(t, err, ErrBadCredentials, "no password set yet")
	})
}

// TestSessionExpiry: a session lives while used within the idle timeout,
// up to its absolute end; unused for the idle timeout, it ends.
func TestSessionExpiry(t *testing.T) {
	each(t, Config{SessionTTL: 3 * time.Hour, IdleTimeout: time.Hour}, func(t *testing.T, f *fixture) {
		f.user(t, "kari@example.no", RoleAdmin, password)
		token, sess, err := f.svc.SignIn(ctx(), client, "kari@example.no", password, portal...)
		require.NoError(t, err)
		start := f.clock.Now()
		require.Equal(t, start.Add(time.Hour), sess.ExpiresAt, "the idle end comes first")
		require.NotEmpty(t, sess.CSRFToken)

		for range 5 { // used every 50 minutes: alive until the absolute end
			f.clock.Add(50 * time.Minute)
			got, err := f.svc.SessionFor(ctx(), token)
			if f.clock.Now().Before(start.Add(3 * time.Hour)) {
				require.NoError(t, err, "at %v", f.clock.Now().Sub(start))
				require.Equal(t, sess.CSRFToken, got.CSRFToken)
				require.False(t, got.ExpiresAt.After(start.Add(3*time.Hour)), "never past the absolute end")
				continue
			}
			require.ErrorIs(t, err, ErrNoSession, "past the absolute end at %v", f.clock.Now().Sub(start))
		}

		token, _, err = f.svc.SignIn(ctx(), client, "kari@example.no", password, portal...)
		require.NoError(t, err)
		f.clock.Add(59 * time.Minute)
		_, err = f.svc.SessionFor(ctx(), token)
		require.NoError(t, err)
		f.clock.Add(60 * time.Minute)
		_, err = f.svc.SessionFor(ctx(), token)
		require.ErrorIs(t, err, ErrNoSession, "unused for the idle timeout")
		f.clock.Add(-30 * time.Minute)
		_, err = f.svc.SessionFor(ctx(), token)
		require.ErrorIs(t, err, ErrNoSession, "an expired session is deleted, not just refused")
		_, err = f.svc.SessionFor(ctx(), "")
		require.ErrorIs(t, err, ErrNoSession)
		_, err = f.svc.SessionFor(ctx(), "forged-token")
		require.ErrorIs(t, err, ErrNoSession)
	})
}

// TestSessionsEnd: signing out, a role change, a removal and a new
// password end a user's sessions.
func TestSessionsEnd(t *testing.T) {
	each(t, Config{}, func(t *testing.T, f *fixture) {
		u := f.user(t, "kari@example.no", RoleAdmin, password)
		signIn := func() string {
			token, _, err := f.svc.SignIn(ctx(), client, "kari@example.no", password, portal...)
			require.NoError(t, err)
			return token
		}
		dead := func(token, why string) {
			_, err := f.svc.SessionFor(ctx(), token)
			require.ErrorIs(t, err, ErrNoSession, why)
		}
		token, other := signIn(), signIn()
		require.NoError(t, f.svc.SignOut(ctx(), token))
		dead(token, "signed out")
		_, err := f.svc.SessionFor(ctx(), other)
		require.NoError(t, err, "signing out ends that session only")
		require.Equal(t, "user:"+u.ID, f.audited(t, 2, "signout").Actor)
		require.NoError(t, f.svc.SignOut(ctx(), token), "signing out twice is fine")

		updated, err := f.svc.UpdateRole(ctx(), u.ID, RoleUser)
		require.NoError(t, err)
		require.Equal(t, RoleUser, updated.Role)
		dead(other, "a role change")

		token = signIn()
		inv, err := f.svc.ResetLink(ctx(), u.ID)
		require.NoError(t, err)
		_, err = f.svc.SetPassword(ctx(), tokenOf(t, inv.Link), "another good password")
		require.NoError(t, err)
		dead(token, "a new password")

		token, _, err = f.svc.SignIn(ctx(), client, "kari@example.no", "another good password", portal...)
		require.NoError(t, err)
		require.NoError(t, f.svc.RemoveUser(ctx(), u.ID))
		dead(token, "a removed user's session dies")
		_, _, err = f.svc.SignIn(ctx(), client, "kari@example.no", "another good password", portal...)
		require.True(t, errors.Is(err, ErrBadCredentials), "a removed user cannot sign in: %v", err)
	})
}
