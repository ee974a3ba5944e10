package nav

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
)

// FieldError is one bad field: its name and what is wrong, never its value
// (values may be personal data).
type FieldError struct {
	Field  string
	Reason string
}

// ValidationError lists every field of an ad NAV would refuse.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Reason
	}
	return "not valid for NAV: " + strings.Join(parts, "; ")
}

func (e *ValidationError) add(field, reason string, args ...any) {
	e.Fields = append(e.Fields, FieldError{Field: field, Reason: fmt.Sprintf(reason, args...)})
}

// localTime is the text NAV's LocalDateTime (ISO_LOCAL_DATE_TIME) reads.
var localTime = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$`)

// categoryTypes are NAV's CategoryType values; another fails to decode.
var categoryTypes = []string{"", "STYRK08", "PYRK20", "JANZZ", "ESCO"}

// Validate applies the checks NAV makes before it stores an ad (research
// §1.5-1.7 and §1.13: TransferDTO.kt's require clauses, TransferLogService
// validate, PropertyNameValueValidation), plus the published and expires
// dates NAV's docs require, so a bad ad is refused here, naming the field,
// instead of failing a whole batch at NAV. Lengths are counted in UTF-16
// units, as Kotlin's String.length does.
func Validate(a Ad) error {
	v := &ValidationError{}
	text(v, "reference", a.Reference, 255, true)
	text(v, "title", a.Title, 512, true)
	if blank(a.AdText) {
		v.add("adText", "is required")
	}
	dateTime(v, "published", a.Published)
	dateTime(v, "expires", a.Expires)
	if a.Positions < 1 {
		v.add("positions", "must be 1 or more")
	}
	validateEmployer(v, a.Employer)
	if len(a.LocationList) == 0 {
		v.add("locationList", "needs at least one work location")
	} else if !placeable(a.LocationList[0]) {
		v.add("locationList[0]", "needs a postalCode, a county or a municipal, or a country outside Norway")
	}
	for i, c := range a.ContactList {
		p := fmt.Sprintf("contactList[%d].", i)
		text(v, p+"name", c.Name, 255, false)
		text(v, p+"title", c.Title, 255, false)
		text(v, p+"email", c.Email, 255, false)
		text(v, p+"phone", c.Phone, 36, false)
		text(v, p+"role", c.Role, 255, false)
	}
	validateProperties(v, a.Properties)
	validateCategories(v, a.CategoryList)
	if len(v.Fields) > 0 {
		return v
	}
	return nil
}

func validateEmployer(v *ValidationError, e *Employer) {
	if e == nil {
		v.add("employer", "is required")
		return
	}
	if e.Location == nil {
		v.add("employer.location", "is required")
	}
	// NAV strips whitespace from orgnr; without one it needs the name.
	if strings.Join(strings.Fields(e.Orgnr), "") == "" {
		text(v, "employer.businessName", e.BusinessName, 255, true)
	}
}

func validateProperties(v *ValidationError, props map[string]string) {
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		switch {
		case !slices.Contains(propertyNames, k):
			v.add("properties."+k, "is not a property NAV knows")
		case !propertyValuesOK(k, props[k]):
			v.add("properties."+k, "must be one of %s", strings.Join(propertyValues[k], ", "))
		}
	}
}

// validateCategories counts what NAV keeps: it drops every category but a
// JANZZ one with a code and a name before it checks for more than 3.
func validateCategories(v *ValidationError, cats []Category) {
	kept := 0
	for i, c := range cats {
		if !slices.Contains(categoryTypes, c.CategoryType) {
			v.add(fmt.Sprintf("categoryList[%d].categoryType", i), "must be one of STYRK08, PYRK20, JANZZ, ESCO")
		}
		if (c.CategoryType == "" || c.CategoryType == "JANZZ") && c.Code != "" && c.Name != "" {
			kept++
		}
	}
	if kept > 3 {
		v.add("categoryList", "at most 3 JANZZ categories")
	}
}

func text(v *ValidationError, field, s string, limit int, required bool) {
	switch {
	case required && blank(s):
		v.add(field, "is required")
	case len(utf16.Encode([]rune(s))) >= limit:
		v.add(field, "must be shorter than %d characters", limit)
	}
}

func dateTime(v *ValidationError, field, s string) {
	if s == "" {
		v.add(field, "is required")
		return
	}
	layout := "2006-01-02T15:04:05"
	if len(s) == len("2006-01-02T15:04") {
		layout = "2006-01-02T15:04"
	}
	if _, err := time.Parse(layout, s); err != nil || !localTime.MatchString(s) {
		v.add(field, "must be a local date-time yyyy-MM-ddTHH:mm:ss, without an offset")
	}
}

func blank(s string) bool { return strings.TrimFunc(s, unicode.IsSpace) == "" }
