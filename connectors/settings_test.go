package connectors_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
)

// TestSettingForms (issue 16, item 4): each kind of setting takes its
// form and refuses another, naming the setting and the form and never
// the value; empty is "not set", refused only when required.
func TestSettingForms(t *testing.T) {
	for _, c := range []struct {
		s        connectors.Setting
		ok, bad  []string
		wantForm string
	}{
		{connectors.URLSetting("feed_url"), []string{"https://a.example/f?x=1", "http://b.example"}, []string{"a.example/f", "ftp://a.example", "https://", "s3cr3t-token"}, "an absolute http or https URL"},
		{connectors.BoolSetting("silent"), []string{"true", "false", "1"}, []string{"yes", "maybe"}, "true or false"},
		{connectors.EnumSetting("mode", "single", "unlimited"), []string{"unlimited"}, []string{"Unlimited", "all"}, "one of single, unlimited"},
		{connectors.ListSetting("channels", "finn", "nav"), []string{"nav", "NAV, finn", "nav,"}, []string{"nav,fin"}, "a comma-separated list of finn, nav"},
		{connectors.DurationSetting("poll_interval"), []string{"90s", "5m"}, []string{"fem", "-1h", "0h"}, "a positive duration"},
		{connectors.EmailSetting("finn_contact_email"), []string{"kari@eksempel.no"}, []string{"kari", "Kari <kari@eksempel.no>"}, "an e-mail address"},
		{connectors.TextSetting("site"), []string{"acme", "any text"}, []string{"two\nlines"}, "text on one line"},
		{connectors.SecretSetting("api_key"), []string{"k-1"}, []string{"s3cr3t\x00value"}, "text on one line"},
	} {
		for _, v := range c.ok {
			require.NoError(t, c.s.Check(v), "%s=%q", c.s.Name, v)
		}
		for _, v := range c.bad {
			err := c.s.Check(v)
			require.Error(t, err, "%s=%q", c.s.Name, v)
			require.Contains(t, err.Error(), "setting "+c.s.Name+" must be "+c.wantForm)
			require.NotContains(t, err.Error(), v, "the value is never quoted")
		}
		require.NoError(t, c.s.Check(""), "%s: empty is not set", c.s.Name)
		require.EqualError(t, connectors.Required(c.s).Check(" "), "setting "+c.s.Name+" is required")
	}
}
