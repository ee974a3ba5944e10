package app

import (
	"context"
	"slices"
	"time"

	"github.com/jobgate/jobgate/connectors/registry"
	"github.com/jobgate/jobgate/internal/store"
)

// SecretMask stands for a secret setting's value wherever an integration is
// shown: an operator sees that it is set, never what it is.
const SecretMask = "***"

// IntegrationSummary is an integration as an operator is shown it in a
// list: its settings with every secret masked, and its status.
type IntegrationSummary struct {
	ID        string            `json:"id"`
	AccountID string            `json:"account_id"`
	Vendor    string            `json:"vendor"`
	Status    string            `json:"status"`
	CreatedAt time.Time         `json:"created_at"`
	Settings  map[string]string `json:"settings"`
}

// IntegrationView is an integration as an operator is shown it: its
// summary and its keys by id.
type IntegrationView struct {
	IntegrationSummary
	Keys []KeyView `json:"keys"`
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

// ShowIntegration returns the integration's view (see Summarize).
func (e *Env) ShowIntegration(ctx context.Context, id string) (IntegrationView, error) {
	in, err := e.Store.GetIntegration(ctx, id)
	if err != nil {
		return IntegrationView{}, err
	}
	sum, err := e.Summarize(in)
	if err != nil {
		return IntegrationView{}, err
	}
	keys, err := e.Store.ListKeys(ctx, in.ID)
	if err != nil {
		return IntegrationView{}, err
	}
	return IntegrationView{IntegrationSummary: sum, Keys: KeyViews(keys, time.Now())}, nil
}

// Summarize returns the integration's summary. Its sealed secrets are
// opened only to name them: their values are replaced by SecretMask, as
// is any plain setting the vendor declares secret.
func (e *Env) Summarize(in store.Integration) (IntegrationSummary, error) {
	v := IntegrationSummary{ID: in.ID, AccountID: in.AccountID, Vendor: in.Vendor, Status: in.Status, CreatedAt: in.CreatedAt,
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
	secrets, err := e.openSecrets(in)
	if err != nil {
		return IntegrationSummary{}, err
	}
	for k := range secrets {
		v.Settings[k] = SecretMask
	}
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
