package portal

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

// loginPage is the sign-in form, with the e-mail typed (the person's own)
// and what went wrong.
type loginPage struct {
	page
	Email, Message string
}

// renderLogin answers status with the sign-in form.
func (p *Portal) renderLogin(c *gin.Context, status int, email, message string) {
	l := loginPage{page: newPage(c, "sign_in"), Email: email, Message: message}
	p.render(c, status, "login", l.Nonce, l)
}

// home is GET /portal/: the ads list when signed in, else the sign-in form.
func (p *Portal) home(c *gin.Context) {
	if p.authenticate(c, false, http.StatusOK, false) {
		p.adsPage(c)
	}
}

// postLogin is POST /portal/login (form email, password): 303 to /portal/
// with the session cookie; a wrong e-mail or password 401; a blocked user
// or address 429 with Retry-After; a post from another site's page 403
// (identity.CrossSite: login CSRF).
func (p *Portal) postLogin(c *gin.Context) {
	if p.d.Identity.CrossSite(c) {
		abort(c, http.StatusForbidden, codeCSRFInvalid, "sign in from this site's own form")
		return
	}
	email := c.PostForm("email")
	token, sess, err := p.d.Identity.SignIn(c.Request.Context(), c.ClientIP(), email, c.PostForm("password"), identity.RoleAdmin, identity.RoleUser)
	t := languageText[pickLanguage(c.GetHeader("Accept-Language"))]
	var blocked *identity.ErrBlocked
	var locked *auth.ErrLockedOut
	switch {
	case err == nil:
		p.d.Identity.SetCookie(c, token, sess)
		c.Redirect(http.StatusSeeOther, "/portal/")
	case errors.As(err, &blocked):
		p.refuseBlocked(c, email, time.Until(blocked.Until), t)
	case errors.As(err, &locked):
		p.refuseBlocked(c, email, locked.RetryAfter, t)
	case errors.Is(err, identity.ErrBadCredentials):
		p.renderLogin(c, http.StatusUnauthorized, email, t["err_bad_credentials"])
	default:
		p.fail(c, false, err)
	}
}

// refuseBlocked answers 429 with Retry-After (whole seconds, at least 1).
func (p *Portal) refuseBlocked(c *gin.Context, email string, wait time.Duration, t labels) {
	secs := max(1, int(math.Ceil(wait.Seconds())))
	c.Header("Retry-After", strconv.Itoa(secs))
	p.renderLogin(c, http.StatusTooManyRequests, email, fmt.Sprintf(t["err_blocked"], (secs+59)/60))
}

// postLogout is POST /portal/logout: ends the session, 303 to /portal/.
func (p *Portal) postLogout(c *gin.Context) {
	if err := p.d.Identity.SignOut(c.Request.Context(), current(c).token); err != nil {
		p.fail(c, false, err)
		return
	}
	p.d.Identity.ClearCookie(c)
	c.Redirect(http.StatusSeeOther, "/portal/")
}

// passwordPage sets a password with a one-time link's token.
type passwordPage struct {
	page
	Token, Message string
}

// passwordForm is GET /portal/password?token=.
func (p *Portal) passwordForm(c *gin.Context) {
	f := passwordPage{page: newPage(c, "set_password_title"), Token: c.Query("token")}
	p.render(c, http.StatusOK, "password", f.Nonce, f)
}

// postPassword is POST /portal/password (form token, password): sets the
// password (identity.SetPassword), then offers the sign-in form.
func (p *Portal) postPassword(c *gin.Context) {
	f := passwordPage{page: newPage(c, "set_password_title"), Token: c.PostForm("token")}
	_, err := p.d.Identity.SetPassword(c.Request.Context(), f.Token, c.PostForm("password"))
	switch {
	case errors.Is(err, identity.ErrWeakPassword):
		f.Message = f.T["err_weak_password"]
		p.render(c, http.StatusUnprocessableEntity, "password", f.Nonce, f)
	case errors.Is(err, identity.ErrInvalidToken):
		p.renderMessage(c, http.StatusBadRequest, "set_password_title", "err_invalid_token", true)
	case err != nil:
		p.fail(c, false, err)
	default:
		p.renderMessage(c, http.StatusOK, "set_password_title", "password_set", false)
	}
}

// forgotForm is GET /portal/forgot.
func (p *Portal) forgotForm(c *gin.Context) {
	f := newPage(c, "forgot_title")
	p.render(c, http.StatusOK, "forgot", f.Nonce, f)
}

// postForgot is POST /portal/forgot (form email): the same answer whether
// or not the e-mail is a user's, even when mailing fails (logged), so the
// form tells no one who has an account.
func (p *Portal) postForgot(c *gin.Context) {
	if err := p.d.Identity.RequestReset(c.Request.Context(), c.PostForm("email")); err != nil {
		p.d.Log.Error("portal: password reset request failed", "error", err)
	}
	p.renderMessage(c, http.StatusOK, "forgot_title", "forgot_sent", false)
}

// renderMessage answers status with a page of one message, and the way to
// sign in.
func (p *Portal) renderMessage(c *gin.Context, status int, titleKey, messageKey string, alert bool) {
	m := messagePage{page: newPage(c, titleKey), Alert: alert, SignIn: true}
	m.Message = m.T[messageKey]
	p.render(c, status, "message", m.Nonce, m)
}
