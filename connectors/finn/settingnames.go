package finn

import "github.com/jobgate/jobgate/connectors"

// Settings declares the integration settings the FINN channel reads, with
// the form of each (CheckSettings checks the codes further when the
// integration publishes to FINN): an integration of any vendor takes them.
func Settings() []connectors.Setting {
	return []connectors.Setting{connectors.TextSetting(SettingProvider), connectors.BoolSetting(SettingReadvertise),
		connectors.EnumSetting(SettingSector, sectors...), connectors.TextSetting(SettingOccupation),
		connectors.TextSetting(SettingIndustry), connectors.TextSetting(SettingContactName),
		connectors.TextSetting(SettingContactTitle), connectors.EmailSetting(SettingContactEmail),
		connectors.TextSetting(SettingContactPhone)}
}
