package places

import (
	"cmp"
	"slices"
	"strings"
)

// Query is what an ad says about where a job is. Any field may be empty;
// City may be "City, Country" only once the country is split off
// (SplitCountry).
type Query struct {
	PostalCode, City, Municipality, County string
}

// Place is where a Query resolved to: a postal code's place, a
// municipality, or a county alone.
type Place struct {
	// PostalCode is the query's postal code when it is a Norwegian one
	// (four digits), and PostPlace its place when the register has it.
	PostalCode, PostPlace string
	// Municipality is zero when only the county is known.
	Municipality Municipality
	County       County
}

// Resolve resolves q with the bundled register.
func Resolve(q Query) (Place, error) {
	r, err := Default()
	if err != nil {
		return Place{}, err
	}
	return r.Resolve(q)
}

// Resolve resolves q. A postal code the register has decides; otherwise
// the municipality, then the city, names a municipality (directly, as a
// postal place, or qualified: "Herøy i Nordland", "Nes, Akershus",
// within q.County when given); otherwise q.County alone. A well-formed
// postal code the register lacks (one newer than it) is kept when nothing
// else resolves. Otherwise the *Error names the first place that did not
// resolve: unknown, ambiguous ("Nes"), or outside q.County.
func (r *Register) Resolve(q Query) (Place, error) {
	code := postalCode(q.PostalCode)
	if p, ok := r.postalCodes[code]; ok {
		m := r.municipalities[p.municipality]
		return Place{PostalCode: code, PostPlace: p.place, Municipality: m, County: m.County}, nil
	}
	counties, countyErr := r.countyNumbers(q.County)
	var firstErr error
	for _, name := range []string{q.Municipality, q.City} {
		if strings.TrimSpace(name) == "" {
			continue
		}
		p, err := r.resolveName(name, counties)
		if err == nil {
			p.PostalCode = code
			return p, nil
		}
		firstErr = cmp.Or(firstErr, err)
	}
	if len(counties) == 1 {
		return Place{PostalCode: code, County: r.counties[counties[0]]}, nil
	}
	if code != "" {
		return Place{PostalCode: code}, nil
	}
	if err := cmp.Or(firstErr, countyErr); err != nil {
		return Place{}, err
	}
	if q.PostalCode != "" {
		return Place{}, &Error{Place: q.PostalCode, reason: "is not a Norwegian postal code"}
	}
	return Place{}, &Error{reason: "no postal code, city, municipality or county"}
}

// countyNumbers are the numbers of the county s names: one, several for a
// former county since split (Viken), none for an empty s. A name that is
// no county, or several, comes with its error.
func (r *Register) countyNumbers(s string) ([]string, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	numbers := r.countyNames[key(s)]
	switch {
	case len(numbers) == 0:
		return nil, unknown(s)
	case len(numbers) > 1:
		return numbers, r.ambiguous(s, numbers)
	}
	return numbers, nil
}

// resolveName resolves one name within counties (any when empty). The
// first reading of the name that the register knows decides.
func (r *Register) resolveName(name string, counties []string) (Place, error) {
	for _, rd := range readings(name) {
		numbers, isCounty := r.lookup(rd.name)
		if len(numbers) == 0 {
			continue
		}
		if isCounty {
			return r.countyPlace(name, numbers, counties)
		}
		for _, q := range rd.qualifiers {
			numbers = r.within(numbers, q)
		}
		if len(counties) > 0 {
			numbers = slices.DeleteFunc(slices.Clone(numbers), func(n string) bool { return !slices.Contains(counties, n[:2]) })
		}
		switch len(numbers) {
		case 0:
			return Place{}, &Error{Place: name, reason: "does not lie in the county or municipality the ad gives"}
		case 1:
			m := r.municipalities[numbers[0]]
			return Place{Municipality: m, County: m.County}, nil
		}
		return Place{}, r.ambiguous(name, numbers)
	}
	return Place{}, unknown(name)
}

// lookup finds a name among municipalities, then postal places, then
// counties; isCounty says the numbers are counties'.
func (r *Register) lookup(name string) (numbers []string, isCounty bool) {
	k := key(name)
	if n := r.municipalityNames[k]; len(n) > 0 {
		return n, false
	}
	if n := r.placeNames[k]; len(n) > 0 {
		return n, false
	}
	return r.countyNames[k], true
}

// within keeps the municipalities that lie in the county or are the
// municipality qualifier names; a qualifier that is neither is ignored.
func (r *Register) within(numbers []string, qualifier string) []string {
	k := key(qualifier)
	if c := r.countyNames[k]; len(c) > 0 {
		return slices.DeleteFunc(slices.Clone(numbers), func(n string) bool { return !slices.Contains(c, n[:2]) })
	}
	if m := r.municipalityNames[k]; len(m) > 0 {
		return slices.DeleteFunc(slices.Clone(numbers), func(n string) bool { return !slices.Contains(m, n) })
	}
	return numbers
}

// countyPlace is a name that is a county's (or a former county's), within
// counties when given.
func (r *Register) countyPlace(name string, numbers, counties []string) (Place, error) {
	if len(counties) > 0 {
		numbers = slices.DeleteFunc(slices.Clone(numbers), func(n string) bool { return !slices.Contains(counties, n) })
	}
	switch len(numbers) {
	case 0:
		return Place{}, &Error{Place: name, reason: "is not the county the ad gives"}
	case 1:
		return Place{County: r.counties[numbers[0]]}, nil
	}
	return Place{}, r.ambiguous(name, numbers)
}

// postalCode is s as a Norwegian postal code (four digits, spaces and a
// "NO-" prefix dropped), or "" when it is none.
func postalCode(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	for _, p := range []string{"NO-", "no-", "N-"} {
		s = strings.TrimPrefix(s, p)
	}
	if !digits(s, 4) {
		return ""
	}
	return s
}
