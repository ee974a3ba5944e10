package app_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/auth"
	"github.com/jobgate/jobgate/internal/identity"
	"github.com/jobgate/jobgate/internal/mail/mailtest"
	"github.com/jobgate/jobgate/internal/store"
)

// TestSignInSharesAddressLockout: a serving jobgate's identity service
// counts wrong passwords in the same per-address lockout as wrong API
// keys, so an address guessing passwords is locked out of the API too,
// and the right password from it is refused while the lockout lasts.
func TestSignInSharesAddressLockout(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		cfg.LockoutAddressFailures = 3
		s := apptest.Start(t, cfg, app.Options{})
		_, key := s.Tenant(t)
		ctx := store.WithActor(context.Background(), "test")
		acc, err := s.Env.Store.CreateAccount(ctx, "Eksempel AS")
		require.NoError(t, err)
		_, err = s.Env.Identity.CreateUserWithPassword(ctx, acc.ID, "kari@example.no", identity.RoleAdmin, "correct horse battery")
		require.NoError(t, err)
		const guesser = "10.0.0.9"
		for range 3 {
			_, _, err := s.Env.Identity.SignIn(ctx, guesser, "kari@example.no", "wrong password", identity.RoleAdmin)
			require.ErrorIs(t, err, identity.ErrBadCredentials)
		}
		require.Equal(t, http.StatusTooManyRequests, authenticated(t, s, guesser, key), "the address is locked out of the API")
		_, _, err = s.Env.Identity.SignIn(ctx, guesser, "kari@example.no", "correct horse battery", identity.RoleAdmin)
		var locked *auth.ErrLockedOut
		require.ErrorAs(t, err, &locked)
		_, _, err = s.Env.Identity.SignIn(ctx, "10.0.0.10", "kari@example.no", "correct horse battery", identity.RoleAdmin)
		require.NoError(t, err, "from another address")
	})
}

// TestInvitationsMailedWithSMTP: with JOBGATE_SMTP_URL set, a new user's
// invitation goes to a real SMTP server, with a link on the public URL,
// and is not returned to print.
func TestInvitationsMailedWithSMTP(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{})
	cfg := apptest.Config(t, apptest.Modes()[0])
	cfg.SMTPURL = srv.URL
	s := apptest.Start(t, cfg, app.Options{})
	ctx := store.WithActor(context.Background(), "test")
	acc, err := s.Env.Store.CreateAccount(ctx, "Eksempel AS")
	require.NoError(t, err)
	_, inv, err := s.Env.Identity.CreateUser(ctx, acc.ID, "ola@example.no", identity.RoleUser)
	require.NoError(t, err)
	require.True(t, inv.Mailed)
	require.Empty(t, inv.Link)
	msg := srv.Wait(t, 1)[0]
	require.Equal(t, []string{"ola@example.no"}, msg.To)
	require.Contains(t, msg.Body, "\n"+s.URL+"/portal/password?token=")
}
