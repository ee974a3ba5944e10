package portal

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// The settings page's forms: each needs the CSRF field (checked by the
// session) and answers 303 back to the page, or the page with what it
// shows this once.

// formDays reads a form's number of days: "" is null (the default, or
// off); false when it is not a whole number of at least 1.
func formDays(s string) (optionalDays, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return optionalDays{}, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return optionalDays{}, false
	}
	return optionalDays{Days: &n}, true
}

// formRetention is POST /portal/settings/retention (retention_days,
// cv_days_after_delivery; empty: the default, or off).
func (p *Portal) formRetention(c *gin.Context) {
	days, ok1 := formDays(c.PostForm("retention_days"))
	cv, ok2 := formDays(c.PostForm("cv_days_after_delivery"))
	if !ok1 || !ok2 {
		p.settingsAlert(c, http.StatusUnprocessableEntity, "err_invalid_days")
		return
	}
	_, err := p.setRetention(c.Request.Context(), current(c).viewer.AccountID, retentionChange{Retention: &days, CVDays: &cv})
	p.settingsDone(c, err)
}

// formAddUser is POST /portal/settings/users (email, role): the page
// with the new user's set-password link, shown this once when not
// mailed.
func (p *Portal) formAddUser(c *gin.Context) {
	u, inv, err := p.d.Identity.CreateUser(c.Request.Context(), current(c).viewer.AccountID, c.PostForm("email"), c.PostForm("role"))
	if err != nil {
		p.settingsDone(c, err)
		return
	}
	p.renderSettings(c, http.StatusCreated, func(v *settingsView) {
		l := linkOf(inv)
		v.Link, v.LinkFor, v.Message = &l, u.Email, v.T["user_added"]
	})
}

// formRole is POST /portal/settings/users/:id/role (role).
func (p *Portal) formRole(c *gin.Context) {
	_, err := p.changeRole(c.Request.Context(), current(c).viewer.AccountID, c.Param("id"), c.PostForm("role"))
	p.settingsDone(c, err)
}

// formRemoveUser is POST /portal/settings/users/:id/remove.
func (p *Portal) formRemoveUser(c *gin.Context) {
	p.settingsDone(c, p.removeUser(c.Request.Context(), current(c).viewer.AccountID, c.Param("id")))
}

// formResetLink is POST /portal/settings/users/:id/reset-link: the page
// with the link, shown this once when not mailed.
func (p *Portal) formResetLink(c *gin.Context) {
	accountID := current(c).viewer.AccountID
	inv, err := p.resetLink(c.Request.Context(), accountID, c.Param("id"))
	if err != nil {
		p.settingsDone(c, err)
		return
	}
	u, _ := p.accountUser(c.Request.Context(), accountID, c.Param("id"))
	p.renderSettings(c, http.StatusCreated, func(v *settingsView) {
		l := linkOf(inv)
		v.Link, v.LinkFor, v.Message = &l, u.Email, v.T["link_made"]
	})
}

// formIssueKey is POST /portal/settings/integrations/:id/keys (rotate
// "true" keeps the other keys for the grace only): the page with the
// key, shown this once.
func (p *Portal) formIssueKey(c *gin.Context) {
	k, err := p.issueKey(c.Request.Context(), current(c).viewer.AccountID, c.Param("id"), c.PostForm("rotate") == "true")
	if err != nil {
		p.settingsDone(c, err)
		return
	}
	p.renderSettings(c, http.StatusCreated, func(v *settingsView) { v.NewKey = &k })
}

// formRevokeKey is POST /portal/settings/integrations/:id/keys/:key_id/revoke.
func (p *Portal) formRevokeKey(c *gin.Context) {
	p.settingsDone(c, p.revokeKey(c.Request.Context(), current(c).viewer.AccountID, c.Param("id"), c.Param("key_id")))
}

// formExport is POST /portal/settings/export (email): the export as a
// JSON file to download. A form posts the e-mail rather than putting it
// in an address, where it would reach logs and the history.
func (p *Portal) formExport(c *gin.Context) {
	email, ok := memberEmail(c.PostForm("email"))
	if !ok {
		p.settingsAlert(c, http.StatusUnprocessableEntity, "err_invalid_email")
		return
	}
	x, err := p.d.Privacy.Export(c.Request.Context(), email, current(c).viewer.AccountID)
	if err != nil {
		p.settingsDone(c, err)
		return
	}
	b, err := json.MarshalIndent(x, "", "  ")
	if err != nil {
		p.fail(c, false, err)
		return
	}
	name := "export-" + time.Now().UTC().Format("20060102-150405") + ".json"
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Data(http.StatusOK, "application/json; charset=utf-8", b)
}

// formErase is POST /portal/settings/erase (email, confirm): without
// confirm=yes the page asks to confirm; with it the candidate's data in
// the account is erased and the page shows the receipt.
func (p *Portal) formErase(c *gin.Context) {
	email, ok := memberEmail(c.PostForm("email"))
	if !ok {
		p.settingsAlert(c, http.StatusUnprocessableEntity, "err_invalid_email")
		return
	}
	if c.PostForm("confirm") != "yes" {
		p.renderSettings(c, http.StatusOK, func(v *settingsView) { v.ConfirmErase = email })
		return
	}
	r, err := p.erase(c, email)
	if err != nil {
		p.settingsDone(c, err)
		return
	}
	p.renderSettings(c, http.StatusOK, func(v *settingsView) { v.Receipt, v.Message = &r, v.T["erased"] })
}
