package teamtailor

import "github.com/jobgate/jobgate/connectors"

// Settings declares the integration settings this connector reads, beyond
// the hub's own (channels, apply_url, ...), with the form of each value:
// integrations refuse any other name and a value of the wrong form, so a
// typo is reported instead of stored.
// mode=unlimited publishes the jobs whose department or role is in
// departments or categories (comma-separated names); single, the default,
// the ads the recruiter sends.
func (*Connector) Settings() []connectors.Setting {
	return []connectors.Setting{connectors.EnumSetting("mode", "single", "unlimited"), connectors.TextSetting("departments"),
		connectors.TextSetting("categories"), connectors.TextSetting(SettingJobBoardID), connectors.URLSetting(SettingApplyBaseURL)}
}
