package config

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestRetentionDays: applications are kept 365 days unless
// JOBGATE_RETENTION_DAYS says otherwise; 0, a negative or a non-number
// is refused with an error naming the variable and why, never taken.
func TestRetentionDays(t *testing.T) {
	c, err := FromEnv(env(nil))
	require.NoError(t, err)
	require.Equal(t, 365, c.RetentionDays)
	require.Equal(t, time.Hour, c.PurgeInterval)
	c, err = FromEnv(env(map[string]string{"JOBGATE_RETENTION_DAYS": "180", "JOBGATE_PURGE_INTERVAL": "10m"}))
	require.NoError(t, err)
	require.Equal(t, 180, c.RetentionDays)
	require.Equal(t, 10*time.Minute, c.PurgeInterval)
	for _, v := range []string{"0", "-5", "a year"} {
		_, err := FromEnv(env(map[string]string{"JOBGATE_RETENTION_DAYS": v}))
		require.ErrorContains(t, err, "JOBGATE_RETENTION_DAYS must be a positive number of days", v)
	}
}
