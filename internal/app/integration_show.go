package app

import (
	"context"
	"time"

	"github.com/jobgate/jobgate/connectors/registry"
	"github.com/jobgate/jobgate/internal/integrationview"
	"github.com/jobgate/jobgate/internal/store"
)

// SecretMask stands for a secret setting's value wherever an integration is
// shown (integrationview.SecretMask).
const SecretMask = integrationview.SecretMask

// IntegrationView is an integration as an operator is shown it: its
// settings with every secret masked, its status, and its keys by id. The
// console's integration page shows the same view.
type IntegrationView = integrationview.View

// KeyView is an issued key by id and validity, never its secret.
type KeyView = integrationview.Key

// ShowIntegration returns the integration's view: secrets masked, as are
// the plain settings its vendor declares secret.
func (e *Env) ShowIntegration(ctx context.Context, id string) (IntegrationView, error) {
	in, err := e.Store.GetIntegration(ctx, id)
	if err != nil {
		return IntegrationView{}, err
	}
	var secretNames []string
	if c, err := registry.Source(in.Vendor); err == nil {
		secretNames = c.Capabilities().SecretSettings
	}
	keys, err := e.Store.ListKeys(ctx, in.ID)
	if err != nil {
		return IntegrationView{}, err
	}
	return integrationview.Of(in, secretNames, e.Box, keys, time.Now())
}

// KeyViews are the keys' views, their validity at now.
func KeyViews(keys []store.APIKey, now time.Time) []KeyView { return integrationview.Keys(keys, now) }
