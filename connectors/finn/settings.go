package finn

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jobgate/jobgate/internal/ad"
)

// The employer's FINN settings (PublishedAd.Settings).
const (
	SettingProvider    = "finn_provider"
	SettingReadvertise = "finn_readvertise"
	SettingSector      = "finn_sector"
	SettingOccupation  = "finn_occupation"
	SettingIndustry    = "finn_industry"
	// SettingContactName and its siblings are the contact sent when the ad
	// has none (FINN 8.0 needs a JOB_CONTACT, §2.3).
	SettingContactName  = "finn_contact_name"
	SettingContactTitle = "finn_contact_title"
	SettingContactEmail = "finn_contact_email"
	SettingContactPhone = "finn_contact_phone"
)

var (
	// reID is a plausible FINN partner or provider id. Their format is
	// [U] (§2.10 question 4); FINN's examples use letters and digits.
	reID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`)
	// reCode is a reference-value code such as ITTELECOMINTERNET (§2.4).
	reCode = regexp.MustCompile(`^[A-Za-z0-9_]{1,100}$`)
)

// settings are an employer's FINN settings, checked.
type settings struct {
	provider    string
	readvertise bool
	sector      string
	occupation  *Occupation
	industry    string
	contact     *ad.Contact
}

// CheckSettings checks the FINN settings of an integration that publishes
// to FINN: finn_provider is required; finn_readvertise is a boolean
// (default false); finn_sector one of the SECTOR values of reference.go
// (default private); finn_occupation a code or GENERAL/SPECIALIZATION pair
// (the occupation of ads none of whose categories maps); finn_industry a
// code; finn_contact_name is needed for the other finn_contact_ settings.
// Other keys are ignored.
func CheckSettings(m map[string]string) error {
	_, err := parseSettings(m)
	return err
}

func parseSettings(m map[string]string) (settings, error) {
	get := func(k string) string { return strings.TrimSpace(m[k]) }
	s := settings{provider: get(SettingProvider), sector: get(SettingSector), industry: get(SettingIndustry)}
	if s.provider == "" {
		return s, errors.New("setting " + SettingProvider + " is required: the employer's provider id at FINN")
	}
	if err := checkID("setting "+SettingProvider, s.provider); err != nil {
		return s, err
	}
	if v := get(SettingReadvertise); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return s, errors.New("setting " + SettingReadvertise + " must be true or false")
		}
		s.readvertise = b
	}
	if s.sector == "" {
		s.sector = defaultSector
	} else if !slices.Contains(sectors, s.sector) {
		return s, fmt.Errorf("setting %s must be one of %s", SettingSector, strings.Join(sectors, ", "))
	}
	if s.industry != "" && !reCode.MatchString(s.industry) {
		return s, errors.New("setting " + SettingIndustry + " must be a FINN INDUSTRY code (letters, digits, '_')")
	}
	if v := get(SettingOccupation); v != "" {
		o, ok := parseOccupation(v)
		if !ok {
			return s, errors.New("setting " + SettingOccupation + " must be a FINN OCCUPATION code or GENERAL/SPECIALIZATION")
		}
		s.occupation = &o
	}
	c, err := fallbackContact(get)
	s.contact = c
	return s, err
}

// fallbackContact reads the finn_contact_ settings, validated as the
// canonical ad's contact is.
func fallbackContact(get func(string) string) (*ad.Contact, error) {
	c := &ad.Contact{Name: get(SettingContactName), Title: get(SettingContactTitle),
		Email: get(SettingContactEmail), Phone: get(SettingContactPhone)}
	if *c == (ad.Contact{}) {
		return nil, nil
	}
	if c.Name == "" {
		return nil, errors.New("setting " + SettingContactName + " is required with the other finn_contact_ settings")
	}
	probe := ad.Ad{Title: "t", Description: "d", Employer: ad.Employer{Name: "e"}, Contact: c}
	var ve *ad.ValidationError
	if err := ad.Normalize(&probe, time.Time{}); errors.As(err, &ve) {
		return nil, fmt.Errorf("setting finn_%s: %s", strings.ReplaceAll(ve.Fields[0].Field, ".", "_"), ve.Fields[0].Message)
	}
	return probe.Contact, nil
}

// checkID checks a partner or provider id, naming what without its value.
func checkID(what, id string) error {
	if id == "" {
		return errors.New(what + " is required")
	}
	if !reID.MatchString(id) {
		return errors.New(what + " must be 1 to 100 letters, digits, '.', '_' or '-'")
	}
	return nil
}
