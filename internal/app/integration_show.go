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

// IntegrationSummary is an integration as an operator is shown it in a
// list: its settings with every secret masked, and its status.
type IntegrationSummary = integrationview.Summary

// IntegrationView is an integration as an operator is shown it: its
// summary and its keys by id. The console's integration page shows the
// same view.
type IntegrationView = integrationview.View

// KeyView is an issued key by id and validity, never its secret.
type KeyView = integrationview.Key

// ShowIntegration returns the integration's view (see Summarize).
func (e *Env) ShowIntegration(ctx context.Context, id string) (IntegrationView, error) {
	in, err := e.Store.GetIntegration(ctx, id)
	if err != nil {
		return IntegrationView{}, err
	}
	keys, err := e.Store.ListKeys(ctx, in.ID)
	if err != nil {
		return IntegrationView{}, err
	}
	return integrationview.Of(in, secretNames(in.Vendor), e.Box, keys, time.Now())
}

// Summarize returns the integration's summary: secrets masked, as are the
// plain settings its vendor declares secret.
func (e *Env) Summarize(in store.Integration) (IntegrationSummary, error) {
	return integrationview.Summarize(in, secretNames(in.Vendor), e.Box)
}

// secretNames are the plain settings the vendor declares secret.
func secretNames(vendor string) []string {
	if c, err := registry.Source(vendor); err == nil {
		return c.Capabilities().SecretSettings
	}
	return nil
}

// KeyViews are the keys' views, their validity at now.
func KeyViews(keys []store.APIKey, now time.Time) []KeyView { return integrationview.Keys(keys, now) }
