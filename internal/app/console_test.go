package app_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/identity"
	"github.com/jobgate/jobgate/internal/store"
)

// TestConsoleSignIn: only operators sign in to /ops/; signed out, every
// console page (the queue monitor too) is the sign-in form with 401; a
// form without the session's CSRF token is refused with 403 and changes
// nothing; an account's admin cannot sign in here.
func TestConsoleSignIn(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		anon := newPerson(t, s)
		for _, path := range []string{"/ops/queues/", "/ops/queues/api/queues"} {
			r := anon.do(t, http.MethodGet, path, nil)
			require.Equal(t, http.StatusUnauthorized, r.Status, path)
			require.Contains(t, r.text(), `action="/ops/login"`)
		}
		home := anon.do(t, http.MethodGet, "/ops/", nil)
		require.Equal(t, http.StatusOK, home.Status)
		require.Contains(t, home.text(), `action="/ops/login"`)

		acc, err := s.Env.Store.CreateAccount(store.WithActor(context.Background(), "test"), "Eksempel AS")
		require.NoError(t, err)
		createUser(t, s, acc.ID, "admin@employer.example", identity.RoleAdmin)
		r := anon.do(t, http.MethodPost, "/ops/login", url.Values{"email": {"admin@employer.example"}, "password": {portalPassword}})
		require.Equal(t, http.StatusUnauthorized, r.Status, "an account's admin is no operator")

		op := newOperator(t, s, "ops@board.example")
		require.Contains(t, op.do(t, http.MethodGet, "/ops/", nil).text(), "Signed in as ops@board.example")
		q := op.do(t, http.MethodGet, "/ops/queues/api/queues", nil)
		require.Equal(t, http.StatusOK, q.Status, q.text())
		ui := op.do(t, http.MethodGet, "/ops/queues/", nil)
		require.Equal(t, http.StatusOK, ui.Status)
		require.Contains(t, ui.text(), "/ops/queues")

		noToken := op.do(t, http.MethodPost, "/ops/logout", url.Values{})
		require.Equal(t, http.StatusForbidden, noToken.Status)
		require.Equal(t, "csrf_invalid", noToken.Header.Get("X-Error-Code"))
		require.Equal(t, http.StatusOK, op.do(t, http.MethodGet, "/ops/queues/api/queues", nil).Status, "still signed in")
		out := op.post(t, "/ops/logout", nil)
		require.Equal(t, http.StatusSeeOther, out.Status)
		require.Equal(t, http.StatusUnauthorized, op.do(t, http.MethodGet, "/ops/queues/api/queues", nil).Status)
	})
}

// TestConsoleOperatorLink: `jobgate operators create` without
// --password-stdin gives a one-time link to the console's own password
// page; it sets the password once, and the operator then signs in to
// /ops/.
func TestConsoleOperatorLink(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		_, inv, err := s.Env.Identity.CreateUser(store.WithActor(context.Background(), "test"), "", "ops@board.example", identity.RoleOperator)
		require.NoError(t, err)
		prefix := s.Env.Cfg.PublicURL + "/ops/password?token="
		require.True(t, strings.HasPrefix(inv.Link, prefix), inv.Link)
		token, err := url.QueryUnescape(strings.TrimPrefix(inv.Link, prefix))
		require.NoError(t, err)

		op := newPerson(t, s)
		form := op.do(t, http.MethodGet, "/ops/password?token="+url.QueryEscape(token), nil)
		require.Equal(t, http.StatusOK, form.Status)
		require.Contains(t, form.text(), `action="/ops/password"`)
		short := op.do(t, http.MethodPost, "/ops/password", url.Values{"token": {token}, "password": {"short"}})
		require.Equal(t, http.StatusUnprocessableEntity, short.Status)
		set := op.do(t, http.MethodPost, "/ops/password", url.Values{"token": {token}, "password": {portalPassword}})
		require.Equal(t, http.StatusOK, set.Status, set.text())
		require.Contains(t, set.text(), `href="/ops/"`)
		again := op.do(t, http.MethodPost, "/ops/password", url.Values{"token": {token}, "password": {portalPassword + "x"}})
		require.Equal(t, http.StatusBadRequest, again.Status, "the link works once")

		r := op.do(t, http.MethodPost, "/ops/login", url.Values{"email": {"ops@board.example"}, "password": {portalPassword}})
		require.Equal(t, http.StatusSeeOther, r.Status, r.text())
	})
}

// TestConsoleLockout: wrong passwords at /ops/login block the operator
// (five in a row), and then even the right password answers 429 with
// Retry-After and no session, as the portal's sign-in does.
func TestConsoleLockout(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		createUser(t, s, "", "ops@board.example", identity.RoleOperator)
		op := newPerson(t, s)
		for i := range 5 {
			r := op.do(t, http.MethodPost, "/ops/login", url.Values{"email": {"ops@board.example"}, "password": {"wrong password " + strconv.Itoa(i)}})
			require.Contains(t, []int{http.StatusUnauthorized, http.StatusTooManyRequests}, r.Status, r.text())
		}
		r := op.do(t, http.MethodPost, "/ops/login", url.Values{"email": {"ops@board.example"}, "password": {portalPassword}})
		require.Equal(t, http.StatusTooManyRequests, r.Status, "blocked, even with the right password")
		require.NotEmpty(t, r.Header.Get("Retry-After"))
		require.Empty(t, r.Header.Get("Set-Cookie"), "no session")
		require.Contains(t, r.text(), "Too many wrong passwords")
		require.Equal(t, http.StatusUnauthorized, op.do(t, http.MethodGet, "/ops/queues/api/queues", nil).Status)
	})
}
