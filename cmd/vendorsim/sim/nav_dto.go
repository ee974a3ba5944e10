package sim

import (
	"encoding/json"
	"reflect"
	"slices"
)

// navAdDTO is NAV's AdDTO as the sim maps it (research §1.5): pointers
// tell a missing (or null) field from an empty one, and unknown top-level
// fields are ignored, as NAV's mapper ignores them (§1.4). Marshalled
// again, it is the normalised ad whose md5 NAV compares (§1.9).
type navAdDTO struct {
	Reference    *string            `json:"reference"`
	Published    *string            `json:"published"`
	Expires      *string            `json:"expires"`
	ContactList  []navContact       `json:"contactList"`
	LocationList []navLocation      `json:"locationList"`
	Properties   map[string]navText `json:"properties"`
	Title        *string            `json:"title"`
	AdText       *string            `json:"adText"`
	Status       *string            `json:"status"`
	Privacy      *string            `json:"privacy"`
	Positions    *int               `json:"positions"`
	Employer     *navEmployer       `json:"employer"`
	CategoryList []navCategory      `json:"categoryList"`
}

// navEmployer is EmployerDTO (§1.6).
type navEmployer struct {
	Reference    *string      `json:"reference"`
	BusinessName *string      `json:"businessName"`
	Orgnr        *string      `json:"orgnr"`
	Location     *navLocation `json:"location"`
}

// navLocation is LocationDTO (§1.6); a missing country is "Norge".
type navLocation struct {
	Address    *string `json:"address"`
	PostalCode *string `json:"postalCode"`
	Country    *string `json:"country"`
	County     *string `json:"county"`
	Municipal  *string `json:"municipal"`
	City       *string `json:"city"`
	Latitude   *string `json:"latitude"`
	Longitude  *string `json:"longitude"`
}

// navContact is ContactDTO (§1.6).
type navContact struct {
	Name  *string `json:"name"`
	Title *string `json:"title"`
	Email *string `json:"email"`
	Phone *string `json:"phone"`
	Role  *string `json:"role"`
}

// navCategory is CategoryDTO (§1.6).
type navCategory struct {
	Code          *string `json:"code"`
	CategoryType  *string `json:"categoryType"`
	Name          *string `json:"name"`
	JanzzParentID *string `json:"janzzParentId"`
}

// navText is a property's value: a string, or a number or boolean that
// NAV's mapper coerces to one (Jackson's scalar coercion [I]); null is "".
type navText string

// UnmarshalJSON takes any scalar and refuses arrays and objects.
func (t *navText) UnmarshalJSON(b []byte) error {
	switch b[0] {
	case '"':
		var s string
		err := json.Unmarshal(b, &s)
		*t = navText(s)
		return err
	case '[', '{':
		return &json.UnmarshalTypeError{Value: "array or object", Type: reflect.TypeFor[string]()}
	case 'n':
		*t = ""
	default:
		*t = navText(b)
	}
	return nil
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
