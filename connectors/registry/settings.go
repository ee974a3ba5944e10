package registry

import "github.com/jobgate/jobgate/connectors"

// SettingsDeclarer is a source connector that declares the integration
// settings it reads, with the form of each value. Every source implements
// it (registry_test checks), so the hub can refuse a setting no part of
// jobgate reads and a value of the wrong form: one list per vendor, in the
// vendor's package.
type SettingsDeclarer interface {
	Settings() []connectors.Setting
}

// VendorSettings returns the settings the connector declares, or none if it
// declares none.
func VendorSettings(c connectors.Connector) []connectors.Setting {
	if d, ok := c.(SettingsDeclarer); ok {
		return d.Settings()
	}
	return nil
}

// VendorSettingNames returns the names of the settings the connector
// declares.
func VendorSettingNames(c connectors.Connector) []string {
	var out []string
	for _, s := range VendorSettings(c) {
		out = append(out, s.Name)
	}
	return out
}
