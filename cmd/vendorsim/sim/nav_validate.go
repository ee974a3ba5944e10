package sim

import (
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
)

// navPropertyNames are the keys properties may have: NAV's PropertyNames
// enum, case-sensitive (research §1.7).
var navPropertyNames = []string{
	"sourceurl", "applicationdue", "applicationemail", "applicationmail", "applicationlabel", "applicationurl",
	"employerdescription", "employerhomepage", "engagementtype", "extent", "occupation", "salary", "starttime",
	"role", "sector", "location", "jobtitle", "keywords", "author", "industry", "workhours", "workday",
	"facebookpage", "linkedinpage", "twitteraddress", "jobpercentage", "jobarrangement", "remote",
	"arbeidsplassenoccupation", "euresflagg", "workLanguage",
}

// navPropertyValues are the fixed value lists, in the order NAV checks
// them (§1.7, PropertyNameValueValidation).
var navPropertyValues = []struct {
	name     string
	multiple bool // a stringified JSON list of values, e.g. ["Ukedager","Lørdag"]
	values   []string
}{
	{"extent", false, []string{"Heltid", "Deltid"}},
	{"engagementtype", false, []string{"Engasjement", "Fast", "Feriejobb", "Prosjekt", "Selvstendig næringsdrivende",
		"Sesong", "Vikariat", "Trainee", "Lærling", "Åremål", "Frilanser", "Annet"}},
	{"jobarrangement", false, []string{"Skift", "Turnus", "Vakt"}},
	{"workday", true, []string{"Ukedager", "Lørdag", "Søndag"}},
	{"workhours", true, []string{"Dagtid", "Kveld", "Natt"}},
	{"workLanguage", true, []string{"Norsk", "Engelsk", "Skandinavisk", "Samisk"}},
	{"sector", false, []string{"Privat", "Offentlig"}},
	{"remote", false, []string{"Hjemmekontor", "Hybridkontor", "Hjemmekontor ikke mulig"}},
	{"euresflagg", false, []string{"true", "false"}},
}

// NAVPropertyValues returns the allowed values of NAV's enumerated
// properties, as GET /api/v1/properties/values serves them (§1.3 row 14).
func NAVPropertyValues() map[string][]string {
	out := make(map[string][]string, len(navPropertyValues))
	for _, p := range navPropertyValues {
		out[p.name] = slices.Clone(p.values)
	}
	return out
}

// validate applies TransferLogService.validate to a mapped ad (§1.6,
// §1.7): at most three categories, the first-location rule, the fixed
// property values. It runs after the md5 check, as NAV runs it (§1.9).
func (ad *navAdDTO) validate() *navFailure {
	if len(ad.CategoryList) > 3 {
		return invalidValue("category list is over 3, we only allow max 3 categories per ad")
	}
	if !ad.firstLocationOK() {
		return invalidValue("Location does not have postal code, or does not have county/municipality")
	}
	for _, p := range navPropertyValues {
		v, ok := ad.Properties[p.name]
		if !ok {
			continue
		}
		values := []string{string(v)}
		if p.multiple {
			values = unwrapStringifiedList(string(v))
		}
		for _, one := range values {
			if one != "" && !slices.Contains(p.values, one) {
				return invalidValue("property " + p.name + " contains invalid value " + one)
			}
		}
	}
	return nil
}

// firstLocationOK is the first-location rule (§1.6), copied from NAV's
// source (navikt/pam-import-api, transferlog/TransferLogService.kt,
// locationMustHavePostalCodeOrCountyMunicipal, and dto/TransferDTO.kt
// LocationDTO.isCountryAbroad): the first location has a postal code, a
// county or a municipality that is not null or empty (Kotlin's
// isNullOrEmpty: whitespace counts as present), or a country that is not
// null, empty or NORGE/NOREG/NORWAY/NO in any case; a missing country is
// "Norge". NAV checks presence only, not the format or the register:
// "Vestland", "VESTLAND" and an unknown name all pass here as at NAV
// (its docs' examples write upper-case names, docs/index.md).
func (ad *navAdDTO) firstLocationOK() bool {
	if len(ad.LocationList) == 0 {
		return false
	}
	l := ad.LocationList[0]
	if str(l.PostalCode) != "" || str(l.County) != "" || str(l.Municipal) != "" {
		return true
	}
	country := "Norge"
	if l.Country != nil {
		country = *l.Country
	}
	return country != "" && !slices.Contains([]string{"NORGE", "NOREG", "NORWAY", "NO"}, strings.ToUpper(country))
}

// unwrapStringifiedList splits `["a","b"]` as NAV does: brackets off,
// split on commas, each trimmed and unquoted (§1.7).
func unwrapStringifiedList(s string) []string {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	parts := strings.Split(s, ",")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if len(p) >= 2 && p[0] == '"' && p[len(p)-1] == '"' {
			p = p[1 : len(p)-1]
		}
		parts[i] = p
	}
	return parts
}

// normalize does what NAV does to an ad before hashing it (§1.6, §1.8):
// whitespace leaves the employer's orgnr, and every category NAV cannot
// verify (any type but JANZZ, or a JANZZ one without code and name; the
// sim has no ontology, so it keeps the other JANZZ ones [I]) moves into
// the front of properties.keywords.
func (ad *navAdDTO) normalize() {
	if e := ad.Employer; e != nil && e.Orgnr != nil {
		stripped := strings.Join(strings.Fields(*e.Orgnr), "")
		e.Orgnr = &stripped
	}
	var kept []navCategory
	var names []string
	for _, c := range ad.CategoryList {
		if str(c.CategoryType) == "JANZZ" && str(c.Code) != "" && str(c.Name) != "" {
			kept = append(kept, c)
			continue
		}
		names = append(names, str(c.Name))
	}
	if len(names) == 0 {
		return
	}
	ad.CategoryList = kept
	if ad.Properties == nil {
		ad.Properties = map[string]navText{}
	}
	moved := strings.Join(names, ";")
	if kw := string(ad.Properties["keywords"]); kw != "" && moved != "" {
		moved += ";" + kw
	} else if kw != "" {
		moved = kw
	}
	ad.Properties["keywords"] = navText(moved)
}

// navMD5 is NAV's md5 of content: upper-case hex (§1.9).
func navMD5(content []byte) string {
	sum := md5.Sum(content)
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

// md5Of hashes the normalised form of v (an ad, or a batch's ads).
func md5Of(v any) string {
	b, _ := json.Marshal(v)
	return navMD5(b)
}
