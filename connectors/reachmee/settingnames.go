package reachmee

import "github.com/jobgate/jobgate/connectors"

// Settings declares the integration settings this connector reads, beyond
// the hub's own (channels, apply_url, ...), with the form of each value:
// integrations refuse any other name and a value of the wrong form, so a
// typo is reported instead of stored.
func (*Connector) Settings() []connectors.Setting {
	return []connectors.Setting{connectors.Required(connectors.URLSetting("feed_url")), connectors.TextSetting("employer_name")}
}
