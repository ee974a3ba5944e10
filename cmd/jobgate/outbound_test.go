package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestIntegrationURLAtRefusedAddress: `integrations create` with a URL
// setting at loopback, the metadata address or a private address, and no
// JOBGATE_OUTBOUND_ALLOW, exits 1 with one clear line naming the setting
// and the address, never the URL, and stores nothing (issue 13, break 4).
// With the address allowed, the same command succeeds.
func TestIntegrationURLAtRefusedAddress(t *testing.T) {
	env := []string{"JOBGATE_DATA_DIR=" + migrated(t, t.TempDir())}
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

// TestEchoedKeyIsMaskedInTheCLI: an ATS whose error answer echoes the
// integration's key and the signature header (issue 13, break 7): `jobgate
// deliveries list --state dead` and the process's debug log show ***,
// never the key.
func TestEchoedKeyIsMaskedInTheCLI(t *testing.T) {
	var key atomic.Value
	key.Store("")
	ats := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusUnprocessableEntity)
		_, _ = io.WriteString(w, `{"error":"unknown key `+key.Load().(string)+` / `+r.Header.Get("Jobgate-Signature")+`"}`)
	}))
	t.Cleanup(ats.Close)
	env := []string{"JOBGATE_DATA_DIR=" + migrated(t, t.TempDir()), "JOBGATE_OUTBOUND_ALLOW=127.0.0.0/8"}
	acc := created(t, env, "accounts", "create", "--name", "Eksempel AS")
	integ := created(t, env, "integrations", "create", "--account", acc, "--vendor", "generic", "--set", "apply_url="+ats.URL+"/hook")
	k := created(t, env, "keys", "issue", "--integration", integ)
	key.Store(k)

	addr := freeAddr(t)
	_, logs := serveLogged(t, env, addr)
	require.Equal(t, http.StatusCreated, put(t, addr, k, "ref-1", "Truckfører"))
	statusURL := submit(t, addr, jobID(t, addr, k, "ref-1"))
	require.Eventually(t, func() bool { return status(t, statusURL) == "failed" }, 20*time.Second, 50*time.Millisecond, "refused by the ATS")
	out, errOut, err := cli(t, env, "deliveries", "list", "--state", "dead")
	require.NoError(t, err, errOut)
	require.Contains(t, out, "unknown key *** / ***")
	require.NotContains(t, out, k)
	require.Contains(t, logs.String(), "unknown key ***", "the failure is logged, masked")
	require.NotContains(t, logs.String(), k)
}
