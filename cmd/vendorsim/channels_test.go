package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
)

// TestChannelsCommandsDriveTheControlAPI runs the channels commands
// against an in-process sim.Channels.
func TestChannelsCommandsDriveTheControlAPI(t *testing.T) {
	ch := sim.NewChannels(sim.NAVConfig{FilingDelay: sim.NAVFilesAtOnce}, sim.FINNConfig{})
	srv := httptest.NewServer(ch)
	defer srv.Close()
	defer ch.Close()
	ctx := context.Background()
	simURL := []string{"--sim", srv.URL}
	for _, args := range [][]string{
		{"channels", "fault", "--channel", "nav", "--kind", "429", "--times", "2", "--retry-after", "5s"},
		{"channels", "clear", "--channel", "nav"},
		{"channels", "fault", "--channel", "finn", "--kind", "slow", "--delay", "10ms"},
		{"channels", "down", "--channel", "finn", "--for", "10m"},
		{"channels", "up", "--channel", "finn"},
		{"channels", "down", "--channel", "nav"},
		{"channels", "reject", "--reference", "ref-1", "--reason", "DUPLICATE"},
		{"channels", "moderate", "--after", "0"},
		{"channels", "moderate", "--reference", "ref-1,ref-2"},
		{"channels", "moderate"},
		{"channels", "ads", "--channel", "finn"},
		{"channels", "stats"},
		{"channels", "stats", "--channel", "nav"},
		{"channels", "reset-stats", "--channel", "nav"},
	} {
		r, err := run(ctx, append(args, simURL...))
		require.NoError(t, err, args)
		require.Equal(t, http.StatusOK, r.Status, "%v: %s", args, r.Body)
	}
	require.True(t, ch.NAV.IsDown())
	require.False(t, ch.FINN.IsDown())
	require.Equal(t, sim.ChannelFaultSlow, ch.FINN.Stats().Fault)

	r, err := run(ctx, append([]string{"channels", "fault", "--channel", "nav", "--kind", "meteor"}, simURL...))
	require.ErrorContains(t, err, "unknown channel fault")
	require.Zero(t, r.Status)
	_, err = run(ctx, append([]string{"channels", "fault", "--kind", "5xx"}, simURL...))
	require.ErrorContains(t, err, "--channel is required")
	_, err = run(ctx, append([]string{"channels", "ads", "--channel", "linkedin"}, simURL...))
	require.ErrorContains(t, err, "unknown channel")
	_, err = run(ctx, append([]string{"channels", "reject"}, simURL...))
	require.ErrorContains(t, err, "--reference is required")
	_, err = run(ctx, append([]string{"channels", "fly", "--channel", "nav"}, simURL...))
	require.ErrorContains(t, err, "unknown command")
}

func TestChannelsServeServesUntilCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var out lockedBuffer
	done := make(chan error, 1)
	go func() {
		_, err := runChannels(ctx, "serve", []string{"--addr", "127.0.0.1:0", "--nav-provider", "10077", "--nav-token", "tok",
			"--finn-partner", "jobgate"}, &out)
		done <- err
	}()
	navURL := regexp.MustCompile(`JOBGATE_NAV_URL=(\S+)`)
	require.Eventually(t, func() bool { return strings.Contains(out.String(), "JOBGATE_FINN_PARTNER_ID=") }, 5*time.Second, 5*time.Millisecond)
	for _, want := range []string{"JOBGATE_NAV_PROVIDER_ID=10077\n", "JOBGATE_NAV_TOKEN=tok\n", "JOBGATE_FINN_PARTNER_ID=jobgate\n", "/finn/import/fileimport\n"} {
		require.Contains(t, out.String(), want)
	}
	base := navURL.FindStringSubmatch(out.String())[1]
	require.True(t, strings.HasSuffix(base, "/stillingsimport"), base)
	req, err := http.NewRequest(http.MethodPost, base+"/api/v1/transfers/batch/10077", strings.NewReader(`[{"reference":"r"}]`))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer tok")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusBadRequest, resp.StatusCode, "NAV answers: the ad has no title")
	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not stop")
	}
}
