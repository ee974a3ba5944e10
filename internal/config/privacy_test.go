package config

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPrivacyURL: JOBGATE_PRIVACY_URL is the board's privacy notice, an
// absolute http(s) URL; anything else is refused, naming the variable and
// not the value.
func TestPrivacyURL(t *testing.T) {
	c, err := FromEnv(env(nil))
	require.NoError(t, err)
	require.Empty(t, c.PrivacyURL, "none by default")
	c, err = FromEnv(env(map[string]string{"JOBGATE_PRIVACY_URL": "https://jobs.example.no/personvern"}))
	require.NoError(t, err)
	require.Equal(t, "https://jobs.example.no/personvern", c.PrivacyURL)
	for _, bad := range []string{"/personvern", "javascript:alert(1)", "ftp://jobs.example.no/p", "https://"} {
		_, err := FromEnv(env(map[string]string{"JOBGATE_PRIVACY_URL": bad}))
		require.ErrorContains(t, err, "JOBGATE_PRIVACY_URL", bad)
		require.NotContains(t, err.Error(), bad)
	}
}
