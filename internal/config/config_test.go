package config

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaults(t *testing.T) {
	c, err := FromEnv(env(nil))
	require.NoError(t, err)
	require.Equal(t, ":8080", c.Addr)
	require.Equal(t, "./data", c.DataDir)
	require.Equal(t, "http://localhost:8080", c.PublicURL)
	require.True(t, c.Embedded())
	require.Equal(t, 24*time.Hour, c.KeyGrace)
	require.Len(t, c.RetrySchedule, 8)
	require.Equal(t, 10, c.LockoutFailures)
	require.Equal(t, 100, c.LockoutAddressFailures)
	require.Empty(t, c.OutboundAllow, "no refused address is allowed by default")
}

func TestOutboundAllow(t *testing.T) {
	c, err := FromEnv(env(map[string]string{"JOBGATE_OUTBOUND_ALLOW": "127.0.0.0/8, 10.1.0.0/16,fd00::/8"}))
	require.NoError(t, err)
	require.Equal(t, []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("10.1.0.0/16"), netip.MustParsePrefix("fd00::/8")}, c.OutboundAllow)
}

func TestInvalidValuesNameTheVariable(t *testing.T) {
	for _, c := range []struct {
		name, value string
	}{
		{"JOBGATE_ADDR", "nonsense"},
		{"JOBGATE_PUBLIC_URL", "ftp://x"},
		{"DATABASE_URL", "mysql://x"},
		{"REDIS_URL", "http://x"},
		{"JOBGATE_LOG_LEVEL", "loud"},
		{"JOBGATE_KEY_GRACE", "-1h"},
		{"JOBGATE_WORKER_CONCURRENCY", "zero"},
		{"JOBGATE_RETRY_SCHEDULE", "5s,soon"},
		{"JOBGATE_LOCKOUT_WINDOW", "15"},
		{"JOBGATE_OUTBOUND_ALLOW", "127.0.0.0/8,localhost"},
		{"JOBGATE_OUTBOUND_ALLOW", "10.0.0.0/33"},
		{"JOBGATE_LOCKOUT_ADDRESS_FAILURES", "0"},
	} {
		_, err := FromEnv(env(map[string]string{c.name: c.value}))
		require.Error(t, err, c.name)
		require.Contains(t, err.Error(), c.name)
	}
}

func TestProductionNeedsMasterKey(t *testing.T) {
	_, err := FromEnv(env(map[string]string{"DATABASE_URL": "postgres://db/jobgate"}))
	require.ErrorContains(t, err, "JOBGATE_MASTER_KEY")
}

func TestEveryBadVariableIsReportedAtOnce(t *testing.T) {
	_, err := FromEnv(env(map[string]string{"JOBGATE_ADDR": "x", "JOBGATE_LOG_LEVEL": "y"}))
	require.Error(t, err)
	require.True(t, strings.Contains(err.Error(), "JOBGATE_ADDR") && strings.Contains(err.Error(), "JOBGATE_LOG_LEVEL"))
}

// TestEveryVariableIsRead sets each variable the README lists for polls
// and channels and checks it reaches the configuration.
func TestEveryVariableIsRead(t *testing.T) {
	c, err := FromEnv(env(map[string]string{
		"JOBGATE_POLL_INTERVAL": "7m", "JOBGATE_POLL_TICK": "3s", "JOBGATE_OPERATOR_TOKEN": "op",
		"JOBGATE_CHANNEL_CONCURRENCY": "50", "JOBGATE_CIRCUIT_OPEN": "45s", "JOBGATE_CHANNEL_STATUS_INTERVAL": "20m",
		"JOBGATE_NAV_URL": "https://nav.example/stillingsimport", "JOBGATE_NAV_PROVIDER_ID": "10001", "JOBGATE_NAV_TOKEN": "t",
		"JOBGATE_NAV_FILING_GRACE": "4m", "JOBGATE_FINN_URL": "https://finn.example", "JOBGATE_FINN_PARTNER_ID": "p",
		"JOBGATE_APPLY_CONCURRENCY": "9", "JOBGATE_APPLY_FORM_TTL": "90s", "JOBGATE_BOARD_NAME": "Jobbnorge",
		"JOBGATE_TEAMTAILOR_APPLY_URL": "https://tt.example/production", "JOBGATE_TEAMTAILOR_JOB_BOARD_ID": "77",
	}))
	require.NoError(t, err)
	require.Equal(t, 7*time.Minute, c.PollInterval)
	require.Equal(t, 3*time.Second, c.PollTick)
	require.Equal(t, "op", c.OperatorToken)
	require.Equal(t, 50, c.ChannelConcurrency)
	require.Equal(t, 45*time.Second, c.CircuitOpen)
	require.Equal(t, 20*time.Minute, c.ChannelStatusInterval)
	require.Equal(t, [3]string{"https://nav.example/stillingsimport", "10001", "t"}, [3]string{c.NAVURL, c.NAVProviderID, c.NAVToken})
	require.Equal(t, 4*time.Minute, c.NAVFilingGrace)
	require.Equal(t, [2]string{"https://finn.example", "p"}, [2]string{c.FINNURL, c.FINNPartnerID})
	require.Equal(t, 9, c.ApplyConcurrency)
	require.Equal(t, 90*time.Second, c.ApplyFormTTL)
	require.Equal(t, [3]string{"Jobbnorge", "https://tt.example/production", "77"}, [3]string{c.BoardName, c.TeamtailorApplyURL, c.TeamtailorJobBoardID})

	_, err = FromEnv(env(map[string]string{"JOBGATE_NAV_URL": "https://nav.example/stillingsimport"}))
	require.ErrorContains(t, err, "JOBGATE_NAV_PROVIDER_ID")
}

// TestSMTPURL: JOBGATE_SMTP_URL is read, and a bad one stops start-up
// with a message naming it and never quoting its password.
func TestSMTPURL(t *testing.T) {
	c, err := FromEnv(env(nil))
	require.NoError(t, err)
	require.Empty(t, c.SMTPURL, "no SMTP by default: links are printed")
	c, err = FromEnv(env(map[string]string{"JOBGATE_SMTP_URL": "smtp://mailpit:1025?from=jobgate@board.example"}))
	require.NoError(t, err)
	require.Equal(t, "smtp://mailpit:1025?from=jobgate@board.example", c.SMTPURL)
	for _, bad := range []string{"http://mail.example", "smtp://u:hunter2@mail.example:x?from=a@b.example", "smtp://u:hunter2@mail.example:25"} {
		_, err := FromEnv(env(map[string]string{"JOBGATE_SMTP_URL": bad}))
		require.ErrorContains(t, err, "JOBGATE_SMTP_URL", bad)
		require.NotContains(t, err.Error(), "hunter2")
	}
}
