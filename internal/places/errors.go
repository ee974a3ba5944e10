package places

import (
	"fmt"
	"slices"
	"strings"
)

// Error says why a place did not resolve. It names the place as the ad
// gives it (an ad's location is not personal data).
type Error struct {
	// Place is the text that did not resolve.
	Place string
	// Candidates are the municipalities or counties an ambiguous Place
	// may be, by name; empty otherwise.
	Candidates []string
	reason     string
}

func (e *Error) Error() string {
	if e.Place == "" {
		return e.reason
	}
	return fmt.Sprintf("%q %s", e.Place, e.reason)
}

// Ambiguous reports whether the place is several places.
func (e *Error) Ambiguous() bool { return len(e.Candidates) > 1 }

func unknown(place string) *Error {
	return &Error{Place: place, reason: "is no Norwegian municipality, postal place or county the postal register knows"}
}

// ambiguous names what place may be: municipalities for four-digit
// numbers, counties for two.
func (r *Register) ambiguous(place string, numbers []string) *Error {
	var names []string
	for _, n := range numbers {
		if m, ok := r.municipalities[n]; ok && strings.HasSuffix(m.Name, ")") {
			names = append(names, m.Name)
		} else if ok {
			names = append(names, m.Name+" ("+m.County.Name+")")
		} else {
			names = append(names, r.counties[n].Name)
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	return &Error{Place: place, Candidates: names,
		reason: "is ambiguous: it may be " + strings.Join(names, ", ") + "; give a postal code, the municipality or the county"}
}
