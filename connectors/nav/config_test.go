package nav

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestNewRefuses(t *testing.T) {
	good := Config{BaseURL: DevBaseURL, ProviderID: provider, Token: token}
	for _, tc := range []struct {
		setting string
		edit    func(*Config)
	}{
		{"JOBGATE_NAV_URL", func(c *Config) { c.BaseURL = "" }},
		{"JOBGATE_NAV_URL", func(c *Config) { c.BaseURL = "arbeidsplassen-api.nav.no/stillingsimport" }},
		{"JOBGATE_NAV_PROVIDER_ID", func(c *Config) { c.ProviderID = "10000/../admin" }},
		{"JOBGATE_NAV_PROVIDER_ID", func(c *Config) { c.ProviderID = "" }},
		{"JOBGATE_NAV_TOKEN", func(c *Config) { c.Token = " " }},
	} {
		cfg := good
		tc.edit(&cfg)
		_, err := New(cfg)
		require.ErrorContains(t, err, tc.setting)
	}
	c, err := New(good)
	require.NoError(t, err)
	require.Equal(t, "nav", c.Name())
	require.Equal(t, 100, c.MaxBatch())
	for _, s := range []string{fmt.Sprint(c), fmt.Sprint(good), fmt.Sprintf("%+v", good), fmt.Sprintf("%#v", good), fmt.Sprintf("%v", &good)} {
		require.NotContains(t, s, token)
	}
}
