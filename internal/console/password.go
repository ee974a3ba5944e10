package console

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/identity"
)

// passwordPage sets an operator's password with the one-time link that
// `jobgate operators create` (or `users reset-password`) printed.
type passwordPage struct {
	page
	Token, Message string
	// MinChars is the shortest password accepted.
	MinChars int
	// Done shows the way to sign in instead of the form.
	Done bool
}

// passwordForm is GET /ops/password?token=.
func (o *Console) passwordForm(c *gin.Context) {
	f := passwordPage{page: newPage(c, "Set your password"), Token: c.Query("token"), MinChars: identity.MinPasswordChars}
	o.render(c, http.StatusOK, "password", f)
}

// postPassword is POST /ops/password (form token, password): sets the
// password (identity.SetPassword: the link works once, until it expires),
// then offers the sign-in. A post from another site's page is refused
// (the form has no session to carry a CSRF token).
func (o *Console) postPassword(c *gin.Context) {
	if o.d.Identity.CrossSite(c) {
		o.renderError(c, http.StatusForbidden, "csrf_invalid", "Set your password from this site's own form.")
		return
	}
	f := passwordPage{page: newPage(c, "Set your password"), Token: c.PostForm("token"), MinChars: identity.MinPasswordChars}
	_, err := o.d.Identity.SetPassword(c.Request.Context(), f.Token, c.PostForm("password"))
	switch {
	case errors.Is(err, identity.ErrWeakPassword):
		f.Message = fmt.Sprintf("Choose a longer password: at least %d characters (a few words make a good one).", identity.MinPasswordChars)
		o.render(c, http.StatusUnprocessableEntity, "password", f)
	case errors.Is(err, identity.ErrInvalidToken):
		o.renderError(c, http.StatusBadRequest, "invalid_token", "This link does not work: it was used already or it expired. Ask for a new one (jobgate users reset-password ID).")
	case err != nil:
		o.fail(c, err)
	default:
		f.Done, f.Token = true, ""
		o.render(c, http.StatusOK, "password", f)
	}
}
