package config

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDBPipelineLanes: JOBGATE_DB_PIPELINE_LANES is read, 2 by default,
// and a lane count that is not positive stops start-up naming it.
func TestDBPipelineLanes(t *testing.T) {
	c, err := FromEnv(env(nil))
	require.NoError(t, err)
	require.Equal(t, 2, c.DBPipelineLanes)
	c, err = FromEnv(env(map[string]string{"JOBGATE_DB_PIPELINE_LANES": "2"}))
	require.NoError(t, err)
	require.Equal(t, 2, c.DBPipelineLanes)
	for _, bad := range []string{"0", "-1", "two"} {
		_, err = FromEnv(env(map[string]string{"JOBGATE_DB_PIPELINE_LANES": bad}))
		require.ErrorContains(t, err, "JOBGATE_DB_PIPELINE_LANES", bad)
	}
}
