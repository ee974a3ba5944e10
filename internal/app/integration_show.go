package app

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/jobgate/jobgate/connectors/registry"
	"github.com/jobgate/jobgate/internal/store"
)

// SecretMask stands for a secret setting's value wherever an integration is
// shown: an operator sees that it is set, never what it is.
const SecretMask = "***"

// IntegrationView is an integration as an operator is shown it: its
// settings with every secret masked, its status, and its keys by id.
type IntegrationView struct {
	ID        string            `json:"id"`
	AccountID string            `json:"account_id"`
	Vendor    string            `json:"vendor"`
	Status    string            `json:"status"`
	CreatedAt time.Time         `json:"created_at"`
	Settings  map[string]string `json:"settings"`
	Keys      []KeyView         `json:"keys"`
}

// KeyView is an issued key by id and validity, never its secret (the
// same fields as the portal's keys).
type KeyView struct {
	ID        string     `json:"id"`
	CreatedAt time.Time  `json:"created"`
	ExpiresAt *time.Time `json:"expires"`
	RevokedAt *time.Time `json:"revoked"`
	Valid     bool       `json:"valid"`
}

// ShowIntegration returns the integration's view. Its sealed secrets are
// opened only to name them: their values are replaced by SecretMask, as
// is any plain setting the vendor declares secret.
func (e *Env) ShowIntegration(ctx context.Context, id string) (IntegrationView, error) {
	in, err := e.Store.GetIntegration(ctx, id)
	if err != nil {
		return IntegrationView{}, err
	}
	v := IntegrationView{ID: in.ID, AccountID: in.AccountID, Vendor: in.Vendor, Status: in.Status, CreatedAt: in.CreatedAt,
		Settings: map[string]string{}}
	var secretNames []string
	if c, err := registry.Source(in.Vendor); err == nil {
		secretNames = c.Capabilities().SecretSettings
	}
	for k, val := range in.Settings {
		if slices.Contains(secretNames, k) {
			val = SecretMask
		}
		v.Settings[k] = val
	}
	if len(in.SealedSecrets) > 0 {
		plain, err := e.Box.Open(in.SealedSecrets, in.ID)
		if err != nil {
			return IntegrationView{}, fmt.Errorf("integration %s secrets: %w", in.ID, err)
		}
		secrets := map[string]string{}
		if err := json.Unmarshal(plain, &secrets); err != nil {
			return IntegrationView{}, fmt.Errorf("integration %s secrets: %w", in.ID, err)
		}
		for k := range secrets {
			v.Settings[k] = SecretMask
		}
	}
	keys, err := e.Store.ListKeys(ctx, in.ID)
	if err != nil {
		return IntegrationView{}, err
	}
	v.Keys = KeyViews(keys, time.Now())
	return v, nil
}

// KeyViews are the keys' views, their validity at now.
func KeyViews(keys []store.APIKey, now time.Time) []KeyView {
	out := make([]KeyView, 0, len(keys))
	for _, k := range keys {
		out = append(out, KeyView{ID: k.ID, CreatedAt: k.CreatedAt, ExpiresAt: k.ExpiresAt, RevokedAt: k.RevokedAt, Valid: k.ValidAt(now)})
	}
	return out
}
