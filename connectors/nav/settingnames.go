package nav

// SettingSector is the employer's sector on NAV, read when the ad is
// mapped (sector in propmap.go).
const SettingSector = "nav_sector"

// SettingNames are the integration settings the NAV channel reads: an
// integration of any vendor takes them.
func SettingNames() []string {
	return []string{SettingSector}
}
