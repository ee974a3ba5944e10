package identity

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/mail"
	"github.com/jobgate/jobgate/internal/mail/mailtest"
)

// TestInvitationLink: without a mailer CreateUser returns the link
// (PublicURL/portal/password?token=...), valid 72 hours; it sets the
// password once (used twice: ErrInvalidToken); the user then signs in.
func TestInvitationLink(t *testing.T) {
	each(t, Config{PublicURL: "https://board.example"}, func(t *testing.T, f *fixture) {
		u, inv, err := f.svc.CreateUser(ctx(), f.account, " Kari@Example.no", RoleUser)
		require.NoError(t, err)
		require.Equal(t, "kari@example.no", u.Email)
		require.False(t, u.PasswordSet)
		require.False(t, inv.Mailed)
		require.Regexp(t, `^https://board\.example/portal/password\?token=[A-Za-z0-9_-]{43}$`, inv.Link)
		require.Equal(t, f.clock.Now().Add(72*time.Hour), inv.ExpiresAt)
		token := tokenOf(t, inv.Link)

		_, err = f.svc.SetPassword(ctx(), token, "too short")
		require.ErrorIs(t, err, ErrWeakPassword)
		got, err := f.svc.SetPassword(ctx(), token, password)
		require.NoError(t, err, "a weak password does not spend the link")
		require.True(t, got.PasswordSet)
		_, err = f.svc.SetPassword(ctx(), token, "another good password")
		require.ErrorIs(t, err, ErrInvalidToken, "a link used twice")
		_, _, err = f.svc.SignIn(ctx(), client, "kari@example.no", password, portal...)
		require.NoError(t, err)
		require.Equal(t, "user:"+u.ID, f.audited(t, 2, "password.set").Actor)
		_, err = f.svc.SetPassword(ctx(), "made-up-token", password)
		require.ErrorIs(t, err, ErrInvalidToken)
	})
}

// TestExpiredLinks: an invitation is refused after 72 hours, a reset link
// after one; a reset link also unblocks a blocked user.
func TestExpiredLinks(t *testing.T) {
	each(t, Config{}, func(t *testing.T, f *fixture) {
		_, inv, err := f.svc.CreateUser(ctx(), f.account, "kari@example.no", RoleAdmin)
		require.NoError(t, err)
		f.clock.Add(72 * time.Hour)
		_, err = f.svc.SetPassword(ctx(), tokenOf(t, inv.Link), password)
		require.ErrorIs(t, err, ErrInvalidToken, "an expired invitation")

		u := f.user(t, "ola@example.no", RoleUser, password)
		for range 5 {
			_, _, _ = f.svc.SignIn(ctx(), client+"-"+u.ID, "ola@example.no", "wrong password", portal...)
		}
		reset, err := f.svc.ResetLink(ctx(), u.ID)
		require.NoError(t, err)
		require.Equal(t, f.clock.Now().Add(time.Hour), reset.ExpiresAt)
		require.Equal(t, "shown", f.audited(t, 3, "password.reset_link").Detail)
		f.clock.Add(time.Hour)
		_, err = f.svc.SetPassword(ctx(), tokenOf(t, reset.Link), "another good password")
		require.ErrorIs(t, err, ErrInvalidToken, "an expired reset link")
		reset, err = f.svc.ResetLink(ctx(), u.ID)
		require.NoError(t, err)
		_, err = f.svc.SetPassword(ctx(), tokenOf(t, reset.Link), "another good password")
		require.NoError(t, err)
		_, _, err = f.svc.SignIn(ctx(), "198.51.100.7", "ola@example.no", "another good password", portal...)
		require.NoError(t, err, "a new password lifts the block")
		_, err = f.svc.ResetLink(ctx(), "usr_missing")
		require.ErrorIs(t, err, ErrNotFound)
	})
}

