package console

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/auth"
	"github.com/jobgate/jobgate/internal/identity"
)

// loginPage is the sign-in form, with the e-mail typed and what went wrong.
type loginPage struct {
	page
	Email, Message string
}

// renderLogin answers status with the sign-in form.
func (o *Console) renderLogin(c *gin.Context, status int, email, message string) {
	l := loginPage{page: newPage(c, "Sign in"), Email: email, Message: message}
	o.render(c, status, "login", l)
}

// home is GET /ops/: the overview when signed in, else the sign-in form.
func (o *Console) home(c *gin.Context) {
	if o.authenticate(c, http.StatusOK) {
		o.overviewPage(c)
	}
}

// postLogin is POST /ops/login (form email, password): 303 to /ops/ with
// the session cookie; a wrong e-mail or password 401; a blocked operator
// or address 429 with Retry-After (the lockout is identity's, shared with
// the portal); a post from another site's page 403 (login CSRF). Only
// operators sign in here.
func (o *Console) postLogin(c *gin.Context) {
	if o.d.Identity.CrossSite(c) {
		o.renderError(c, http.StatusForbidden, "csrf_invalid", "Sign in from this site's own form.")
		return
	}
	email := c.PostForm("email")
	token, sess, err := o.d.Identity.SignIn(c.Request.Context(), c.ClientIP(), email, c.PostForm("password"), identity.RoleOperator)
	var blocked *identity.ErrBlocked
	var locked *auth.ErrLockedOut
	switch {
	case err == nil:
		o.d.Identity.SetCookie(c, token, sess)
		c.Redirect(http.StatusSeeOther, "/ops/")
	case errors.As(err, &blocked):
		o.refuseBlocked(c, email, time.Until(blocked.Until))
	case errors.As(err, &locked):
		o.refuseBlocked(c, email, locked.RetryAfter)
	case errors.Is(err, identity.ErrBadCredentials):
		o.renderLogin(c, http.StatusUnauthorized, email, "Wrong e-mail or password.")
	default:
		o.fail(c, err)
	}
}

// refuseBlocked answers 429 with Retry-After (whole seconds, at least 1).
func (o *Console) refuseBlocked(c *gin.Context, email string, wait time.Duration) {
	secs := max(1, int(math.Ceil(wait.Seconds())))
	c.Header("Retry-After", strconv.Itoa(secs))
	o.renderLogin(c, http.StatusTooManyRequests, email,
		fmt.Sprintf("Too many wrong passwords: sign-in is blocked for about %d minutes.", (secs+59)/60))
}

// postLogout is POST /ops/logout: ends the session, 303 to /ops/.
func (o *Console) postLogout(c *gin.Context) {
	if err := o.d.Identity.SignOut(c.Request.Context(), current(c).token); err != nil {
		o.fail(c, err)
		return
	}
	o.d.Identity.ClearCookie(c)
	c.Redirect(http.StatusSeeOther, "/ops/")
}
