package portal

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/identity"
	"github.com/jobgate/jobgate/internal/store"
)

// userView is a user of the account as the settings show it.
type userView struct {
	ID          string    `json:"id"`
	Email       string    `json:"email"`
	Role        string    `json:"role"`
	PasswordSet bool      `json:"password_set"`
	CreatedAt   time.Time `json:"created_at"`
}

func userOf(u identity.User) userView {
	return userView{ID: u.ID, Email: u.Email, Role: u.Role, PasswordSet: u.PasswordSet, CreatedAt: u.CreatedAt}
}

// linkView is a one-time set-password link: shown this once when no SMTP
// server is configured, else only when it expires.
type linkView struct {
	SetPasswordLink string    `json:"set_password_link,omitempty"`
	Mailed          bool      `json:"mailed"`
	ExpiresAt       time.Time `json:"link_expires_at"`
}

func linkOf(inv identity.Invite) linkView {
	return linkView{SetPasswordLink: inv.Link, Mailed: inv.Mailed, ExpiresAt: inv.ExpiresAt}
}

// accountUser returns the account's user id; store.ErrNotFound for
// another account's user, as for an unknown id.
func (p *Portal) accountUser(ctx context.Context, accountID, id string) (identity.User, error) {
	u, err := p.d.Identity.GetUser(ctx, id)
	if err == nil && u.AccountID != accountID {
		err = store.ErrNotFound
	}
	return u, err
}

// keepsAdmin returns errLastAdmin when the account would have no admin
// left without user u as one.
func (p *Portal) keepsAdmin(ctx context.Context, u identity.User) error {
	if u.Role != identity.RoleAdmin {
		return nil
	}
	users, err := p.d.Identity.ListUsers(ctx, u.AccountID)
	if err != nil {
		return err
	}
	for _, o := range users {
		if o.Role == identity.RoleAdmin && o.ID != u.ID {
			return nil
		}
	}
	return errLastAdmin
}

// changeRole sets the role of the account's user id, unless it is the
// last admin's demotion.
func (p *Portal) changeRole(ctx context.Context, accountID, id, role string) (identity.User, error) {
	u, err := p.accountUser(ctx, accountID, id)
	if err != nil {
		return u, err
	}
	if role != identity.RoleAdmin && role != identity.RoleUser {
		return u, identity.ErrInvalidRole
	}
	if role != identity.RoleAdmin {
		if err := p.keepsAdmin(ctx, u); err != nil {
			return u, err
		}
	}
	return p.d.Identity.UpdateRole(ctx, id, role)
}

// removeUser removes the account's user id, unless it is the last admin.
func (p *Portal) removeUser(ctx context.Context, accountID, id string) error {
	u, err := p.accountUser(ctx, accountID, id)
	if err != nil {
		return err
	}
	if err := p.keepsAdmin(ctx, u); err != nil {
		return err
	}
	return p.d.Identity.RemoveUser(ctx, id)
}

// resetLink makes a one-time link for the account's user id.
func (p *Portal) resetLink(ctx context.Context, accountID, id string) (identity.Invite, error) {
	if _, err := p.accountUser(ctx, accountID, id); err != nil {
		return identity.Invite{}, err
	}
	return p.d.Identity.ResetLink(ctx, id)
}

// userError answers a users route's error in JSON.
func (p *Portal) userError(c *gin.Context, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		abort(c, http.StatusNotFound, codeNotFound, "no such user")
	case errors.Is(err, errLastAdmin):
		abort(c, http.StatusConflict, codeLastAdmin, "the account's last admin can be neither demoted nor removed: make another user admin first")
	case errors.Is(err, identity.ErrEmailTaken):
		abort(c, http.StatusConflict, codeEmailTaken, "the e-mail is already a user's (in this or another account)")
	case errors.Is(err, identity.ErrInvalidEmail):
		abort(c, http.StatusUnprocessableEntity, codeValidation, "the user is not valid",
			ad.FieldError{Field: "email", Code: "invalid", Message: "is not one e-mail address"})
	case errors.Is(err, identity.ErrInvalidRole):
		abort(c, http.StatusUnprocessableEntity, codeValidation, "the user is not valid",
			ad.FieldError{Field: "role", Code: "invalid", Message: "must be admin or user"})
	default:
		p.fail(c, true, err)
	}
}

// userBody is POST /v1/portal/users' and PATCH's body.
type userBody struct {
	Email string `json:"email"`
	Role  string `json:"role"`
}

func readUserBody(c *gin.Context) (userBody, bool) {
	var b userBody
	ok := readBody(c, &b, false, `{"email": "...", "role": "admin"|"user"}`)
	return b, ok
}

// listUsers is GET /v1/portal/users: the account's users, oldest first.
func (p *Portal) listUsers(c *gin.Context) {
	users, err := p.d.Identity.ListUsers(c.Request.Context(), current(c).viewer.AccountID)
	if err != nil {
		p.fail(c, true, err)
		return
	}
	out := make([]userView, 0, len(users))
	for _, u := range users {
		out = append(out, userOf(u))
	}
	c.JSON(http.StatusOK, gin.H{"users": out})
}

// postUser is POST /v1/portal/users: 201 with the user and its one-time
// set-password link (shown this once where no SMTP server mails it).
func (p *Portal) postUser(c *gin.Context) {
	b, ok := readUserBody(c)
	if !ok {
		return
	}
	u, inv, err := p.d.Identity.CreateUser(c.Request.Context(), current(c).viewer.AccountID, b.Email, b.Role)
	if err != nil {
		p.userError(c, err)
		return
	}
	c.JSON(http.StatusCreated, struct {
		userView
		linkView
	}{userOf(u), linkOf(inv)})
}

// patchUser is PATCH /v1/portal/users/:id ({"role"}).
func (p *Portal) patchUser(c *gin.Context) {
	b, ok := readUserBody(c)
	if !ok {
		return
	}
	if b.Email != "" {
		abort(c, http.StatusUnprocessableEntity, codeValidation, "the user is not valid",
			ad.FieldError{Field: "email", Code: "read_only", Message: "cannot be changed: remove the user and add the new address"})
		return
	}
	u, err := p.changeRole(c.Request.Context(), current(c).viewer.AccountID, c.Param("id"), b.Role)
	if err != nil {
		p.userError(c, err)
		return
	}
	c.JSON(http.StatusOK, userOf(u))
}

// deleteUser is DELETE /v1/portal/users/:id: 204.
func (p *Portal) deleteUser(c *gin.Context) {
	if err := p.removeUser(c.Request.Context(), current(c).viewer.AccountID, c.Param("id")); err != nil {
		p.userError(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// postResetLink is POST /v1/portal/users/:id/reset-link: 201 with the
// link (shown this once where not mailed).
func (p *Portal) postResetLink(c *gin.Context) {
	inv, err := p.resetLink(c.Request.Context(), current(c).viewer.AccountID, c.Param("id"))
	if err != nil {
		p.userError(c, err)
		return
	}
	c.JSON(http.StatusCreated, linkOf(inv))
}
