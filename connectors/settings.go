package connectors

import (
	"fmt"
	"net/mail"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// SettingKind is the form an integration setting's value takes. Creating
// or updating an integration refuses a value not of its setting's form,
// naming the setting and the form, never the value (it may be a secret or
// carry a customer's token).
type SettingKind string

// The kinds of settings.
const (
	// KindText is free text on one line.
	KindText SettingKind = "text"
	// KindSecret is free text on one line that is a secret (a vendor key):
	// stored sealed and never shown (list it in
	// Capabilities.SecretSettings too).
	KindSecret SettingKind = "secret"
	// KindURL is an absolute http or https URL.
	KindURL SettingKind = "url"
	// KindBool is true or false (as strconv.ParseBool reads it).
	KindBool SettingKind = "bool"
	// KindEnum is one of the setting's Values, exactly.
	KindEnum SettingKind = "enum"
	// KindList is a comma-separated list of the setting's Values
	// (compared in lower case, as the readers of such lists do).
	KindList SettingKind = "list"
	// KindDuration is a positive Go duration such as 90s or 5m.
	KindDuration SettingKind = "duration"
	// KindEmail is one e-mail address.
	KindEmail SettingKind = "email"
)

// Setting declares one integration setting: its name, the form of its
// value and whether an integration of the vendor must have it.
type Setting struct {
	Name string
	Kind SettingKind
	// Values are the allowed values of a KindEnum or KindList setting.
	Values []string
	// Required settings cannot be left out or unset.
	Required bool
}

// Form describes the value the setting takes, for an error message.
func (s Setting) Form() string {
	switch s.Kind {
	case KindURL:
		return "an absolute http or https URL"
	case KindBool:
		return "true or false"
	case KindEnum:
		return "one of " + strings.Join(s.Values, ", ")
	case KindList:
		return "a comma-separated list of " + strings.Join(s.Values, ", ")
	case KindDuration:
		return "a positive duration such as 90s or 5m"
	case KindEmail:
		return "an e-mail address"
	default:
		return "text on one line"
	}
}

// Check refuses a value that is not of the setting's form. An empty value
// is "not set": refused only for a required setting. The error names the
// setting and its form, never the value.
func (s Setting) Check(value string) error {
	v := strings.TrimSpace(value)
	if v == "" {
		if s.Required {
			return fmt.Errorf("setting %s is required", s.Name)
		}
		return nil
	}
	if !s.fits(v) || strings.ContainsFunc(value, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return fmt.Errorf("setting %s must be %s", s.Name, s.Form())
	}
	return nil
}

// fits reports whether the trimmed, non-empty v is of the setting's form.
func (s Setting) fits(v string) bool {
	switch s.Kind {
	case KindURL:
		u, err := url.Parse(v)
		return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
	case KindBool:
		_, err := strconv.ParseBool(v)
		return err == nil
	case KindEnum:
		return slices.Contains(s.Values, v)
	case KindList:
		return s.fitsList(v)
	case KindDuration:
		d, err := time.ParseDuration(v)
		return err == nil && d > 0
	case KindEmail:
		a, err := mail.ParseAddress(v)
		return err == nil && a.Address == v
	default:
		return true
	}
}

func (s Setting) fitsList(v string) bool {
	for _, item := range strings.Split(v, ",") {
		item = strings.ToLower(strings.TrimSpace(item))
		if item != "" && !slices.Contains(s.Values, item) {
			return false
		}
	}
	return true
}

// TextSetting declares an optional free-text setting.
func TextSetting(name string) Setting { return Setting{Name: name, Kind: KindText} }

// SecretSetting declares an optional secret setting.
func SecretSetting(name string) Setting { return Setting{Name: name, Kind: KindSecret} }

// URLSetting declares an optional absolute http or https URL setting.
func URLSetting(name string) Setting { return Setting{Name: name, Kind: KindURL} }

// BoolSetting declares an optional true-or-false setting.
func BoolSetting(name string) Setting { return Setting{Name: name, Kind: KindBool} }

// DurationSetting declares an optional duration setting.
func DurationSetting(name string) Setting { return Setting{Name: name, Kind: KindDuration} }

// EmailSetting declares an optional e-mail address setting.
func EmailSetting(name string) Setting { return Setting{Name: name, Kind: KindEmail} }

// EnumSetting declares an optional setting that is one of values.
func EnumSetting(name string, values ...string) Setting {
	return Setting{Name: name, Kind: KindEnum, Values: values}
}

// ListSetting declares an optional comma-separated list of values.
func ListSetting(name string, values ...string) Setting {
	return Setting{Name: name, Kind: KindList, Values: values}
}

// Required returns s as a setting an integration must have.
func Required(s Setting) Setting {
	s.Required = true
	return s
}
