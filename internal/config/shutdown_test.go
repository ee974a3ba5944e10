package config

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestShutdownDelay: 5 s by default in production (where a load balancer
// must see /readyz fail before the listener closes), none embedded; 0
// turns it off; a negative or unparsable value names the variable.
func TestShutdownDelay(t *testing.T) {
	c, err := FromEnv(env(nil))
	require.NoError(t, err)
	require.Zero(t, c.ShutdownDelay, "embedded: nothing to wait for")

	prod := map[string]string{"DATABASE_URL": "postgres://db/jobgate", "JOBGATE_MASTER_KEY": "k"}
	c, err = FromEnv(env(prod))
	require.NoError(t, err)
	require.Equal(t, 5*time.Second, c.ShutdownDelay)

	prod["JOBGATE_SHUTDOWN_DELAY"] = "0s"
	c, err = FromEnv(env(prod))
	require.NoError(t, err)
	require.Zero(t, c.ShutdownDelay)

	prod["JOBGATE_SHUTDOWN_DELAY"] = "12s"
	c, err = FromEnv(env(prod))
	require.NoError(t, err)
	require.Equal(t, 12*time.Second, c.ShutdownDelay)

	for _, bad := range []string{"-1s", "5", "soon"} {
		_, err := FromEnv(env(map[string]string{"JOBGATE_SHUTDOWN_DELAY": bad}))
		require.ErrorContains(t, err, "JOBGATE_SHUTDOWN_DELAY", bad)
	}
}
