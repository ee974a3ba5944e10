package nav

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
)

// Mapping holds the choices the mapping to NAV's AdDTO makes that NAV
// leaves open. The zero value is the documented default.
type Mapping struct {
	// DefaultExpiry is how long an ad without a deadline stays on
	// arbeidsplassen after it was published (it then expires at the end of
	// that day). Zero means 30 days. [U] NAV documents no default or
	// maximum.
	DefaultExpiry time.Duration
	// MaxLocations caps locationList. Zero means 3, as NAV's docs advise
	// against more (research §1.5); negative means no cap.
	MaxLocations int
	// EngagementTypes overrides, per canonical employment_type, the NAV
	// engagementtype sent (see defaultEngagementTypes). A value outside
	// NAV's list fails validation.
	EngagementTypes map[string]string
}

// Oslo local time without an offset, as NAV's LocalDateTime reads it
// (research §1.5): the server's zone is Europe/Oslo.
const localLayout = "2006-01-02T15:04:05"

// Reference is the NAV reference of a: the one it was published under
// (prev), else jobgate's ad id. The id is stable for the ad's life and
// under NAV's 255-character limit; a new reference would make NAV create
// a second ad (research §1.11).
func Reference(a connectors.PublishedAd, prev *connectors.Publication) string {
	if prev != nil && prev.Reference != "" {
		return prev.Reference
	}
	return a.ID
}

// Ad maps a to NAV's AdDTO as of now. prev is the ad's current publication
// on NAV (nil when none): an ad NAV stopped is re-published with a fresh
// published time, so NAV does not skip it as content it already has
// (research §1.9). A mapping failure is a *ValidationError naming
// canonical fields; the result is not yet checked with Validate.
func (m Mapping) Ad(a connectors.PublishedAd, prev *connectors.Publication, now time.Time) (Ad, error) {
	v := &ValidationError{}
	c := a.Ad
	out := Ad{Reference: Reference(a, prev), Title: strings.TrimSpace(c.Title), AdText: adText(c.Description),
		Positions: c.PositionsOrOne(), Privacy: "SHOW_ALL", Properties: m.properties(a)}
	if out.AdText == "" {
		v.add("description", "has no text NAV can show (NAV keeps only formatting, lists, links and tables)")
	}
	published, expires, err := m.dates(a, prev, now)
	if err != nil {
		v.add("deadline", "%s", err.Error())
	}
	out.Published, out.Expires = published.Format(localLayout), expires.Format(localLayout)
	locs, lerr := locations(c.Locations, m.maxLocations())
	if lerr != nil {
		v.add("locations", "NAV needs a work location it can place (a Norwegian postal code, municipality, city or county, or a country outside Norway): %s", lerr.Error())
	}
	out.LocationList = locs
	out.Employer = employer(a, locs)
	if ct := c.Contact; ct != nil && (ct.Name != "" || ct.Email != "" || ct.Phone != "") {
		out.ContactList = []Contact{{Name: ct.Name, Title: ct.Title, Email: ct.Email, Phone: ct.Phone}}
	}
	if len(v.Fields) > 0 {
		return Ad{}, v
	}
	return out, nil
}

// dates are the ad's published and expires times in Oslo. published is
// when the ad came to jobgate, so re-sending one revision is byte for
// byte the same (NAV answers SKIPPED); now for an ad NAV stopped, or when
// the creation time is unknown. expires is the end of the deadline day,
// else the end of the day DefaultExpiry after published (rolled forward
// from today when that is already past).
func (m Mapping) dates(a connectors.PublishedAd, prev *connectors.Publication, now time.Time) (published, expires time.Time, err error) {
	now = now.In(ad.Oslo).Truncate(time.Second)
	published = a.CreatedAt.In(ad.Oslo).Truncate(time.Second)
	if a.CreatedAt.IsZero() || published.After(now) || (prev != nil && prev.State == connectors.PublicationWithdrawn) {
		published = now
	}
	if d := a.Ad.Deadline; d != "" {
		day, perr := time.ParseInLocation(time.DateOnly, d, ad.Oslo)
		if perr != nil {
			return published, published, errors.New("must be a date, YYYY-MM-DD")
		}
		expires = endOfDay(day)
		if !expires.After(now) {
			return published, expires, errors.New("is in the past: NAV would publish the ad already expired")
		}
		return published, expires, nil
	}
	expires = endOfDay(published.Add(m.defaultExpiry()))
	if !expires.After(now) {
		expires = endOfDay(now.Add(m.defaultExpiry()))
	}
	return published, expires, nil
}

func endOfDay(t time.Time) time.Time {
	y, mo, d := t.In(ad.Oslo).Date()
	return time.Date(y, mo, d, 23, 59, 59, 0, ad.Oslo)
}

func (m Mapping) defaultExpiry() time.Duration {
	if m.DefaultExpiry <= 0 {
		return 30 * 24 * time.Hour
	}
	return m.DefaultExpiry
}

func (m Mapping) maxLocations() int {
	if m.MaxLocations == 0 {
		return 3
	}
	return m.MaxLocations
}

// mappingError classifies a mapping or validation failure of one ad.
func mappingError(ref string, err error) error {
	return connectors.NewPermanent(fmt.Errorf("nav: ad %s: %w", ref, err))
}
