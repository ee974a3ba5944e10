package app_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/identity"
)

// csrfInput finds the CSRF token a console page's forms carry.
var csrfInput = regexp.MustCompile(`name="` + identity.CSRFField + `" value="([^"]+)"`)

// newOperator creates an operator with portalPassword (as `jobgate
// operators create --password-stdin` does) and signs it in to the
// console through the form; its csrf is read from the overview's forms.
func newOperator(t testing.TB, s *apptest.Server, email string) *person {
	t.Helper()
	createUser(t, s, "", email, identity.RoleOperator)
	op := newPerson(t, s)
	r := op.do(t, http.MethodPost, "/ops/login", url.Values{"email": {email}, "password": {portalPassword}})
	require.Equal(t, http.StatusSeeOther, r.Status, r.text())
	require.Equal(t, "/ops/", r.Header.Get("Location"))
	home := op.do(t, http.MethodGet, "/ops/", nil)
	require.Equal(t, http.StatusOK, home.Status, home.text())
	m := csrfInput.FindStringSubmatch(home.text())
	require.NotNil(t, m, "the overview carries the CSRF token in its forms")
	op.csrf = m[1]
	return op
}

// post sends a console form with the operator's CSRF token.
func (b *person) post(t testing.TB, path string, form url.Values) answer {
	t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set(identity.CSRFField, b.csrf)
	return b.do(t, http.MethodPost, path, form)
}
