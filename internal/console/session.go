package console

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/identity"
)

// signedIn is a request's operator session, kept in the gin context.
type signedIn struct {
	session identity.Session
	token   string
}

const signedInKey = "console.signedIn"

// current returns the request's session (set by session).
func current(c *gin.Context) signedIn {
	s, _ := c.Get(signedInKey)
	si, _ := s.(signedIn)
	return si
}

// session requires a signed-in operator: signed out (or signed in as an
// account's user, whose session is the portal's), a request gets the
// sign-in page with 401. A change (any method but GET, HEAD and OPTIONS)
// also needs the session's CSRF token, else 403 csrf_invalid. Store calls
// after it are audited as "operator:<id>".
func (o *Console) session(c *gin.Context) {
	if o.authenticate(c, http.StatusUnauthorized) {
		c.Next()
	}
}

// authenticate loads the request's operator session into the context and
// reports whether it may go on; when not, it has answered.
func (o *Console) authenticate(c *gin.Context, signedOut int) bool {
	token, sess, err := o.d.Identity.Load(c)
	if err == nil && sess.User.Role != identity.RoleOperator {
		err = identity.ErrNoSession
	}
	switch {
	case errors.Is(err, identity.ErrNoSession):
		o.renderLogin(c, signedOut, "", "")
		return false
	case err != nil:
		o.fail(c, err)
		return false
	}
	if !identity.CSRFValid(c, sess) {
		o.renderError(c, http.StatusForbidden, "csrf_invalid", "The form's CSRF token is missing or wrong: reload the page and try again.")
		return false
	}
	c.Set(signedInKey, signedIn{session: sess, token: token})
	c.Request = c.Request.WithContext(identity.Actor(c.Request.Context(), sess.User))
	return true
}

// fail answers an unexpected error: logged (store errors name ids only)
// and answered 500.
func (o *Console) fail(c *gin.Context, err error) {
	o.d.Log.Error("console: request failed", "path", c.FullPath(), "error", err)
	o.renderError(c, http.StatusInternalServerError, "internal", "Something went wrong on our side; the request id in the logs identifies it.")
}
