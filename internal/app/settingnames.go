package app

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/finn"
	"github.com/jobgate/jobgate/connectors/nav"
	"github.com/jobgate/jobgate/connectors/registry"
	"github.com/jobgate/jobgate/internal/ingest"
	"github.com/jobgate/jobgate/internal/intake"
	"github.com/jobgate/jobgate/internal/poll"
)

// hubSettings are the settings every integration takes whatever its
// vendor: its channels, its apply webhook, its privacy notice, direct
// apply (ingest reads exactly "true"), and the NAV and FINN channels'
// employer settings.
func hubSettings() []connectors.Setting {
	out := []connectors.Setting{connectors.ListSetting(ingest.SettingChannels, registry.ChannelNames()...),
		connectors.URLSetting(connectors.SettingApplyURL), connectors.URLSetting(intake.SettingPrivacyURL),
		connectors.EnumSetting(ingest.SettingDirectApply, "true", "false")}
	out = append(out, nav.Settings()...)
	return append(out, finn.Settings()...)
}

// Settings returns the settings an integration of the connector's vendor
// takes, by name: the hub's, the poller's for a polled vendor, and those
// the vendor's connector declares.
func Settings(c connectors.Connector) []connectors.Setting {
	all := append(hubSettings(), registry.VendorSettings(c)...)
	if _, ok := c.(connectors.Poller); ok {
		all = append(all, connectors.DurationSetting(poll.SettingInterval), connectors.DurationSetting(poll.SettingTimeout))
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Name < all[j].Name })
	return slices.CompactFunc(all, func(a, b connectors.Setting) bool { return a.Name == b.Name })
}

// SettingNames returns the setting names an integration of the connector's
// vendor takes, sorted.
func SettingNames(c connectors.Connector) []string {
	var names []string
	for _, s := range Settings(c) {
		names = append(names, s.Name)
	}
	return names
}

// checkSettingNames refuses a setting no part of jobgate reads for the
// vendor (a typo such as chanels=nav would otherwise be stored and
// ignored), naming it and listing the valid ones.
func checkSettingNames(c connectors.Connector, names []string) error {
	valid := SettingNames(c)
	var unknown []string
	for _, name := range names {
		if !slices.Contains(valid, name) {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	return fmt.Errorf("unknown setting %s for vendor %s (valid: %s)", strings.Join(unknown, ", "), c.Name(), strings.Join(valid, ", "))
}

// checkSettingValues refuses a value not of its setting's declared form,
// and a required setting left out, every one at once, naming the setting
// and the form it takes, never the value.
func checkSettingValues(c connectors.Connector, settings map[string]string) error {
	var errs []error
	for _, s := range Settings(c) {
		if err := s.Check(settings[s.Name]); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// checkUnsetRequired refuses to unset a setting the vendor requires.
func checkUnsetRequired(c connectors.Connector, unset []string) error {
	for _, s := range Settings(c) {
		if s.Required && slices.Contains(unset, s.Name) {
			return fmt.Errorf("setting %s is required for vendor %s: it can be changed with --set, not unset", s.Name, c.Name())
		}
	}
	return nil
}

// names are the keys of settings.
func names(settings map[string]string) []string {
	out := make([]string, 0, len(settings))
	for k := range settings {
		out = append(out, k)
	}
	return out
}
