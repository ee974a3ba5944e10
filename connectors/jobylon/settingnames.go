package jobylon

import "github.com/jobgate/jobgate/connectors"

// Settings declares the integration settings this connector reads, beyond
// the hub's own (channels, apply_url, ...), with the form of each value:
// integrations refuse any other name and a value of the wrong form, so a
// typo is reported instead of stored.
// feed_url is a secret too (its hash is an access token).
func (*Connector) Settings() []connectors.Setting {
	return []connectors.Setting{connectors.TextSetting("app_id"), connectors.SecretSetting("app_key"),
		connectors.Required(connectors.URLSetting("feed_url")), connectors.URLSetting(SettingPushURL),
		connectors.EnumSetting(SettingSourceType, SourceApplied, SourceAppliedSilent)}
}