// TestMailedLinks: with a mailer (a real SMTP server on loopback) the
// invitation and the reset go by e-mail to the user, with the link, and
// are not returned; "forgot password" mails a known e-mail only and
// answers nil either way.
func TestMailedLinks(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{})
	m, err := mail.Parse(srv.URL)
	require.NoError(t, err)
	each(t, Config{Mailer: m, PublicURL: "https://board.example"}, func(t *testing.T, f *fixture) {
		before := len(srv.Messages())
		u, inv, err := f.svc.CreateUser(ctx(), f.account, "kari@example.no", RoleAdmin)
		require.NoError(t, err)
		require.True(t, inv.Mailed)
		require.Empty(t, inv.Link, "a mailed link is not shown")
		msg := srv.Wait(t, before+1)[before]
		require.Equal(t, []string{"kari@example.no"}, msg.To)
		require.Equal(t, "Your jobgate account: set your password", msg.Subject)
		link := linkIn(t, msg.Body)
		_, err = f.svc.SetPassword(ctx(), tokenOf(t, link), password)
		require.NoError(t, err, "the mailed link works")

		reset, err := f.svc.ResetLink(ctx(), u.ID)
		require.NoError(t, err)
		require.True(t, reset.Mailed)
		msg = srv.Wait(t, before+2)[before+1]
		require.Equal(t, "Reset your jobgate password", msg.Subject)
		require.NotEqual(t, link, linkIn(t, msg.Body))

		require.NoError(t, f.svc.RequestReset(ctx(), "nobody@example.no"))
		require.NoError(t, f.svc.RequestReset(ctx(), "not an address"))
		require.NoError(t, f.svc.RequestReset(ctx(), "KARI@example.no"))
		msg = srv.Wait(t, before+3)[before+2]
		require.Equal(t, []string{"kari@example.no"}, msg.To, "only the known e-mail gets a mail")
		_, err = f.svc.SetPassword(ctx(), tokenOf(t, linkIn(t, msg.Body)), "another good password")
		require.NoError(t, err)
		require.Len(t, srv.Messages(), before+3)
	})
}

// linkIn returns the set-password link on its own line of a mail body.
func linkIn(t *testing.T, body string) string {
	t.Helper()
	for _, l := range strings.Split(body, "\n") {
		if strings.HasPrefix(l, "https://board.example/portal/password?token=") {
			return l
		}
	}
	t.Fatalf("no link in %q", body)
	return ""
}

// TestUserRules: bad e-mails and roles are refused, an e-mail is one user
// in the installation, an operator has no account and stays an operator.
func TestUserRules(t *testing.T) {
	each(t, Config{}, func(t *testing.T, f *fixture) {
		other, err := f.store.CreateAccount(ctx(), "Annen AS")
		require.NoError(t, err)
		u := f.user(t, "kari@example.no", RoleAdmin, password)
		for _, c := range []struct {
			account, email, role string
			want                 error
		}{
			{f.account, "not-an-email", RoleUser, ErrInvalidEmail},
			{f.account, "ola@example.no", "owner", ErrInvalidRole},
			{f.account, "ola@example.no", RoleOperator, ErrInvalidRole},
			{"", "ola@example.no", RoleAdmin, ErrInvalidRole},
			{other.ID, "KARI@example.no", RoleUser, ErrEmailTaken},
			{"acc_missing", "ola@example.no", RoleUser, ErrNotFound},
		} {
			_, _, err := f.svc.CreateUser(ctx(), c.account, c.email, c.role)
			require.ErrorIs(t, err, c.want, "%+v", c)
		}
		_, err = f.svc.CreateUserWithPassword(ctx(), f.account, "ola@example.no", RoleUser, "short")
		require.ErrorIs(t, err, ErrWeakPassword)
		op, err := f.svc.CreateUserWithPassword(ctx(), "", "ops@example.no", RoleOperator, password)
		require.NoError(t, err)
		_, err = f.svc.UpdateRole(ctx(), op.ID, RoleAdmin)
		require.ErrorIs(t, err, ErrInvalidRole, "an operator stays one")
		_, err = f.svc.UpdateRole(ctx(), u.ID, RoleOperator)
		require.ErrorIs(t, err, ErrInvalidRole)
		_, err = f.svc.UpdateRole(ctx(), "usr_missing", RoleUser)
		require.ErrorIs(t, err, ErrNotFound)

		users, err := f.svc.ListUsers(ctx(), f.account)
		require.NoError(t, err)
		require.Len(t, users, 1)
		require.True(t, users[0].PasswordSet)
		ops, err := f.svc.ListUsers(ctx(), "")
		require.NoError(t, err)
		require.Len(t, ops, 1)
		require.Equal(t, op.ID, ops[0].ID)
		got, err := f.svc.GetUser(ctx(), u.ID)
		require.NoError(t, err)
		require.Equal(t, u, got)
		require.Equal(t, "user:"+u.ID, actorOf(Actor(ctx(), u)))
		require.Equal(t, "operator:"+op.ID, actorOf(Actor(ctx(), op)))
	})
}
