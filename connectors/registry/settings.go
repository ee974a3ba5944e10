package registry

import "github.com/jobgate/jobgate/connectors"

// SettingsDeclarer is a source connector that names the integration
// settings it reads. Every source implements it (registry_test checks), so
// the hub can refuse a setting no part of jobgate reads: one list per
// vendor, in the vendor's package.
type SettingsDeclarer interface {
	SettingNames() []string
}

// VendorSettings returns the settings the connector declares, or none if it
// declares none.
func VendorSettings(c connectors.Connector) []string {
	if d, ok := c.(SettingsDeclarer); ok {
		return d.SettingNames()
	}
	return nil
}
