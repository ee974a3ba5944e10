package ad

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits on field sizes, generous enough for every vendor we map.
const (
	maxTitle       = 300
	maxDescription = 200_000
	maxShortText   = 300
	maxLocations   = 50
	maxCategories  = 50
	maxURL         = 2048
)

var (
	reOrgNumber = regexp.MustCompile(`^[0-9][0-9 -]{6,12}[0-9]$`)
	rePhone     = regexp.MustCompile(`^\+?[0-9][0-9 ()-]{4,20}$`)
)

// Normalize trims text, sanitises the description, writes codes in their
// canonical form and validates every field, reporting all bad fields at
// once (the first fault of each) as a *ValidationError. now decides
// whether the deadline is in the past: a date whose end in the ad's Zone
// has come.
func Normalize(a *Ad, now time.Time) error {
	v := &ValidationError{}
	validateTextBytes(v, a)
	trimAll(a)
	a.Description = SanitizeHTML(a.Description)
	validateText(v, a)
	validateEnums(v, a)
	validateEmployer(v, a.Employer)
	validateLocations(v, a.Locations)
	validateSalary(v, a.Salary)
	validateContact(v, a.Contact)
	validateRecruiters(v, a)
	validateDates(v, a, now)
	validatePublishAt(v, a)
	v.Fields = FirstPerField(v.Fields)
	return v.orNil()
}

// FirstPerField keeps the first fault of each field, in place: text that
// is not text is not also reported as a bad code, a value of the wrong
// type not also as missing.
func FirstPerField(fs []FieldError) []FieldError {
	seen := map[string]bool{}
	out := fs[:0]
	for _, f := range fs {
		if !seen[f.Field] {
			seen[f.Field] = true
			out = append(out, f)
		}
	}
	return out
}

func trimAll(a *Ad) {
	for _, f := range textFields(a) {
		*f.p = strings.TrimSpace(*f.p)
	}
	// An empty list is no list: JSON omits both, so only nil survives a
	// round trip through the store.
	if len(a.Locations) == 0 {
		a.Locations = nil
	}
	if len(a.Categories) == 0 {
		a.Categories = nil
	}
}

func validateText(v *ValidationError, a *Ad) {
	required(v, "title", a.Title, maxTitle)
	required(v, "description", a.Description, maxDescription)
	optional(v, "start_date", a.StartDate, maxShortText)
	optional(v, "department", a.Department, maxShortText)
	if a.Language != "" {
		if code, ok := canonicalLanguage(a.Language); ok {
			a.Language = code
		} else {
			v.add("language", codeInvalidCode, msgLanguage)
		}
	}
	if a.Positions != nil && *a.Positions < 1 {
		v.add("positions", "out_of_range", msgPosition)
	}
	if len(a.Categories) > maxCategories {
		v.add("categories", "too_many", "at most %d categories", maxCategories)
	}
	for i, c := range a.Categories {
		optional(v, "categories["+itoa(i)+"]", c, maxShortText)
	}
	httpURL(v, "apply_url", a.ApplyURL)
}

func validateEnums(v *ValidationError, a *Ad) {
	oneOf(v, "employment_type", a.EmploymentType, EmploymentTypes)
	oneOf(v, "extent", a.Extent, Extents)
	oneOf(v, "remote", a.Remote, RemoteModes)
}

func validateEmployer(v *ValidationError, e Employer) {
	required(v, "employer.name", e.Name, maxShortText)
	if e.OrgNumber != "" && !reOrgNumber.MatchString(e.OrgNumber) {
		v.add("employer.org_number", "invalid_format", "must be a national organisation number (digits, optionally with - or spaces)")
	}
	httpURL(v, "employer.website", e.Website)
	if e.LogoURL != "" && !validLogoURL(e.LogoURL) {
		v.add("employer.logo_url", "invalid_url", msgLogoURL)
	}
}

// codeInvalidCode is the field code of a language, country or currency
// code that is not in its registry.
const codeInvalidCode = "invalid_code"

func validateLocations(v *ValidationError, locs []Location) {
	if len(locs) > maxLocations {
		v.add("locations", "too_many", "at most %d locations", maxLocations)
	}
	for i, l := range locs {
		p := "locations[" + itoa(i) + "]"
		if l.Address == "" && l.PostalCode == "" && l.City == "" && l.Municipality == "" && l.County == "" && l.Country == "" {
			v.add(p, "required", "a location needs at least one of address, postal_code, city, municipality, county, country")
		}
		optional(v, p+".address", l.Address, maxShortText)
		optional(v, p+".postal_code", l.PostalCode, maxShortText)
		optional(v, p+".city", l.City, maxShortText)
		optional(v, p+".municipality", l.Municipality, maxShortText)
		optional(v, p+".county", l.County, maxShortText)
		if l.Country == "" {
			continue
		}
		if code, ok := canonicalCountry(l.Country); ok {
			locs[i].Country = code
		} else {
			v.add(p+".country", codeInvalidCode, msgCountry)
		}
	}
}

func validateSalary(v *ValidationError, s *Salary) {
	if s == nil {
		return
	}
	if !validAmount(s.Min) {
		v.add("salary.min", "out_of_range", msgAmount)
	}
	if !validAmount(s.Max) {
		v.add("salary.max", "out_of_range", msgAmount)
	}
	if s.Max > 0 && s.Min > s.Max {
		v.add("salary.max", "out_of_range", "must not be less than salary.min")
	}
	if s.Currency != "" {
		if code, ok := canonicalCurrency(s.Currency); ok {
			s.Currency = code
		} else {
			v.add("salary.currency", codeInvalidCode, msgCurrency)
		}
	}
	oneOf(v, "salary.period", s.Period, SalaryPeriods)
}

func validateContact(v *ValidationError, c *Contact) {
	if c == nil {
		return
	}
	optional(v, "contact.name", c.Name, maxShortText)
	optional(v, "contact.title", c.Title, maxShortText)
	if c.Email != "" && !contactEmail(c.Email) {
		v.add("contact.email", "invalid_format", msgContactEmail)
	}
	if c.Phone != "" && !rePhone.MatchString(c.Phone) {
		v.add("contact.phone", "invalid_format", msgPhone)
	}
}

func validateDates(v *ValidationError, a *Ad, now time.Time) {
	if a.Deadline == "" {
		return
	}
	if _, ok := DeadlineEnd(*a); !ok {
		v.add("deadline", "invalid_format", "must be a date, YYYY-MM-DD")
		return
	}
	if DeadlinePassed(*a, now) {
		v.add("deadline", "in_past", "must not be in the past")
	}
}

func required(v *ValidationError, field, s string, max int) {
	if s == "" {
		v.add(field, "required", "is required")
		return
	}
	optional(v, field, s, max)
}

func optional(v *ValidationError, field, s string, max int) {
	if utf8.RuneCountInString(s) > max {
		v.add(field, "too_long", "at most %d characters", max)
	}
}

func oneOf(v *ValidationError, field, s string, allowed []string) {
	if s != "" && !slices.Contains(allowed, s) {
		v.add(field, "invalid_enum", "must be one of %s", strings.Join(allowed, ", "))
	}
}

func httpURL(v *ValidationError, field, s string) {
	if s == "" {
		return
	}
	if !validHTTPURL(s) {
		v.add(field, "invalid_url", msgHTTPURL)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
