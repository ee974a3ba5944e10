package portal

import (
	"context"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/identity"
	"github.com/jobgate/jobgate/internal/privacy"
	"github.com/jobgate/jobgate/internal/store"
)

// settingsView is the account settings page: what an admin manages, and
// what one action has just shown once (a key, a link, a receipt).
type settingsView struct {
	page
	Account      accountView
	Users        []userView
	Integrations []integrationView
	// NewKey is a key just issued, shown this once.
	NewKey *issuedKey
	// Link is a set-password link just made and not mailed, for LinkFor.
	Link    *linkView
	LinkFor string
	// Message says what was done (Alert: what went wrong).
	Message string
	Alert   bool
	// ConfirmErase is the e-mail an erasure awaits confirmation for.
	ConfirmErase string
	Receipt      *privacy.Receipt
}

// settingsPage is GET /portal/settings.
func (p *Portal) settingsPage(c *gin.Context) {
	p.renderSettings(c, http.StatusOK, func(*settingsView) {})
}

// renderSettings answers the settings page with status, after fill has
// set what this answer shows once.
func (p *Portal) renderSettings(c *gin.Context, status int, fill func(*settingsView)) {
	ctx, accountID := c.Request.Context(), current(c).viewer.AccountID
	v := settingsView{page: newPage(c, "settings")}
	v.Nav = "settings"
	if err := p.loadSettings(ctx, accountID, &v); err != nil {
		p.fail(c, false, err)
		return
	}
	fill(&v)
	p.render(c, status, "settings", v.Nonce, v)
}

func (p *Portal) loadSettings(ctx context.Context, accountID string, v *settingsView) error {
	a, err := p.d.Store.GetRetention(ctx, accountID)
	if err != nil {
		return err
	}
	v.Account = p.accountOf(a)
	users, err := p.d.Identity.ListUsers(ctx, accountID)
	if err != nil {
		return err
	}
	for _, u := range users {
		v.Users = append(v.Users, userOf(u))
	}
	v.Integrations, err = p.accountIntegrations(ctx, accountID)
	return err
}

// settingsDone answers a form: back to the settings (303) when it worked,
// else the page with the error's message, or 404 for another account's
// or an unknown id.
func (p *Portal) settingsDone(c *gin.Context, err error) {
	status, key := formError(err)
	switch {
	case err == nil:
		c.Redirect(http.StatusSeeOther, "/portal/settings")
	case status == http.StatusNotFound:
		p.renderError(c, status, codeNotFound)
	case key == "":
		p.fail(c, false, err)
	default:
		p.settingsAlert(c, status, key)
	}
}

// settingsAlert answers the page with an error message.
func (p *Portal) settingsAlert(c *gin.Context, status int, key string) {
	p.renderSettings(c, status, func(v *settingsView) { v.Message, v.Alert = v.T[key], true })
}

// formError is the status and message key of a settings form's error;
// "" for an unexpected one.
func formError(err error) (int, string) {
	switch {
	case err == nil:
		return http.StatusOK, ""
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, "err_not_found"
	case errors.Is(err, errLastAdmin):
		return http.StatusConflict, "err_last_admin"
	case errors.Is(err, identity.ErrEmailTaken):
		return http.StatusConflict, "err_email_taken"
	case errors.Is(err, identity.ErrInvalidEmail), errors.Is(err, privacy.ErrInvalidEmail):
		return http.StatusUnprocessableEntity, "err_invalid_email"
	case errors.Is(err, identity.ErrInvalidRole):
		return http.StatusUnprocessableEntity, "err_invalid_role"
	}
	return http.StatusInternalServerError, ""
}
