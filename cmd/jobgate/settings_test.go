package main

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestIntegrationsCreateRefusesUnknownSetting: a typo in a setting name
// (chanels=nav) was stored silently (issue 16, item 4). Now `integrations
// create` exits 1 naming the unknown setting and listing the valid ones
// (the hub's and the vendor's own), and stores nothing; the vendor's own
// settings and the hub's (channels, NAV and FINN settings) are accepted.
func TestIntegrationsCreateRefusesUnknownSetting(t *testing.T) {
	env := []string{"JOBGATE_DATA_DIR=" + migrated(t, t.TempDir())}
	acc := created(t, env, "accounts", "create", "--name", "Eksempel AS")
	for _, c := range []struct {
		vendor string
		sets   []string
		want   []string
	}{
		{"generic", []string{"chanels=nav"}, []string{"unknown setting chanels for vendor generic", "channels", "apply_secret", "finn_provider", "nav_sector"}},
		{"lever", []string{"site=acme", "sitee=acme"}, []string{"unknown setting sitee for vendor lever", "site", "base_url", "poll_interval"}},
		{"generic", []string{"site=acme"}, []string{"unknown setting site for vendor generic"}},
	} {
		args := []string{"integrations", "create", "--account", acc, "--vendor", c.vendor}
		for _, s := range c.sets {
			args = append(args, "--set", s)
		}
		out, errOut, err := cli(t, env, args...)
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit, "%v", c.sets)
		require.Equal(t, 1, exit.ExitCode())
		for _, w := range c.want {
			require.Contains(t, errOut, w, "%v", c.sets)
		}
		require.Empty(t, strings.TrimSpace(out))
	}
	out, _, err := cli(t, env, "integrations", "list")
	require.NoError(t, err)
	require.Equal(t, 1, len(strings.Split(strings.TrimSpace(out), "\n")), "only the header: nothing stored\n%s", out)

	created(t, env, "integrations", "create", "--account", acc, "--vendor", "generic",
		"--set", "channels=nav,finn", "--set", "finn_provider=123", "--set", "nav_sector=Privat", "--set", "apply_secret=s")
	created(t, env, "integrations", "create", "--account", acc, "--vendor", "teamtailor",
		"--set", "mode=unlimited", "--set", "departments=Sales", "--set", "privacy_url=https://employer.example/privacy")
}
