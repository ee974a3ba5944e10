package finn

import (
	"strings"

	"github.com/jobgate/jobgate/internal/ad"
)

// remoteSituation is SITUATION for a fully remote ad without a city.
var remoteSituation = map[bool]string{true: "Fjernarbeid", false: "Remote"}

// situation is the place of work: the first location's city or
// municipality.
func situation(c ad.Ad) string {
	for _, l := range c.Locations {
		if s := clean(firstOf(l.City, l.Municipality)); s != "" {
			return s
		}
	}
	if c.Remote == "full" {
		return remoteSituation[c.Language == "" || c.Language == "nb" || c.Language == "nn"]
	}
	return ""
}

func location(c ad.Ad) Location {
	if len(c.Locations) == 0 {
		return Location{}
	}
	l := c.Locations[0]
	return Location{StreetAddress: clean(l.Address), ZipCode: clean(l.PostalCode), CountryCode: clean(l.Country)}
}

func duration(employmentType string) string {
	if d, ok := durations[employmentType]; ok {
		return d
	}
	return defaultDuration
}

// sent writes each occupation as FINN-UPD asks: SPECIALIZATION when there
// is one, else GENERAL.
func sent(os []Occupation) []Occupation {
	out := make([]Occupation, len(os))
	for i, o := range os {
		if o.Specialization != "" {
			out[i] = Occupation{Specialization: o.Specialization}
		} else {
			out[i] = Occupation{General: o.General}
		}
	}
	return out
}

// contacts is the ad's contact when it has a name, else the employer's
// fallback from the settings, else none (check refuses the ad).
func contacts(c, fallback *ad.Contact) []Contact {
	if c == nil || clean(c.Name) == "" {
		c = fallback
	}
	if c == nil {
		return nil
	}
	return []Contact{{Name: clean(c.Name), Title: clean(c.Title), Phone: clean(c.Phone), Email: clean(c.Email)}}
}

// maxTag bounds a tag; FINN documents no limit ([U]), and a tag is a
// keyword.
const maxTag = 50

// tags are the ad's categories as keywords: at most five (DTD 7.1), each
// once, none too long to be one.
func tags(categories []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range categories {
		c = clean(c)
		if k := strings.ToLower(c); c != "" && runes(c) <= maxTag && !seen[k] && len(out) < maxTags {
			seen[k] = true
			out = append(out, c)
		}
	}
	return out
}

// userReference is the ad's reference at its source as USER_REFERENCE,
// the customer's own reference (§2.3), when it is short enough to be one.
func userReference(ref string) string {
	if ref = clean(ref); runes(ref) > 100 {
		return ""
	}
	return ref
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
