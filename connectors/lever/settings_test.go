package lever

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound/outboundtest"
)

func TestCheckSettings(t *testing.T) {
	for _, c := range []struct {
		name     string
		settings map[string]string
		want     string // the setting named in the error; empty when valid
	}{
		{"site only", map[string]string{"site": "leverdemo"}, ""},
		{"EU instance", map[string]string{"site": "fjord-pay_1.no", "base_url": "https://api.eu.lever.co"}, ""},
		{"everything", map[string]string{"site": "x", "base_url": "http://127.0.0.1:8081/lever/", "employer_name": "X AS", "language": "nb"}, ""},
		{"hub settings are ignored", map[string]string{"site": "x", "poll_interval": "5m", "channels": "nav,finn"}, ""},
		{"no site", map[string]string{}, "site"},
		{"blank site", map[string]string{"site": "  "}, "site"},
		{"site with a slash", map[string]string{"site": "a/b"}, "site"},
		{"site with a query", map[string]string{"site": "a?skip=1"}, "site"},
		{"site ..", map[string]string{"site": ".."}, "site"},
		{"relative base_url", map[string]string{"site": "x", "base_url": "api.lever.co"}, "base_url"},
		{"ftp base_url", map[string]string{"site": "x", "base_url": "ftp://api.lever.co"}, "base_url"},
		{"base_url with a query", map[string]string{"site": "x", "base_url": "https://api.lever.co/?a=b"}, "base_url"},
		{"unparseable base_url", map[string]string{"site": "x", "base_url": "https://api lever co"}, "base_url"},
		{"language not ISO 639-1", map[string]string{"site": "x", "language": "norsk"}, "language"},
	} {
		err := New(outboundtest.Client).CheckSettings(c.settings)
		if c.want == "" {
			require.NoError(t, err, c.name)
			continue
		}
		require.ErrorContains(t, err, "setting "+c.want, c.name)
	}
}

func TestDefaults(t *testing.T) {
	cfg, err := parseConfig(map[string]string{"site": "leverdemo"})
	require.NoError(t, err)
	require.Equal(t, DefaultBaseURL, cfg.baseURL.String())
	require.Equal(t, "leverdemo", cfg.employer)
	require.Empty(t, cfg.language)
}

func TestCapabilitiesAndCanApply(t *testing.T) {
	c := New(outboundtest.Client)
	require.Equal(t, "lever", c.Name())
	caps := c.Capabilities()
	require.True(t, caps.Poll)
	require.True(t, caps.DirectApply)
	require.False(t, caps.Push)
	require.Equal(t, []string{"api_key", "data_api_key"}, caps.SecretSettings, "the Postings API key, and the Lever API key that reads a posting's questions")
	require.InDelta(t, 2.0, caps.RateLimit, 0)
	require.True(t, c.CanApply(connectors.Integration{Secrets: map[string]string{"api_key": "k"}}))
	require.False(t, c.CanApply(connectors.Integration{Secrets: map[string]string{"api_key": " "}}))
	require.False(t, c.CanApply(connectors.Integration{Settings: map[string]string{"api_key": "k"}}), "a key among the plain settings is not a secret")
}
