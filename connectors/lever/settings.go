package lever

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// DefaultBaseURL is Lever's global instance; EU customers use
// https://api.eu.lever.co (README "Sites").
const DefaultBaseURL = "https://api.lever.co"

var (
	// reSite is a plausible site name: Lever's are the company name
	// without spaces ("leverdemo"), used as one URL path segment.
	reSite     = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`)
	reLanguage = regexp.MustCompile(`^[a-z]{2}$`)
)

// config is an integration's settings, checked and defaulted.
type config struct {
	site     string
	baseURL  *url.URL
	employer string
	language string
	// silent is Lever's silent flag on applications: true suppresses
	// Lever's confirmation e-mail to the candidate.
	silent bool
}

// CheckSettings checks the settings Lever needs: site (required), base_url
// (an absolute http or https URL, default DefaultBaseURL), employer_name
// (default the site), language (an ISO 639-1 code) and silent (true or
// false, default false: whether Lever skips its confirmation e-mail to
// candidates who apply through jobgate). Other keys are the hub's and are
// ignored.
func (*Connector) CheckSettings(settings map[string]string) error {
	_, err := parseConfig(settings)
	return err
}

func parseConfig(settings map[string]string) (config, error) {
	get := func(k string) string { return strings.TrimSpace(settings[k]) }
	c := config{site: get("site"), employer: get("employer_name"), language: get("language")}
	switch {
	case c.site == "":
		return c, errors.New("setting site is required: the customer's Lever site name")
	case !reSite.MatchString(c.site):
		return c, errors.New("setting site must be a Lever site name (letters, digits, '.', '_' or '-')")
	case c.language != "" && !reLanguage.MatchString(c.language):
		return c, errors.New("setting language must be an ISO 639-1 code such as nb, sv or en")
	}
	if v := get("silent"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return c, errors.New("setting silent must be true or false")
		}
		c.silent = b
	}
	base := get("base_url")
	if base == "" {
		base = DefaultBaseURL
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return c, fmt.Errorf("setting base_url must be an absolute http or https URL without query, such as %s", DefaultBaseURL)
	}
	c.baseURL = u
	if c.employer == "" {
		c.employer = c.site
	}
	return c, nil
}
