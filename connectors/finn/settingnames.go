package finn

// SettingNames are the integration settings the FINN channel reads (see
// CheckSettings): an integration of any vendor takes them.
func SettingNames() []string {
	return []string{SettingProvider, SettingReadvertise, SettingSector, SettingOccupation, SettingIndustry,
		SettingContactName, SettingContactTitle, SettingContactEmail, SettingContactPhone}
}
