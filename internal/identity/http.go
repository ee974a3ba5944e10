package identity

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// HTTP names, shared by /portal/ and /ops/.
const (
	// CookieName is the session cookie.
	CookieName = "jobgate_session"
	// CSRFHeader carries Session.CSRFToken on a change made by script.
	CSRFHeader = "X-CSRF-Token"
	// CSRFField carries it in a form.
	CSRFField = "csrf_token"
)

// SetCookie sets the session cookie: HttpOnly (no script reads it),
// SameSite=Strict (no other site's page sends it), Path "/", Secure when
// the request came over https (TLS, or X-Forwarded-Proto: https from the
// proxy in front) or PublicURL is https, expiring with the session.
func (s *Service) SetCookie(c *gin.Context, token string, sess Session) {
	http.SetCookie(c.Writer, &http.Cookie{Name: CookieName, Value: token, Path: "/", Expires: sess.ExpiresAt.UTC(),
		MaxAge: max(1, int(sess.ExpiresAt.Sub(s.cfg.Now()).Seconds())), HttpOnly: true, Secure: s.secure(c), SameSite: http.SameSiteStrictMode})
}

// ClearCookie deletes the session cookie in the browser.
func (s *Service) ClearCookie(c *gin.Context) {
	http.SetCookie(c.Writer, &http.Cookie{Name: CookieName, Value: "", Path: "/", Expires: time.Unix(0, 0),
		MaxAge: -1, HttpOnly: true, Secure: s.secure(c), SameSite: http.SameSiteStrictMode})
}

// secure reports whether the cookie must be Secure. X-Forwarded-Proto is
// believed from anyone: a client that lies about it only makes its own
// cookie Secure on plain http, where its browser then drops it.
func (s *Service) secure(c *gin.Context) bool {
	return c.Request.TLS != nil || strings.EqualFold(c.GetHeader("X-Forwarded-Proto"), "https") ||
		strings.HasPrefix(strings.ToLower(s.cfg.PublicURL), "https://")
}

// Load reads the session cookie and returns its token and session
// (ErrNoSession when there is none or it expired). When the session's idle
// expiry moved on, the cookie is set again to expire with it.
func (s *Service) Load(c *gin.Context) (string, Session, error) {
	token, err := c.Cookie(CookieName)
	if errors.Is(err, http.ErrNoCookie) || token == "" {
		return "", Session{}, ErrNoSession
	}
	sess, touched, err := s.sessionFor(c.Request.Context(), token)
	if err != nil {
		return "", Session{}, err
	}
	if touched {
		s.SetCookie(c, token, sess)
	}
	return token, sess, nil
}

// CSRFValid reports whether a request may change something in sess's
// name: GET, HEAD and OPTIONS always; any other method when header
// CSRFHeader or form field CSRFField equals sess.CSRFToken (compared in
// constant time).
func CSRFValid(c *gin.Context, sess Session) bool {
	switch c.Request.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return true
	}
	if sess.CSRFToken == "" {
		return false
	}
	given := c.GetHeader(CSRFHeader)
	if given == "" {
		given = c.PostForm(CSRFField)
	}
	return given != "" && subtle.ConstantTimeCompare([]byte(given), []byte(sess.CSRFToken)) == 1
}

// CrossSite reports whether a request comes from another site's page:
// the browser says so in Sec-Fetch-Site ("cross-site"), or its Origin
// names another host than the one asked. Forms that need no session (the
// sign-in, a one-time link's password form) have no CSRF token to check,
// so they refuse such requests instead: otherwise another site could sign
// a victim in to the attacker's account (login CSRF). A request without
// either header (a script, an old browser) is not cross-site. The host
// asked is the request's, or PublicURL's behind a proxy that rewrites it.
func (s *Service) CrossSite(c *gin.Context) bool {
	if c.GetHeader("Sec-Fetch-Site") == "cross-site" {
		return true
	}
	origin := c.GetHeader("Origin")
	if origin == "" || origin == "null" {
		// "null" is what a browser sends from a page whose referrer
		// policy is no-referrer (the portal's own pages): Sec-Fetch-Site,
		// checked above, then decides.
		return false
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return true
	}
	if strings.EqualFold(u.Host, c.Request.Host) {
		return false
	}
	public, err := url.Parse(s.cfg.PublicURL)
	return err != nil || public.Host == "" || !strings.EqualFold(u.Host, public.Host)
}

// PageGuard caps what a handler can read of a request's body at maxBytes
// and sets the headers every answer of a signed-in face (the portal, the
// console) carries: nothing is cached (pages hold personal data), no
// referrer leaves (a one-time link's token is in the address), nothing is
// sniffed.
func PageGuard(maxBytes int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxBytes)
		h := c.Writer.Header()
		h.Set("Cache-Control", "no-store")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Content-Type-Options", "nosniff")
	}
}
