package identity

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"
)

// router is the smallest portal: sign in, read the session, change
// something (CSRF checked), sign out.
func router(svc *Service) *gin.Engine {
	gin.SetMode(gin.TestMode)
	r := gin.New()
	r.POST("/login", func(c *gin.Context) {
		token, sess, err := svc.SignIn(c.Request.Context(), c.ClientIP(), c.PostForm("email"), c.PostForm("password"), portal...)
		if err != nil {
			c.Status(http.StatusUnauthorized)
			return
		}
		svc.SetCookie(c, token, sess)
		c.Redirect(http.StatusSeeOther, "/me")
	})
	signedIn := func(c *gin.Context) (string, Session, bool) {
		token, sess, err := svc.Load(c)
		if errors.Is(err, ErrNoSession) {
			c.Status(http.StatusUnauthorized)
			return "", Session{}, false
		}
		return token, sess, err == nil
	}
	r.GET("/me", func(c *gin.Context) {
		if _, sess, ok := signedIn(c); ok {
			c.JSON(http.StatusOK, gin.H{"user": sess.User.ID, "csrf": sess.CSRFToken})
		}
	})
	r.POST("/change", func(c *gin.Context) {
		if _, sess, ok := signedIn(c); ok {
			if !CSRFValid(c, sess) {
				c.Status(http.StatusForbidden)
				return
			}
			c.Status(http.StatusNoContent)
		}
	})
	r.POST("/logout", func(c *gin.Context) {
		if token, sess, ok := signedIn(c); ok && CSRFValid(c, sess) {
			_ = svc.SignOut(c.Request.Context(), token)
			svc.ClearCookie(c)
			c.Redirect(http.StatusSeeOther, "/")
		}
	})
	return r
}

// noRedirects is a client that shows the 303 itself.
func noRedirects(c *http.Client) *http.Client {
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c
}

