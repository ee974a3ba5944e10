package app

import (
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

// hubSettingNames are the settings every integration takes whatever its
// vendor: its channels, its apply webhook, its privacy notice, direct
// apply, and the NAV and FINN channels' employer settings.
func hubSettingNames() []string {
	names := []string{ingest.SettingChannels, connectors.SettingApplyURL, intake.SettingPrivacyURL, ingest.SettingDirectApply}
	names = append(names, nav.SettingNames()...)
	return append(names, finn.SettingNames()...)
}

// SettingNames returns the setting names an integration of the connector's
// vendor takes, sorted: the hub's, the poller's for a polled vendor, and
// those the vendor's connector declares.
func SettingNames(c connectors.Connector) []string {
	names := append(hubSettingNames(), registry.VendorSettings(c)...)
	if _, ok := c.(connectors.Poller); ok {
		names = append(names, poll.SettingInterval, poll.SettingTimeout)
	}
	sort.Strings(names)
	return slices.Compact(names)
}

// checkSettingNames refuses a setting no part of jobgate reads for the
// vendor (a typo such as chanels=nav would otherwise be stored and
// ignored), naming it and listing the valid ones.
func checkSettingNames(c connectors.Connector, settings map[string]string) error {
	valid := SettingNames(c)
	var unknown []string
	for name := range settings {
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
