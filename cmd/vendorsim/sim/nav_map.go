package sim

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"
)

// mapNAVAd decodes one ad as NAV's mapper does, with its errors (§1.9): a
// missing or mistyped field is "Missing parameter: …", a value no enum or
// date format takes "Invalid value: …", a failed constructor check a
// wrongValue. Jackson fails at the first bad field in the document, so of
// the field errors the one whose field comes first in raw wins; the
// constructor's checks run after. It answers the ad and its expiry (zero
// if none).
func mapNAVAd(raw []byte) (*navAdDTO, time.Time, *navFailure) {
	var ad navAdDTO
	if err := json.Unmarshal(raw, &ad); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, time.Time{}, missingParameter(lastField(te.Field))
		}
		return nil, time.Time{}, missingParameter("")
	}
	expires, fails := ad.mapFields()
	if f := firstInDocument(raw, fails); f != nil {
		return nil, time.Time{}, f
	}
	return &ad, expires, ad.checkRequired()
}

// fieldFailure is a field error and the top-level field it is in.
type fieldFailure struct {
	field string
	f     *navFailure
}

// firstInDocument picks the failure whose field appears first in raw.
func firstInDocument(raw []byte, fails []fieldFailure) *navFailure {
	var first *navFailure
	at := len(raw) + 1
	for _, ff := range fails {
		i := bytes.Index(raw, []byte(`"`+ff.field+`"`))
		if i < 0 {
			i = len(raw)
		}
		if i < at {
			first, at = ff.f, i
		}
	}
	return first
}

// lastField is the last name of a dotted field path, as NAV's message
// names only the innermost field.
func lastField(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}

// mapFields checks every field Jackson checks while it parses: contacts'
// lengths, the employer's required fields, the categories' codes and
// types, the property names, the dates and the status enum.
func (ad *navAdDTO) mapFields() (time.Time, []fieldFailure) {
	var fails []fieldFailure
	add := func(field string, f *navFailure) {
		if f != nil {
			fails = append(fails, fieldFailure{field, f})
		}
	}
	for _, c := range ad.ContactList {
		add("contactList", c.check())
	}
	add("employer", ad.Employer.check())
	for _, c := range ad.CategoryList {
		add("categoryList", c.check())
	}
	for _, k := range sortedKeys(ad.Properties) {
		if !slices.Contains(navPropertyNames, k) {
			add("properties", invalidValue("Invalid value: "+k+" at field properties"))
		}
	}
	var expires time.Time
	for name, v := range map[string]*string{"published": ad.Published, "expires": ad.Expires} {
		if v == nil {
			continue
		}
		t, ok := parseNAVTime(*v)
		if !ok {
			add(name, invalidValue("Invalid value: "+*v+" at field "+name))
		} else if name == "expires" {
			expires = t
		}
	}
	if s := ad.Status; s != nil && !slices.Contains([]string{"RECEIVED", "STOPPED", "DELETED"}, *s) {
		add("status", invalidValue("Invalid value: "+*s+" at field status"))
	}
	return expires, fails
}

func (e *navEmployer) check() *navFailure {
	switch {
	case e == nil:
		return nil
	case e.BusinessName == nil:
		return missingParameter("businessName")
	case e.Location == nil:
		return missingParameter("location")
	case str(e.Orgnr) == "" && (strings.TrimSpace(*e.BusinessName) == "" || len([]rune(*e.BusinessName)) >= 255):
		return wrongValue("businessName is blank or size > 255", "employer")
	}
	return nil
}

func (c navCategory) check() *navFailure {
	if c.Code == nil {
		return missingParameter("code")
	}
	if t := c.CategoryType; t != nil && !slices.Contains([]string{"STYRK08", "PYRK20", "JANZZ", "ESCO"}, *t) {
		return invalidValue("Invalid value: " + *t + " at field categoryType")
	}
	return nil
}

func (c navContact) check() *navFailure {
	for _, l := range []struct {
		v     *string
		limit int
		msg   string
	}{{c.Name, 255, "Contact name size > 255"}, {c.Title, 255, "Contact title size > 255"}, {c.Email, 255, "Contact email size > 255"},
		{c.Phone, 36, "Contact phone size > 36"}, {c.Role, 255, "Contact role is > 255 "}} {
		if strings.TrimSpace(str(l.v)) != "" && len([]rune(*l.v)) >= l.limit {
			return wrongValue(l.msg, "contactList")
		}
	}
	return nil
}

// checkRequired checks the non-null fields in AdDTO's parameter order,
// then its constructor's require()s in their order (§1.5).
func (ad *navAdDTO) checkRequired() *navFailure {
	switch {
	case ad.Reference == nil:
		return missingParameter("reference")
	case ad.Title == nil:
		return missingParameter("title")
	case ad.AdText == nil:
		return missingParameter("adText")
	}
	ref, title := *ad.Reference, *ad.Title
	checks := []struct {
		bad        bool
		msg, field string
	}{
		{strings.TrimSpace(ref) == "" || len([]rune(ref)) >= 255, "reference is blank or size > 255", "reference"},
		{strings.TrimSpace(title) == "", "title should not be blank", "title"},
		{len([]rune(title)) >= 512, "title should not have size > 512", "title"},
		{len(ad.LocationList) == 0 && (ad.Employer == nil || ad.Employer.Orgnr == nil), "LocationList is empty, please specify at least one Location", "locationList"},
		{strings.TrimSpace(*ad.AdText) == "", "adtext is blank", "adText"},
		{ad.Positions != nil && *ad.Positions <= 0, "positions should be 1 or more", "positions"},
		{ad.Employer == nil, "Employer should not be empty", "employer"},
	}
	for _, c := range checks {
		if c.bad {
			return wrongValue(c.msg, c.field)
		}
	}
	return nil
}
