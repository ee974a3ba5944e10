package stats

import "net/url"

// TaggedURL adds utm_source=channel and utm_medium=jobgate to a job's URL
// on the board, for the link published on an external channel: visitors
// who follow it are counted as the channel's even when their browser
// sends no Referer.
func TaggedURL(jobURL, channel string) string {
	u, err := url.Parse(jobURL)
	if err != nil || channel == "" {
		return jobURL
	}
	q := u.Query()
	q.Set("utm_source", channel)
	q.Set("utm_medium", "jobgate")
	u.RawQuery = q.Encode()
	return u.String()
}
