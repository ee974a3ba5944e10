package portal

import (
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/identity"
	"github.com/jobgate/jobgate/internal/store"
)

// Viewer is the signed-in person a portal request is for.
type Viewer struct {
	UserID    string `json:"id"`
	AccountID string `json:"account_id"`
	Email     string `json:"email"`
	Role      string `json:"role"`
}

// viewerOf adapts an identity session to the portal's viewer.
func viewerOf(s identity.Session) Viewer {
	u := s.User
	return Viewer{UserID: u.ID, AccountID: u.AccountID, Email: u.Email, Role: u.Role}
}

// storeViewer is whom the store filters for.
func (v Viewer) storeViewer() store.Viewer {
	return store.Viewer{AccountID: v.AccountID, Email: v.Email, Role: v.Role}
}

// signedIn is a request's session, kept in the gin context.
type signedIn struct {
	viewer  Viewer
	session identity.Session
	token   string
}

const signedInKey = "portal.signedIn"

// current returns the request's session (set by session()).
func current(c *gin.Context) signedIn {
	s, _ := c.Get(signedInKey)
	si, _ := s.(signedIn)
	return si
}

// portalRole reports whether a role signs in to the portal.
func portalRole(role string) bool { return role == identity.RoleAdmin || role == identity.RoleUser }

// session requires a signed-in admin or user of an account: signed out, a
// request gets 401 (JSON) or the sign-in page (HTML). A change (any method
// but GET and HEAD) also needs the session's CSRF token, else 403
// csrf_invalid. Store calls after it are audited as the user.
func (p *Portal) session(json bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		if p.authenticate(c, json, http.StatusUnauthorized, false) {
			c.Next()
		}
	}
}

// authenticate loads the request's session into the context and reports
// whether it may go on; when not, it has answered (signed out: 401 JSON,
// or the sign-in page with signedOut as its status). With adminOnly, a
// user who is not its account's admin gets the answer of a missing route,
// before its CSRF token is looked at, so nothing tells it the route is
// there.
func (p *Portal) authenticate(c *gin.Context, json bool, signedOut int, adminOnly bool) bool {
	token, sess, err := p.d.Identity.Load(c)
	if err == nil && !portalRole(sess.User.Role) {
		err = identity.ErrNoSession // an operator's session is the console's
	}
	switch {
	case errors.Is(err, identity.ErrNoSession) && json:
		abort(c, http.StatusUnauthorized, codeUnauthorized, "sign in first: POST /portal/login sets the session cookie")
		return false
	case errors.Is(err, identity.ErrNoSession):
		p.renderLogin(c, signedOut, "", "")
		return false
	case err != nil:
		p.fail(c, json, err)
		return false
	case adminOnly && sess.User.Role != identity.RoleAdmin:
		noRoute(c)
		return false
	}
	if !identity.CSRFValid(c, sess) {
		if json {
			abort(c, http.StatusForbidden, codeCSRFInvalid, "the "+identity.CSRFHeader+" header must carry the session's csrf_token (GET /v1/portal/session)")
		} else {
			p.renderError(c, http.StatusForbidden, codeCSRFInvalid)
		}
		return false
	}
	c.Set(signedInKey, signedIn{viewer: viewerOf(sess), session: sess, token: token})
	c.Request = c.Request.WithContext(identity.Actor(c.Request.Context(), sess.User))
	return true
}

// fail answers an unexpected error: logged (never with personal data:
// the store's errors name ids only) and answered 500.
func (p *Portal) fail(c *gin.Context, json bool, err error) {
	p.d.Log.Error("portal: request failed", "path", c.FullPath(), "error", err)
	if json {
		abort(c, http.StatusInternalServerError, codeInternal, "internal error; the request id identifies it in our logs")
		return
	}
	p.renderError(c, http.StatusInternalServerError, codeInternal)
}

// sessionView is GET /v1/portal/session's answer: the user's fields
// beside the token.
type sessionView struct {
	Viewer
	CSRFToken string    `json:"csrf_token"`
	ExpiresAt time.Time `json:"expires_at"`
}

// getSession is GET /v1/portal/session: the user, and the CSRF token a
// script sends back in X-CSRF-Token.
func (p *Portal) getSession(c *gin.Context) {
	s := current(c)
	c.JSON(http.StatusOK, sessionView{Viewer: s.viewer, CSRFToken: s.session.CSRFToken, ExpiresAt: s.session.ExpiresAt})
}
