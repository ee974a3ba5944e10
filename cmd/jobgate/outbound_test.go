package main

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestIntegrationURLAtRefusedAddress: `integrations create` with a URL
// setting at loopback, the metadata address or a private address, and no
// JOBGATE_OUTBOUND_ALLOW, exits 1 with one clear line naming the setting
// and the address, never the URL, and stores nothing (issue 13, break 4).
// With the address allowed, the same command succeeds.
func TestIntegrationURLAtRefusedAddress(t *testing.T) {
	env := []string{"JOBGATE_DATA_DIR=" + t.TempDir()}
	acc := created(t, env, "accounts", "create", "--name", "Eksempel AS")
	for _, c := range []struct{ vendor, set, want string }{
		{"generic", "apply_url=http://127.0.0.1:9/hook?token=tok-1", "setting apply_url: address 127.0.0.1 is not allowed for outbound calls (loopback); see JOBGATE_OUTBOUND_ALLOW"},
		{"generic", "apply_url=http://169.254.169.254/latest/tok-1", "setting apply_url: address 169.254.169.254 is not allowed for outbound calls (cloud metadata)"},
		{"reachmee", "feed_url=http://192.168.1.10/rss?id=tok-1", "setting feed_url: address 192.168.1.10 is not allowed for outbound calls (private)"},
	} {
		out, errOut, err := cli(t, env, "integrations", "create", "--account", acc, "--vendor", c.vendor, "--set", c.set)
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit, c.set)
		require.Equal(t, 1, exit.ExitCode(), c.set)
		require.Contains(t, errOut, c.want, c.set)
		require.NotContains(t, errOut+out, "tok-1", "the URL is not echoed")
	}
	out, _, err := cli(t, env, "integrations", "list")
	require.NoError(t, err)
	require.Equal(t, 1, len(strings.Split(strings.TrimSpace(out), "\n")), "only the header: nothing stored\n%s", out)

	allowed := append(env, "JOBGATE_OUTBOUND_ALLOW=127.0.0.0/8")
	created(t, allowed, "integrations", "create", "--account", acc, "--vendor", "generic", "--set", "apply_url=http://127.0.0.1:9/hook")
	_, errOut, err := cli(t, append(env, "JOBGATE_OUTBOUND_ALLOW=localhost"), "integrations", "list")
	require.Error(t, err)
	require.Contains(t, errOut, "JOBGATE_OUTBOUND_ALLOW", "an invalid allow-list stops start-up, naming the variable")
}
