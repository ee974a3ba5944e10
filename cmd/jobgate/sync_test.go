package main

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
)

// TestIntegrationsSync drives `jobgate integrations sync` beside a running
// jobgate on the same data directory, against a simulated Lever site: the
// CLI polls, the board shows the postings when it returns, a failing feed
// makes it exit non-zero, and bad settings are refused at creation.
func TestIntegrationsSync(t *testing.T) {
	feeds := sim.NewFeeds()
	srv := httptest.NewServer(feeds)
	t.Cleanup(func() { feeds.Close(); srv.Close() })
	site := feeds.Lever("acme")
	site.Generate(5)

	env := []string{"JOBGATE_DATA_DIR=" + migrated(t, t.TempDir()), "JOBGATE_POLL_TICK=1h", "JOBGATE_OUTBOUND_ALLOW=127.0.0.0/8"}
	addr := freeAddr(t)
	serve(t, env, addr)
	acc := created(t, env, "accounts", "create", "--name", "Acme AS")

	for _, c := range []struct{ name, want string }{
		{"site", "site"},
		{"poll_interval=often", "poll_interval"},
	} {
		args := []string{"integrations", "create", "--account", acc, "--vendor", "lever", "--set", "base_url=" + srv.URL}
		if c.name != "site" {
			args = append(args, "--set", "site=acme", "--set", c.name)
		}
		_, errOut, err := cli(t, env, args...)
		require.Error(t, err, c.name)
		require.Contains(t, errOut, c.want)
	}

	in := created(t, env, "integrations", "create", "--account", acc, "--vendor", "lever", "--set", "site=acme", "--set", "base_url="+srv.URL)
	out, errOut, err := cli(t, env, "integrations", "sync", in)
	require.NoError(t, err, errOut)
	require.Contains(t, out, "listed 5, created 5")
	require.Equal(t, "ok", lastLine(out))
	titles := listedTitles(t, addr)
	for _, p := range site.Postings() {
		require.True(t, titles[p.Title], "the board lists %q as soon as sync returns", p.Title)
	}

	site.Fault(sim.Fault5xx, 1)
	out, errOut, err = cli(t, env, "integrations", "sync", in)
	require.Error(t, err)
	require.Equal(t, "failed", lastLine(out))
	require.Contains(t, errOut, "poll failed")
	require.Len(t, listedTitles(t, addr), 5, "a failed poll changes nothing")

	generic := created(t, env, "integrations", "create", "--account", acc, "--vendor", "generic")
	_, errOut, err = cli(t, env, "integrations", "sync", generic)
	require.Error(t, err)
	require.Contains(t, errOut, "pushes its ads")
	_, errOut, err = cli(t, env, "integrations", "sync", "int_missing", "--wait", time.Second.String())
	require.Error(t, err)
	require.Contains(t, errOut, "no integration")
}
