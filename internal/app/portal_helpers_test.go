package app_test

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/store"
)

// person is one person's HTTP client with its own cookie jar, as a
// browser or a script keeps the portal's session cookie.
type person struct {
	s    *apptest.Server
	c    *http.Client
	csrf string
}

func newPerson(t testing.TB, s *apptest.Server) *person {
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	t.Cleanup(c.CloseIdleConnections)
	return &person{s: s, c: c}
}

// answer is an answer, with its body as text for the checks.
type answer struct{ apptest.Response }

func (p answer) text() string { return string(p.Body) }

// do sends a request through the browser's client; url.Values go as a
// form, anything else as apptest.Server.Do sends it.
func (b *person) do(t testing.TB, method, path string, body any, headers ...string) answer {
	t.Helper()
	if form, ok := body.(url.Values); ok {
		body, headers = []byte(form.Encode()), append([]string{"Content-Type", "application/x-www-form-urlencoded"}, headers...)
	}
	return answer{b.s.DoWith(t, b.c, method, path, body, headers...)}
}

// login signs in through the form and, when it worked, reads the CSRF
// token scripts use.
func (b *person) login(t testing.TB, email, password string) answer {
	t.Helper()
	p := b.do(t, http.MethodPost, "/portal/login", url.Values{"email": {email}, "password": {password}})
	if p.Status == http.StatusSeeOther {
		sess := b.do(t, http.MethodGet, "/v1/portal/session", nil)
		require.Equal(t, http.StatusOK, sess.Status, sess.text())
		b.csrf, _ = sess.JSON["csrf_token"].(string)
		require.NotEmpty(t, b.csrf)
	}
	return p
}

// mustLogin signs in or fails the test.
func (b *person) mustLogin(t testing.TB, email, password string) *person {
	t.Helper()
	p := b.login(t, email, password)
	require.Equal(t, http.StatusSeeOther, p.Status, p.text())
	require.Equal(t, "/portal/", p.Header.Get("Location"))
	return b
}

// ids lists the "id" of each object in the answer's list field.
func (p answer) ids(field string) []string {
	out := []string{}
	list, _ := p.JSON[field].([]any)
	for _, v := range list {
		if m, ok := v.(map[string]any); ok {
			out = append(out, m["id"].(string))
		}
	}
	return out
}

// putTitled pushes an ad with a title and the recruiters the ATS names
// (the generic API's recruiters, which put them on the ad's team), and
// returns its job id.
func putTitled(t testing.TB, s *apptest.Server, key, ref, title string, recruiters ...string) string {
	t.Helper()
	a := apptest.Ad(title)
	if len(recruiters) > 0 {
		a["recruiters"] = recruiters
	}
	r := s.Do(t, http.MethodPut, "/v1/ads/"+ref, a, apptest.Bearer(key)...)
	require.Contains(t, []int{http.StatusCreated, http.StatusOK}, r.Status, string(r.Body))
	return r.JSON["id"].(string)
}

// auditHas reports whether the audit log has a line of action on subject
// by actor.
func auditHas(t testing.TB, s *apptest.Server, actor, action, subject string) bool {
	entries, err := s.Env.Store.ListAudit(context.Background(), 500)
	require.NoError(t, err)
	for _, e := range entries {
		if e.Actor == actor && e.Action == action && e.Subject == subject {
			return true
		}
	}
	return false
}

// createUser creates a user of the account with portalPassword, as
// `jobgate users create --password-stdin` does, and returns its id.
func createUser(t testing.TB, s *apptest.Server, accountID, email, role string) string {
	t.Helper()
	u, err := s.Env.Identity.CreateUserWithPassword(store.WithActor(context.Background(), "test"), accountID, email, role, portalPassword)
	require.NoError(t, err)
	return u.ID
}
