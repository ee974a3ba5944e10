package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
)

// TestIntegrationsDisableEnable (issue 16, items 1 and 4): `integrations
// disable ID` beside a running jobgate makes its next push 403
// integration_disabled at once (the serving process caches nothing of
// it) while its published ad stays listed, and its feed is not synced;
// `enable` restores pushes; each prints what happened, a repeat says
// nothing changed, and an unknown id exits non-zero naming it.
func TestIntegrationsDisableEnable(t *testing.T) {
	feeds := sim.NewFeeds()
	srv := httptest.NewServer(feeds)
	t.Cleanup(func() { feeds.Close(); srv.Close() })
	feeds.Lever("acme").Generate(1)
	env := []string{"JOBGATE_DATA_DIR=" + migrated(t, t.TempDir()), "JOBGATE_POLL_TICK=1h", "JOBGATE_OUTBOUND_ALLOW=127.0.0.0/8"}
	addr := freeAddr(t)
	serve(t, env, addr)
	acc := created(t, env, "accounts", "create", "--name", "Acme AS")
	integ := created(t, env, "integrations", "create", "--account", acc, "--vendor", "generic")
	key := created(t, env, "keys", "issue", "--integration", integ)
	require.Equal(t, http.StatusCreated, put(t, addr, key, "r1", "Lagermedarbeider"))
	require.Eventually(t, func() bool { return listedTitles(t, addr)["Lagermedarbeider"] }, 20*time.Second, 50*time.Millisecond, "the ad reaches the board")

	out, errOut, err := cli(t, env, "integrations", "disable", integ)
	require.NoError(t, err, errOut)
	require.Contains(t, out, "integration "+integ+" disabled")
	status, body := putBody(t, addr, key, "r2", "Sjåfør")
	require.Equal(t, http.StatusForbidden, status, body)
	require.Contains(t, body, `"code":"integration_disabled"`)
	require.Equal(t, http.StatusForbidden, put(t, addr, key, "r1", "Lagermedarbeider, endret"), "an update is refused too")
	require.True(t, listedTitles(t, addr)["Lagermedarbeider"], "the published ad stays")
	out, _, err = cli(t, env, "integrations", "disable", integ)
	require.NoError(t, err)
	require.Contains(t, out, "already disabled: nothing changed")

	lever := created(t, env, "integrations", "create", "--account", acc, "--vendor", "lever", "--set", "site=acme", "--set", "base_url="+srv.URL)
	_, _, err = cli(t, env, "integrations", "disable", lever)
	require.NoError(t, err)
	_, errOut, err = cli(t, env, "integrations", "sync", lever)
	require.Error(t, err)
	require.Contains(t, errOut, "is disabled")

	out, errOut, err = cli(t, env, "integrations", "enable", integ)
	require.NoError(t, err, errOut)
	require.Contains(t, out, "integration "+integ+" enabled")
	require.Equal(t, http.StatusCreated, put(t, addr, key, "r2", "Sjåfør"))

	_, errOut, err = cli(t, env, "integrations", "enable", "int_missing")
	require.Error(t, err)
	require.Contains(t, errOut, "no integration int_missing")
}

// putBody pushes an ad and returns the status and the answer's body.
func putBody(t *testing.T, addr, key, ref, title string) (int, string) {
	body := `{"title":"` + title + `","description":"<p>x</p>","employer":{"name":"Eksempel AS"}}`
	req, _ := http.NewRequest(http.MethodPut, "http://"+addr+"/v1/ads/"+ref, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
