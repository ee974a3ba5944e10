package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestIntegrationsShow (issue 16, item 4): `integrations show ID` prints
// the integration's settings with its secret masked, its status and its
// keys by id, never a key's secret; --output json prints the same as one
// object; an unknown id exits 1 naming it.
func TestIntegrationsShow(t *testing.T) {
	env := []string{"JOBGATE_DATA_DIR=" + migrated(t, t.TempDir())}
	acc := created(t, env, "accounts", "create", "--name", "Eksempel AS")
	integ := created(t, env, "integrations", "create", "--account", acc, "--vendor", "generic",
		"--set", "apply_secret=s3cr3t-value", "--set", "privacy_url=https://employer.example/privacy")
	key := created(t, env, "keys", "issue", "--integration", integ)
	secret := key[strings.LastIndex(key, "_")+1:]

	out, errOut, err := cli(t, env, "integrations", "show", integ)
	require.NoError(t, err, errOut)
	for _, want := range []string{integ, acc, "generic", "active", "apply_secret=***", "privacy_url=https://employer.example/privacy"} {
		require.Contains(t, out, want)
	}
	require.NotContains(t, out, "s3cr3t-value")
	require.NotContains(t, out, secret)

	out, errOut, err = cli(t, env, "integrations", "show", integ, "--output", "json")
	require.NoError(t, err, errOut)
	require.NotContains(t, out, "s3cr3t-value")
	require.NotContains(t, out, secret)
	var v struct {
		ID        string            `json:"id"`
		AccountID string            `json:"account_id"`
		Vendor    string            `json:"vendor"`
		Status    string            `json:"status"`
		Settings  map[string]string `json:"settings"`
		Keys      []struct {
			ID        string     `json:"id"`
			CreatedAt time.Time  `json:"created"`
			RevokedAt *time.Time `json:"revoked"`
			Valid     bool       `json:"valid"`
		} `json:"keys"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &v), out)
	require.Equal(t, integ, v.ID)
	require.Equal(t, acc, v.AccountID)
	require.Equal(t, "generic", v.Vendor)
	require.Equal(t, "active", v.Status)
	require.Equal(t, map[string]string{"apply_secret": "***", "privacy_url": "https://employer.example/privacy"}, v.Settings)
	require.Len(t, v.Keys, 1)
	require.True(t, v.Keys[0].Valid)
	require.False(t, v.Keys[0].CreatedAt.IsZero())
	require.Nil(t, v.Keys[0].RevokedAt)
	require.True(t, strings.Contains(key, v.Keys[0].ID+"_"), "the key is listed by its id")

	_, errOut, err = cli(t, env, "keys", "revoke", "--integration", integ)
	require.NoError(t, err, errOut)
	out, errOut, err = cli(t, env, "integrations", "show", integ, "--output", "json")
	require.NoError(t, err, errOut)
	require.NoError(t, json.Unmarshal([]byte(out), &v))
	require.False(t, v.Keys[0].Valid, "a revoked key shows as not valid")
	require.NotNil(t, v.Keys[0].RevokedAt)

	out, errOut, err = cli(t, env, "integrations", "show", "int_missing")
	require.Error(t, err)
	require.Contains(t, errOut, "not found")
	require.Empty(t, out)
	_, errOut, err = cli(t, env, "integrations", "show", integ, "--output", "yaml")
	require.Error(t, err)
	require.Contains(t, errOut, "--output must be text or json")
}
