package config

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestApplyDegradeAfter: JOBGATE_APPLY_DEGRADE_AFTER is 15 minutes unless
// set to a positive Go duration; anything else is refused, naming it.
func TestApplyDegradeAfter(t *testing.T) {
	c, err := FromEnv(env(nil))
	require.NoError(t, err)
	require.Equal(t, 15*time.Minute, c.ApplyDegradeAfter)
	c, err = FromEnv(env(map[string]string{"JOBGATE_APPLY_DEGRADE_AFTER": "90s"}))
	require.NoError(t, err)
	require.Equal(t, 90*time.Second, c.ApplyDegradeAfter)
	for _, bad := range []string{"0s", "-1m", "15", "soon"} {
		_, err := FromEnv(env(map[string]string{"JOBGATE_APPLY_DEGRADE_AFTER": bad}))
		require.ErrorContains(t, err, "JOBGATE_APPLY_DEGRADE_AFTER", bad)
	}
}
