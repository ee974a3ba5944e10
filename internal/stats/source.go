package stats

import (
	"net/url"
	"strings"
)

// Class is the bounded kind of source: the only form of a source used as
// a metric label.
type Class string

// The source classes.
const (
	// Board is the board itself: a link on jobgate's own pages.
	Board Class = "board"
	// NAV is arbeidsplassen.nav.no (or utm_source=nav, which jobgate puts
	// on the links it publishes there).
	NAV Class = "nav"
	// FINN is finn.no (or utm_source=finn).
	FINN Class = "finn"
	// Other is any other site or campaign; its Site says which.
	Other Class = "other"
	// Direct is no referrer and no utm_source: typed, bookmarked, or a
	// site that sends no Referer.
	Direct Class = "direct"
)

// Classes lists every class, in the order reports show them.
var Classes = []Class{Board, NAV, FINN, Other, Direct}

// MaxSite is the longest site key kept; a longer one is dropped.
const MaxSite = 64

// Source is where one visit came from.
type Source struct {
	Class Class
	// Site is the other site's host (or campaign name) when Class is
	// Other and it was usable; empty otherwise.
	Site string
}

// Key is the source as stored (ad_stats.source, applications.source): the
// class, or the site for another site.
func (s Source) Key() string {
	if s.Class == Other && s.Site != "" {
		return s.Site
	}
	if s.Class == "" {
		return string(Direct)
	}
	return string(s.Class)
}

// ParseKey reads a stored or carried key (Key's form) back, trusting
// nothing: a class name is that class, a clean site is Other with that
// site, anything else is Direct.
func ParseKey(key string) Source {
	for _, c := range Classes {
		if key == string(c) {
			return Source{Class: c}
		}
	}
	if site, ok := cleanSite(key); ok {
		return Source{Class: Other, Site: site}
	}
	return Source{Class: Direct}
}

// Classifier tells sources apart; OwnHost is the board's host
// (JOBGATE_PUBLIC_URL's), whose pages are the board.
type Classifier struct {
	ownHost string
}

// NewClassifier returns a Classifier for the board at publicURL.
func NewClassifier(publicURL string) Classifier {
	u, err := url.Parse(publicURL)
	if err != nil {
		return Classifier{}
	}
	return Classifier{ownHost: strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")}
}

// Classify classifies a visit by its utm_source (when present and clean)
// and otherwise its Referer.
func (c Classifier) Classify(utmSource, referer string) Source {
	if utm, ok := cleanSite(strings.TrimSpace(utmSource)); ok {
		switch utm {
		case "board", "jobgate":
			return Source{Class: Board}
		case string(NAV), string(FINN), string(Direct), string(Other):
			return Source{Class: Class(utm)}
		}
		return c.bySite(utm)
	}
	if referer == "" {
		return Source{Class: Direct}
	}
	u, err := url.Parse(referer)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Source{Class: Other} // an app or an odd referrer: not a site we can name
	}
	site, ok := cleanSite(u.Hostname())
	if !ok {
		return Source{Class: Other}
	}
	return c.bySite(site)
}

// bySite names the class of a clean site (or campaign name).
func (c Classifier) bySite(site string) Source {
	switch {
	case c.ownHost != "" && site == c.ownHost:
		return Source{Class: Board}
	case site == "nav.no" || strings.HasSuffix(site, ".nav.no"):
		return Source{Class: NAV}
	case site == "finn.no" || strings.HasSuffix(site, ".finn.no"):
		return Source{Class: FINN}
	}
	if ParseKey(site).Class != Other { // a bare host named like a class
		return Source{Class: Other}
	}
	return Source{Class: Other, Site: site}
}

// cleanSite lower-cases a host or campaign name and strips "www.": it is
// usable when 1 to MaxSite characters of [a-z0-9._-] remain and nothing
// else was there.
func cleanSite(s string) (string, bool) {
	if s == "" || len(s) > MaxSite+4 {
		return "", false
	}
	s = strings.TrimRight(strings.ToLower(s), ".")
	for strings.HasPrefix(s, "www.") {
		s = s[len("www."):]
	}
	if s == "" || len(s) > MaxSite {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		if (b < 'a' || b > 'z') && (b < '0' || b > '9') && b != '.' && b != '-' && b != '_' {
			return "", false
		}
	}
	return s, true
}
