package ad

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
)

// Hash is the content hash of a normalised ad: the SHA-256 of its JSON
// encoding, which is deterministic because Ad has a fixed field order. An
// unchanged push has the same hash and changes nothing.
func Hash(a Ad) string {
	b, err := json.Marshal(a)
	if err != nil {
		// Ad holds only strings, numbers and slices of them.
		panic("ad: marshal: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// SearchText is the lower-cased text the board's free-text filter matches:
// title, employer, department, categories and places.
func SearchText(a Ad) string {
	parts := []string{a.Title, a.Employer.Name, a.Department, LocationText(a)}
	parts = append(parts, a.Categories...)
	return strings.ToLower(strings.Join(parts, " "))
}

// LocationText is the lower-cased text the board's location filter matches.
func LocationText(a Ad) string {
	var parts []string
	for _, l := range a.Locations {
		parts = append(parts, l.PostalCode, l.City, l.Municipality, l.Country)
		if l.County != "" {
			parts = append(parts, l.County)
		}
	}
	return strings.ToLower(strings.Join(parts, " "))
}
