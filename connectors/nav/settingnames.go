package nav

import "github.com/jobgate/jobgate/connectors"

// SettingSector is the employer's sector on NAV, read when the ad is
// mapped (sector in propmap.go).
const SettingSector = "nav_sector"

// Settings declares the integration settings the NAV channel reads, with
// the form of each: an integration of any vendor takes them. The sector is
// one of NAV's property values.
func Settings() []connectors.Setting {
	return []connectors.Setting{connectors.EnumSetting(SettingSector, propertyValues["sector"]...)}
}
