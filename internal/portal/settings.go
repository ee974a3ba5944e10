package portal

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/store"
)

// IssueKeyFunc issues an API key for an integration and returns the full
// key, shown this once; with rotate, the integration's other keys stay
// valid for the key grace only (app.Env.IssueKey, which the CLI's
// `jobgate keys issue|rotate` uses too).
type IssueKeyFunc func(ctx context.Context, integrationID string, rotate bool) (string, error)

// noRoute answers as the API answers a route it does not have
// (internal/httpapi/server.go's NoRoute): what a user who is not its
// account's admin gets for every settings route.
func noRoute(c *gin.Context) {
	abort(c, http.StatusNotFound, codeNotFound, "no such endpoint")
}

// adminSession is session() for the account settings: admins only.
func (p *Portal) adminSession(json bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		if p.authenticate(c, json, http.StatusUnauthorized, true) {
			c.Next()
		}
	}
}

// mountSettings registers the account settings' routes (admins only).
func (p *Portal) mountSettings(r *gin.Engine) {
	api := r.Group("/v1/portal", guard, p.adminSession(true))
	api.GET("/account", p.getAccount)
	api.PATCH("/account", p.patchAccount)
	api.GET("/users", p.listUsers)
	api.POST("/users", p.postUser)
	api.PATCH("/users/:id", p.patchUser)
	api.DELETE("/users/:id", p.deleteUser)
	api.POST("/users/:id/reset-link", p.postResetLink)
	api.GET("/integrations", p.listIntegrations)
	api.POST("/integrations/:id/keys", p.postKey)
	api.DELETE("/integrations/:id/keys/:key_id", p.deleteKey)
	api.GET("/candidates/export", p.getExport)
	api.POST("/candidates/erase", p.postErase)

	pages := r.Group("/portal/settings", guard, p.adminSession(false))
	pages.GET("", p.settingsPage)
	pages.POST("/retention", p.formRetention)
	pages.POST("/users", p.formAddUser)
	pages.POST("/users/:id/role", p.formRole)
	pages.POST("/users/:id/remove", p.formRemoveUser)
	pages.POST("/users/:id/reset-link", p.formResetLink)
	pages.POST("/integrations/:id/keys", p.formIssueKey)
	pages.POST("/integrations/:id/keys/:key_id/revoke", p.formRevokeKey)
	pages.POST("/export", p.formExport)
	pages.POST("/erase", p.formErase)
}

// accountView is GET /v1/portal/account's answer.
type accountView struct {
	ID                  string `json:"id"`
	Name                string `json:"name"`
	RetentionDays       int    `json:"retention_days"`
	RetentionDefault    bool   `json:"retention_default"`
	CVDaysAfterDelivery *int   `json:"cv_days_after_delivery"`
}

func (p *Portal) accountOf(a store.AccountRetention) accountView {
	v := accountView{ID: a.ID, Name: a.Name, RetentionDays: p.d.DefaultRetentionDays, RetentionDefault: a.RetentionDays == nil,
		CVDaysAfterDelivery: a.CVDaysAfterDelivery}
	if a.RetentionDays != nil {
		v.RetentionDays = *a.RetentionDays
	}
	return v
}

// getAccount is GET /v1/portal/account.
func (p *Portal) getAccount(c *gin.Context) {
	a, err := p.d.Store.GetRetention(c.Request.Context(), current(c).viewer.AccountID)
	if err != nil {
		p.fail(c, true, err)
		return
	}
	c.JSON(http.StatusOK, p.accountOf(a))
}

// retentionChange is a change of an account's retention: a field nil is
// left as it is; a Set field's Days nil is the default (retention) or off
// (files after delivery).
type retentionChange struct {
	Retention, CVDays *optionalDays
}

// optionalDays is a number of days or null.
type optionalDays struct{ Days *int }

// check refuses 0 or negative days, naming the field.
func (r retentionChange) check() []ad.FieldError {
	var out []ad.FieldError
	for _, f := range []struct {
		name string
		v    *optionalDays
	}{{"retention_days", r.Retention}, {"cv_days_after_delivery", r.CVDays}} {
		if f.v != nil && f.v.Days != nil && *f.v.Days < 1 {
			out = append(out, ad.FieldError{Field: f.name, Code: "invalid", Message: "must be a whole number of days, at least 1"})
		}
	}
	return out
}

// setRetention applies a change to the viewer's account (audited by the
// store) and returns the account as it is then.
func (p *Portal) setRetention(ctx context.Context, accountID string, ch retentionChange) (accountView, error) {
	a, err := p.d.Store.GetRetention(ctx, accountID)
	if err != nil {
		return accountView{}, err
	}
	days, cv := a.RetentionDays, a.CVDaysAfterDelivery
	if ch.Retention != nil {
		days = ch.Retention.Days
	}
	if ch.CVDays != nil {
		cv = ch.CVDays.Days
	}
	a, err = p.d.Store.SetRetention(ctx, accountID, days, cv)
	if err != nil {
		return accountView{}, err
	}
	return p.accountOf(a), nil
}

// patchAccount is PATCH /v1/portal/account ({"retention_days": N|null,
// "cv_days_after_delivery": N|null}; null: the installation's default,
// or no early deletion of files).
func (p *Portal) patchAccount(c *gin.Context) {
	var body map[string]json.RawMessage
	if err := json.NewDecoder(c.Request.Body).Decode(&body); err != nil || body == nil {
		abort(c, http.StatusBadRequest, codeInvalidJSON, `the body must be a JSON object {"retention_days": N, "cv_days_after_delivery": N or null}`)
		return
	}
	var ch retentionChange
	var problems []ad.FieldError
	for name, raw := range body {
		d, err := daysOf(raw)
		switch {
		case err != nil:
			problems = append(problems, ad.FieldError{Field: name, Code: "invalid", Message: "must be a whole number of days or null"})
		case name == "retention_days":
			ch.Retention = &d
		case name == "cv_days_after_delivery":
			ch.CVDays = &d
		default:
			problems = append(problems, ad.FieldError{Field: name, Code: "unknown", Message: "is not a setting of the account"})
		}
	}
	if problems = append(problems, ch.check()...); len(problems) > 0 {
		abort(c, http.StatusUnprocessableEntity, codeValidation, "the account's settings are not valid", problems...)
		return
	}
	v, err := p.setRetention(c.Request.Context(), current(c).viewer.AccountID, ch)
	if err != nil {
		p.fail(c, true, err)
		return
	}
	c.JSON(http.StatusOK, v)
}

// daysOf reads a number of days or null.
func daysOf(raw json.RawMessage) (optionalDays, error) {
	var n *int
	if err := json.Unmarshal(raw, &n); err != nil {
		return optionalDays{}, err
	}
	return optionalDays{Days: n}, nil
}

// errLastAdmin refuses a change that would leave the account without an
// admin (demoting or removing its last one, oneself included).
var errLastAdmin = errors.New("portal: the account's last admin")

// keyGraceUntil is when a rotation's previous keys stop working.
func (p *Portal) keyGraceUntil() time.Time { return time.Now().Add(p.d.KeyGrace).UTC() }

// readBody decodes the request's JSON object into v, refusing unknown
// fields (an empty body leaves v as it is when emptyOK); otherwise it
// answers 400 invalid_json saying what shape is wanted, and reports false.
func readBody(c *gin.Context, v any, emptyOK bool, shape string) bool {
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil || (emptyOK && errors.Is(err, io.EOF)) {
		return true
	}
	abort(c, http.StatusBadRequest, codeInvalidJSON, "the body must be a JSON object "+shape)
	return false
}
