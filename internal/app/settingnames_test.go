package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// TestUnknownSettingRefusedAndShowMasks, on both stores (issue 16, item
// 4): CreateIntegration refuses a setting name no part of jobgate reads
// for the vendor, naming it and the valid ones, and stores nothing; an
// integration's view masks its secret and lists its key by id.
func TestUnknownSettingRefusedAndShowMasks(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		ctx := context.Background()
		acc, err := s.Env.Store.CreateAccount(ctx, "Eksempel AS")
		require.NoError(t, err)
		before, err := s.Env.Store.ListIntegrations(ctx)
		require.NoError(t, err)
		_, err = s.Env.CreateIntegration(ctx, acc.ID, "generic", map[string]string{"chanels": "nav"})
		require.ErrorContains(t, err, "unknown setting chanels for vendor generic (valid: ")
		require.ErrorContains(t, err, "channels")
		after, err := s.Env.Store.ListIntegrations(ctx)
		require.NoError(t, err)
		require.Len(t, after, len(before), "nothing stored")

		in, err := s.Env.CreateIntegration(ctx, acc.ID, "generic", map[string]string{"channels": "nav", "apply_secret": "s3cr3t-value"})
		require.NoError(t, err)
		_, err = s.Env.IssueKey(ctx, in.ID, false)
		require.NoError(t, err)
		v, err := s.Env.ShowIntegration(ctx, in.ID)
		require.NoError(t, err)
		require.Equal(t, map[string]string{"channels": "nav", "apply_secret": app.SecretMask}, v.Settings)
		require.Len(t, v.Keys, 1)
		require.True(t, v.Keys[0].Valid)
	})
}
