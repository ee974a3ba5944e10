package ad

import "strings"

// DropInvalid removes from an ad that came from a vendor the values a
// vendor cannot be asked to fix and the ad can do without: a language,
// country or currency code not in its registry, a salary amount that is
// not a number from 0 to MaxSalary (or a range whose minimum exceeds its
// maximum), positions below 1, recruiter addresses that are not e-mail
// addresses (or past MaxRecruiters), and a contact phone or e-mail or an
// employer website that is malformed. What can be salvaged is kept in its
// corrected form (the number of "+47 22 00 00 00 (sentralbord)", a website
// without https://). It returns a warning for each, naming
// the field and never the value. The generic ad API refuses these instead
// (Normalize); a vendor's ad is kept without them, so one odd code does
// not keep an ad off the board.
func DropInvalid(a *Ad) []FieldError {
	v := &ValidationError{}
	if s := strings.TrimSpace(a.Language); s != "" {
		if _, ok := canonicalLanguage(s); !ok {
			a.Language = ""
			v.add("language", codeInvalidCode, "dropped: %s", msgLanguage)
		}
	}
	for i := range a.Locations {
		l := &a.Locations[i]
		if s := strings.TrimSpace(l.Country); s != "" {
			if _, ok := canonicalCountry(s); !ok {
				l.Country = ""
				v.add("locations["+itoa(i)+"].country", codeInvalidCode, "dropped: %s", msgCountry)
			}
		}
	}
	if a.Positions != nil && *a.Positions < 1 {
		a.Positions = nil
		v.add("positions", "out_of_range", "dropped: %s", msgPosition)
	}
	dropSalary(v, a)
	dropRecruiters(v, a)
	salvageContact(v, a)
	salvageWebsite(v, a)
	dropLogo(v, a)
	return v.Fields
}

// dropSalary drops the bad parts of a salary, and the salary when no
// amount is left.
func dropSalary(v *ValidationError, a *Ad) {
	s := a.Salary
	if s == nil {
		return
	}
	before := len(v.Fields)
	if !validAmount(s.Min) {
		s.Min = 0
		v.add("salary.min", "out_of_range", "dropped: %s", msgAmount)
	}
	if !validAmount(s.Max) {
		s.Max = 0
		v.add("salary.max", "out_of_range", "dropped: %s", msgAmount)
	}
	if s.Max > 0 && s.Min > s.Max {
		s.Min, s.Max = 0, 0
		v.add("salary", "out_of_range", "dropped: salary.min is more than salary.max")
	}
	if c := strings.TrimSpace(s.Currency); c != "" {
		if _, ok := canonicalCurrency(c); !ok {
			s.Currency = ""
			v.add("salary.currency", codeInvalidCode, "dropped: %s", msgCurrency)
		}
	}
	if len(v.Fields) > before && s.Min == 0 && s.Max == 0 {
		a.Salary = nil
	}
}
