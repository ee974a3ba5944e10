package teamtailor

// SettingNames are the integration settings this connector reads, beyond
// the hub's own (channels, apply_url, ...): integrations refuse any other
// name, so a typo is reported instead of stored. mode=unlimited publishes
// the jobs whose department or role is in departments or categories.
func (*Connector) SettingNames() []string {
	return []string{"mode", "departments", "categories", SettingJobBoardID, SettingApplyBaseURL}
}