// login signs in and returns the response's session cookie.
func login(t *testing.T, c *http.Client, base string, header http.Header) *http.Cookie {
	t.Helper()
	req, err := http.NewRequest("POST", base+"/login", strings.NewReader(url.Values{"email": {"kari@example.no"}, "password": {password}}.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := c.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	return sessionCookie(t, resp)
}

func sessionCookie(t *testing.T, resp *http.Response) *http.Cookie {
	t.Helper()
	for _, c := range resp.Cookies() {
		if c.Name == CookieName {
			return c
		}
	}
	t.Fatalf("no %s cookie in %v", CookieName, resp.Header["Set-Cookie"])
	return nil
}

// TestCookieAttributes: the session cookie is HttpOnly, SameSite=Strict,
// on path /, expiring with the session; Secure over TLS, behind a proxy
// that says https, or when the public URL is https, and not on plain http
// otherwise. Signing out clears it.
func TestCookieAttributes(t *testing.T) {
	each(t, Config{}, func(t *testing.T, f *fixture) {
		f.user(t, "kari@example.no", RoleAdmin, password)
		plain := httptest.NewServer(router(f.svc))
		defer plain.Close()
		c := login(t, noRedirects(plain.Client()), plain.URL, nil)
		require.True(t, c.HttpOnly)
		require.Equal(t, http.SameSiteStrictMode, c.SameSite)
		require.Equal(t, "/", c.Path)
		require.False(t, c.Secure, "plain http")
		require.Equal(t, f.clock.Now().Add(time.Hour).Unix(), c.Expires.Unix(), "expires with the session's idle end")
		require.Len(t, c.Value, 43)

		c = login(t, noRedirects(plain.Client()), plain.URL, http.Header{"X-Forwarded-Proto": {"https"}})
		require.True(t, c.Secure, "behind a proxy speaking https")
		tlsSrv := httptest.NewTLSServer(router(f.svc))
		defer tlsSrv.Close()
		require.True(t, login(t, noRedirects(tlsSrv.Client()), tlsSrv.URL, nil).Secure, "over TLS")
		httpsPublic := httptest.NewServer(router(New(f.store, f.authn, f.metrics, Config{PublicURL: "https://board.example", Now: f.clock.Now})))
		defer httpsPublic.Close()
		require.True(t, login(t, noRedirects(httpsPublic.Client()), httpsPublic.URL, nil).Secure, "public URL https")

		c = login(t, noRedirects(plain.Client()), plain.URL, nil)
		csrf := me(t, plain, c)
		req, _ := http.NewRequest("POST", plain.URL+"/logout", nil)
		req.AddCookie(c)
		req.Header.Set(CSRFHeader, csrf)
		resp, err := noRedirects(plain.Client()).Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		cleared := sessionCookie(t, resp)
		require.Empty(t, cleared.Value)
		require.Less(t, cleared.MaxAge, 0, "deleted in the browser")
		require.True(t, cleared.HttpOnly)
		_, err = f.svc.SessionFor(ctx(), c.Value)
		require.ErrorIs(t, err, ErrNoSession, "and ended on the server")
	})
}

// getMe asks for /me with the cookie c.
func getMe(t *testing.T, srv *httptest.Server, c *http.Cookie) *http.Response {
	t.Helper()
	req, err := http.NewRequest("GET", srv.URL+"/me", nil)
	require.NoError(t, err)
	req.AddCookie(c)
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	return resp
}

// me reads the session over HTTP and returns its CSRF token.
func me(t *testing.T, srv *httptest.Server, c *http.Cookie) string {
	t.Helper()
	resp := getMe(t, srv, c)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var body struct{ CSRF string }
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
	require.NotEmpty(t, body.CSRF)
	return body.CSRF
}

// TestCSRF: a change needs the session's CSRF token, in the header or the
// form; missing, wrong or another session's, it is refused. Reads need
// none.
func TestCSRF(t *testing.T) {
	each(t, Config{}, func(t *testing.T, f *fixture) {
		f.user(t, "kari@example.no", RoleAdmin, password)
		srv := httptest.NewServer(router(f.svc))
		defer srv.Close()
		client := noRedirects(srv.Client())
		c := login(t, client, srv.URL, nil)
		csrf := me(t, srv, c)
		otherCSRF := me(t, srv, login(t, client, srv.URL, nil))
		require.NotEqual(t, csrf, otherCSRF, "a token per session")

		change := func(cookie *http.Cookie, header, form string) int {
			req, _ := http.NewRequest("POST", srv.URL+"/change", strings.NewReader(url.Values{CSRFField: {form}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if cookie != nil {
				req.AddCookie(cookie)
			}
			if header != "" {
				req.Header.Set(CSRFHeader, header)
			}
			resp, err := client.Do(req)
			require.NoError(t, err)
			resp.Body.Close()
			return resp.StatusCode
		}
		require.Equal(t, http.StatusForbidden, change(c, "", ""), "missing")
		require.Equal(t, http.StatusForbidden, change(c, "wrong", ""), "wrong header")
		require.Equal(t, http.StatusForbidden, change(c, "", "wrong"), "wrong field")
		require.Equal(t, http.StatusForbidden, change(c, otherCSRF, ""), "another session's")
		require.Equal(t, http.StatusNoContent, change(c, csrf, ""), "header")
		require.Equal(t, http.StatusNoContent, change(c, "", csrf), "form field")
		require.Equal(t, http.StatusUnauthorized, change(nil, csrf, ""), "no session")
		require.Equal(t, http.StatusUnauthorized, change(&http.Cookie{Name: CookieName, Value: "forged"}, csrf, ""), "forged cookie")
	})
}

// TestCookieFollowsIdleExpiry: a session used later has its idle end
// moved on, and Load sets the cookie again to expire with it.
func TestCookieFollowsIdleExpiry(t *testing.T) {
	each(t, Config{}, func(t *testing.T, f *fixture) {
		f.user(t, "kari@example.no", RoleAdmin, password)
		srv := httptest.NewServer(router(f.svc))
		defer srv.Close()
		c := login(t, noRedirects(srv.Client()), srv.URL, nil)
		f.clock.Add(40 * time.Minute)
		resp := getMe(t, srv, c)
		resp.Body.Close()
		renewed := sessionCookie(t, resp)
		require.Equal(t, c.Value, renewed.Value)
		require.Equal(t, f.clock.Now().Add(time.Hour).Unix(), renewed.Expires.Unix())
	})
}
