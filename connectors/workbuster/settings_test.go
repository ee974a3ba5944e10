package workbuster

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCheckSettings(t *testing.T) {
	c := New(nil)
	for _, ok := range []map[string]string{
		nil, // pushed through the generic ad API
		{"direct_apply": "true"},
		{"customer": "acme"},
		{"customer": "kyhdemo", "base_url": "http://127.0.0.1:8080"},
		{"customer": "a-b-9"},
		{"feed_url": "https://api.workbuster.com/jobs/feed/acme?format=json"},
		{"feed_url": "http://feeds.example/wb.json", "employer_name": "Acme AB"},
	} {
		require.NoError(t, c.CheckSettings(ok), "%v", ok)
	}
	for _, bad := range []struct {
		settings map[string]string
		want     string
	}{
		{map[string]string{"customer": "Acme"}, "setting customer must be a slug"},
		{map[string]string{"customer": "acme/../admin"}, "setting customer must be a slug"},
		{map[string]string{"customer": "-acme"}, "setting customer must be a slug"},
		{map[string]string{"customer": "acme?x=1"}, "setting customer must be a slug"},
		{map[string]string{"customer": "acme", "feed_url": "https://a.example/f"}, "customer or feed_url, not both"},
		{map[string]string{"feed_url": "ftp://a.example/f"}, "setting feed_url must be an absolute http or https URL"},
		{map[string]string{"feed_url": "/jobs/feed/acme"}, "setting feed_url must be an absolute http or https URL"},
		{map[string]string{"base_url": "https://api.example"}, "setting base_url goes with customer"},
		{map[string]string{"customer": "acme", "base_url": "api.example"}, "setting base_url must be an absolute"},
		{map[string]string{"customer": "acme", "base_url": "https://api.example/?x=1"}, "setting base_url must be an absolute"},
	} {
		err := c.CheckSettings(bad.settings)
		require.ErrorContains(t, err, bad.want, "%v", bad.settings)
		for _, v := range bad.settings {
			if len(v) > 6 {
				require.NotContains(t, err.Error(), v, "the error never quotes the value")
			}
		}
	}
}

func TestPolls(t *testing.T) {
	c := New(nil)
	require.False(t, c.Polls(nil), "no feed: pushed")
	require.False(t, c.Polls(map[string]string{"customer": "  "}))
	require.True(t, c.Polls(map[string]string{"customer": "acme"}))
	require.True(t, c.Polls(map[string]string{"feed_url": "https://a.example/f"}))
}

func TestFeedURL(t *testing.T) {
	cfg, err := parseConfig(map[string]string{"customer": "kyhdemo"})
	require.NoError(t, err)
	require.Equal(t, "https://api.workbuster.com/jobs/feed/kyhdemo?format=json", cfg.feedURL, "the URL the public consumer polls")
	cfg, err = parseConfig(map[string]string{"customer": "acme", "base_url": "http://127.0.0.1:9/"})
	require.NoError(t, err)
	require.Equal(t, "http://127.0.0.1:9/jobs/feed/acme?format=json", cfg.feedURL)
}
