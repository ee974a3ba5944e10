package portal

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/store"
)

// integrationView is one of the account's integrations: its plain
// settings (never the sealed secrets) and its keys (never a secret or a
// hash).
type integrationView struct {
	ID        string            `json:"id"`
	Vendor    string            `json:"vendor"`
	Status    string            `json:"status"`
	Settings  map[string]string `json:"settings"`
	CreatedAt time.Time         `json:"created_at"`
	Keys      []keyView         `json:"keys"`
}

// keyView is an API key's id and validity.
type keyView struct {
	ID        string     `json:"id"`
	CreatedAt time.Time  `json:"created"`
	ExpiresAt *time.Time `json:"expires"`
	RevokedAt *time.Time `json:"revoked"`
	Valid     bool       `json:"valid"`
}

// issuedKey is a key just issued: the only answer that holds it.
type issuedKey struct {
	Key                string     `json:"key"`
	IntegrationID      string     `json:"integration_id"`
	PreviousValidUntil *time.Time `json:"previous_valid_until,omitempty"`
}

// accountIntegrations lists the account's integrations with their keys.
// The store has no listing by account; an installation has few
// integrations, so they are listed and filtered here.
func (p *Portal) accountIntegrations(ctx context.Context, accountID string) ([]integrationView, error) {
	all, err := p.d.Store.ListIntegrations(ctx)
	if err != nil {
		return nil, err
	}
	out := []integrationView{}
	for _, in := range all {
		if in.AccountID != accountID {
			continue
		}
		v, err := p.integrationOf(ctx, in)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func (p *Portal) integrationOf(ctx context.Context, in store.Integration) (integrationView, error) {
	keys, err := p.d.Store.ListKeys(ctx, in.ID)
	if err != nil {
		return integrationView{}, err
	}
	v := integrationView{ID: in.ID, Vendor: in.Vendor, Status: in.Status, Settings: in.Settings, CreatedAt: in.CreatedAt, Keys: []keyView{}}
	if v.Settings == nil {
		v.Settings = map[string]string{}
	}
	now := time.Now()
	for _, k := range keys {
		v.Keys = append(v.Keys, keyView{ID: k.ID, CreatedAt: k.CreatedAt, ExpiresAt: k.ExpiresAt, RevokedAt: k.RevokedAt, Valid: k.ValidAt(now)})
	}
	return v, nil
}

// accountIntegration returns the account's integration id;
// store.ErrNotFound for another account's, as for an unknown id.
func (p *Portal) accountIntegration(ctx context.Context, accountID, id string) (store.Integration, error) {
	in, err := p.d.Store.GetIntegration(ctx, id)
	if err == nil && in.AccountID != accountID {
		err = store.ErrNotFound
	}
	return in, err
}

// issueKey issues a key for the account's integration id.
func (p *Portal) issueKey(ctx context.Context, accountID, id string, rotate bool) (issuedKey, error) {
	if _, err := p.accountIntegration(ctx, accountID, id); err != nil {
		return issuedKey{}, err
	}
	k := issuedKey{IntegrationID: id}
	if rotate {
		until := p.keyGraceUntil()
		k.PreviousValidUntil = &until
	}
	full, err := p.d.IssueKey(ctx, id, rotate)
	if err != nil {
		return issuedKey{}, err
	}
	k.Key = full
	return k, nil
}

// revokeKey revokes one key of the account's integration id (audited by
// the store); store.ErrNotFound for a key the integration does not have.
func (p *Portal) revokeKey(ctx context.Context, accountID, id, keyID string) error {
	if _, err := p.accountIntegration(ctx, accountID, id); err != nil {
		return err
	}
	keys, err := p.d.Store.ListKeys(ctx, id)
	if err != nil {
		return err
	}
	for _, k := range keys {
		if k.ID == keyID {
			_, err := p.d.Store.RevokeKeys(ctx, id, keyID)
			return err
		}
	}
	return store.ErrNotFound
}

// listIntegrations is GET /v1/portal/integrations.
func (p *Portal) listIntegrations(c *gin.Context) {
	ins, err := p.accountIntegrations(c.Request.Context(), current(c).viewer.AccountID)
	if err != nil {
		p.fail(c, true, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"integrations": ins})
}

// keyBody is POST /v1/portal/integrations/:id/keys' body ({"rotate":
// true} keeps the other keys valid for the grace only; an empty body is
// an issue without rotation).
type keyBody struct {
	Rotate bool `json:"rotate"`
}

// postKey is POST /v1/portal/integrations/:id/keys: 201 with the key,
// shown this once.
func (p *Portal) postKey(c *gin.Context) {
	var b keyBody
	if !readBody(c, &b, true, `{"rotate": true|false}`) {
		return
	}
	k, err := p.issueKey(c.Request.Context(), current(c).viewer.AccountID, c.Param("id"), b.Rotate)
	if err != nil {
		p.keyError(c, err, "no such integration")
		return
	}
	c.JSON(http.StatusCreated, k)
}

// deleteKey is DELETE /v1/portal/integrations/:id/keys/:key_id: 204.
func (p *Portal) deleteKey(c *gin.Context) {
	if err := p.revokeKey(c.Request.Context(), current(c).viewer.AccountID, c.Param("id"), c.Param("key_id")); err != nil {
		p.keyError(c, err, "no such integration or key")
		return
	}
	c.Status(http.StatusNoContent)
}

func (p *Portal) keyError(c *gin.Context, err error, notFound string) {
	if errors.Is(err, store.ErrNotFound) {
		abort(c, http.StatusNotFound, codeNotFound, notFound)
		return
	}
	p.fail(c, true, err)
}
