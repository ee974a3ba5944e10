package config

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMetricsSettings: /metrics stays on the main address and open unless
// JOBGATE_METRICS_ADDR and JOBGATE_METRICS_TOKEN say otherwise; a bad or
// clashing address is refused naming the variable.
func TestMetricsSettings(t *testing.T) {
	c, err := FromEnv(env(nil))
	require.NoError(t, err)
	require.Empty(t, c.MetricsAddr)
	require.Empty(t, c.MetricsToken)

	c, err = FromEnv(env(map[string]string{"JOBGATE_METRICS_ADDR": "127.0.0.1:9100", "JOBGATE_METRICS_TOKEN": "scrape"}))
	require.NoError(t, err)
	require.Equal(t, "127.0.0.1:9100", c.MetricsAddr)
	require.Equal(t, "scrape", c.MetricsToken)

	for _, bad := range []map[string]string{
		{"JOBGATE_METRICS_ADDR": "9100"},
		{"JOBGATE_METRICS_ADDR": ":8080"},
		{"JOBGATE_METRICS_ADDR": ":9100", "JOBGATE_ADDR": ":9100"},
	} {
		_, err := FromEnv(env(bad))
		require.ErrorContains(t, err, "JOBGATE_METRICS_ADDR", bad)
	}
}
