package registry

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
)

func TestPollers(t *testing.T) {
	var names []string
	for _, p := range Pollers(Sources(nil, Config{})) {
		names = append(names, p.Name())
		require.True(t, p.Capabilities().Poll, p.Name())
		_, ok := p.(connectors.SettingsChecker)
		require.True(t, ok, "%s: a polled source checks its settings", p.Name())
	}
	require.Equal(t, []string{"jobylon", "lever", "reachmee", "workbuster"}, names)
}

// TestWorkbusterPollsOrPushes: Workbuster is the one source polled for
// some integrations (those naming a feed) and pushed for the others.
func TestWorkbusterPollsOrPushes(t *testing.T) {
	wb := Sources(nil, Config{})["workbuster"]
	require.True(t, wb.Capabilities().Push)
	require.False(t, connectors.PolledWith(wb, nil))
	require.True(t, connectors.PolledWith(wb, map[string]string{"customer": "acme"}))
	require.True(t, connectors.PolledWith(Sources(nil, Config{})["lever"], nil), "a plain Poller is always polled")
	require.False(t, connectors.PolledWith(Sources(nil, Config{})["generic"], map[string]string{"customer": "acme"}))
}

func TestEveryPollerDeclaresPoll(t *testing.T) {
	for name, c := range Sources(nil, Config{}) {
		_, polls := c.(connectors.Poller)
		require.Equal(t, polls, c.Capabilities().Poll, name)
		_, applies := c.(connectors.DirectApplier)
		if applies {
			require.True(t, c.Capabilities().DirectApply, name)
		}
	}
}

// TestEverySourceDeclaresItsSettings: the hub refuses a setting no part of
// jobgate reads, so every source must name the settings it reads.
func TestEverySourceDeclaresItsSettings(t *testing.T) {
	for name, c := range Sources(nil, Config{}) {
		_, ok := c.(SettingsDeclarer)
		require.True(t, ok, "%s declares its settings (Settings)", name)
		for _, s := range c.Capabilities().SecretSettings {
			require.Contains(t, VendorSettingNames(c), s, "%s: a secret setting is a declared one", name)
		}
		for _, s := range c.Capabilities().URLSettings {
			require.Contains(t, VendorSettingNames(c), s, "%s: a URL setting is a declared one", name)
		}
	}
}

// TestSecretKindsAreSealed: a setting declared secret in form is one the
// connector lists in SecretSettings, so it is stored sealed and masked.
func TestSecretKindsAreSealed(t *testing.T) {
	for name, c := range Sources(nil, Config{}) {
		for _, s := range VendorSettings(c) {
			if s.Kind == connectors.KindSecret {
				require.Contains(t, c.Capabilities().SecretSettings, s.Name, "%s: %s is sealed", name, s.Name)
			}
		}
	}
}
