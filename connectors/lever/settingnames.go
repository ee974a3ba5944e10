package lever

// SettingNames are the integration settings this connector reads, beyond
// the hub's own (channels, apply_url, ...): integrations refuse any other
// name, so a typo is reported instead of stored.
func (*Connector) SettingNames() []string {
	return []string{"site", "base_url", "employer_name", "language", "silent", "api_key", secretDataAPIKey}
}
