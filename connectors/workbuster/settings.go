package workbuster

import (
	"errors"
	"regexp"
	"strings"

	"github.com/jobgate/jobgate/connectors/feedhttp"
)

// The integration settings the connector reads.
const (
	// SettingCustomer is the customer's name in Workbuster's feed URL
	// (and its career site's host, {customer}.workbuster.com).
	SettingCustomer = "customer"
	// SettingFeedURL is the whole feed URL, for a feed elsewhere.
	SettingFeedURL = "feed_url"
	// SettingBaseURL replaces DefaultBaseURL in the feed URL built from
	// customer.
	SettingBaseURL = "base_url"
	// SettingEmployerName names the employer of a job the feed gives no
	// company name.
	SettingEmployerName = "employer_name"
)

// DefaultBaseURL is the host of Workbuster's feeds (package doc).
const DefaultBaseURL = "https://api.workbuster.com"

// reCustomer is a slug: the customer is one DNS label of its career
// site's host and one path segment of the feed URL.
var reCustomer = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$`)

// errPushed is a poll of an integration that names no feed.
var errPushed = errors.New("the integration names no feed (setting customer or feed_url): its ads are pushed through the generic ad API")

// config is an integration's settings, checked.
type config struct {
	// feedURL is the feed to poll; "" for a pushed integration.
	feedURL  string
	employer string
}

func named(settings map[string]string, key string) bool {
	return strings.TrimSpace(settings[key]) != ""
}

func parseConfig(settings map[string]string) (config, error) {
	get := func(k string) string { return strings.TrimSpace(settings[k]) }
	c := config{employer: get(SettingEmployerName)}
	customer, feed, base := get(SettingCustomer), get(SettingFeedURL), get(SettingBaseURL)
	switch {
	case customer != "" && feed != "":
		return c, errors.New("set customer or feed_url, not both: feed_url is the whole feed URL, customer builds Workbuster's")
	case base != "" && customer == "":
		return c, errors.New("setting base_url goes with customer: it replaces " + DefaultBaseURL + " in the feed URL")
	case customer != "" && !reCustomer.MatchString(customer):
		return c, errors.New("setting customer must be a slug: lower-case letters, digits and '-', as in https://{customer}.workbuster.com")
	case feed != "":
		if _, err := feedhttp.ParseURL(SettingFeedURL, feed); err != nil {
			return c, err
		}
		c.feedURL = feed
	case customer != "":
		u, err := baseURL(base)
		if err != nil {
			return c, err
		}
		c.feedURL = FeedURL(u, customer)
	}
	return c, nil
}

// baseURL checks base_url (default DefaultBaseURL).
func baseURL(raw string) (string, error) {
	if raw == "" {
		return DefaultBaseURL, nil
	}
	u, err := feedhttp.ParseURL(SettingBaseURL, raw)
	if err != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", errors.New("setting base_url must be an absolute http or https URL without query, such as " + DefaultBaseURL)
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// FeedURL is the customer's feed on Workbuster's API at base (package
// doc): {base}/jobs/feed/{customer}?format=json.
func FeedURL(base, customer string) string {
	return strings.TrimRight(base, "/") + "/jobs/feed/" + customer + "?format=json"
}
