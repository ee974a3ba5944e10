package intake

import (
	"github.com/jobgate/jobgate/connectors/feedhttp"
)

// SettingPrivacyURL is the integration setting naming the employer's
// privacy notice: an absolute http(s) URL, linked from every consent of
// its jobs' forms beside the board's (JOBGATE_PRIVACY_URL).
const SettingPrivacyURL = "privacy_url"

// CheckSettings refuses a privacy_url that is not an absolute http(s)
// URL, naming the setting and not the value, as apply_url is refused.
func CheckSettings(settings map[string]string) error {
	v, ok := settings[SettingPrivacyURL]
	if !ok {
		return nil
	}
	_, err := feedhttp.ParseURL(SettingPrivacyURL, v)
	return err
}
