package nav

import (
	"slices"
	"strings"
)

// propertyNames are the keys NAV accepts in properties: the PropertyNames
// enum (research §1.7, NAV-SRC properties/PropertyNames.kt). Any other
// key fails the whole upload, as the map's key type is that enum.
var propertyNames = []string{
	"sourceurl", "applicationdue", "applicationemail", "applicationmail", "applicationlabel",
	"applicationurl", "employerdescription", "employerhomepage", "engagementtype", "extent",
	"occupation", "salary", "starttime", "role", "sector", "location", "jobtitle", "keywords",
	"author", "industry", "workhours", "workday", "facebookpage", "linkedinpage", "twitteraddress",
	"jobpercentage", "jobarrangement", "remote", "arbeidsplassenoccupation", "euresflagg", "workLanguage",
}

// propertyValues are the fixed value lists NAV checks, by exact,
// case-sensitive match (research §1.7, PropertyNameValueValidation.kt and
// navikt/pam-ansettelseskodeverk).
var propertyValues = map[string][]string{
	"extent": {"Heltid", "Deltid"},
	"engagementtype": {"Engasjement", "Fast", "Feriejobb", "Prosjekt", "Selvstendig næringsdrivende", "Sesong",
		"Vikariat", "Trainee", "Lærling", "Åremål", "Frilanser", "Annet"},
	"jobarrangement": {"Skift", "Turnus", "Vakt"},
	"workday":        {"Ukedager", "Lørdag", "Søndag"},
	"workhours":      {"Dagtid", "Kveld", "Natt"},
	"workLanguage":   {"Norsk", "Engelsk", "Skandinavisk", "Samisk"},
	"sector":         {"Privat", "Offentlig"},
	"remote":         {"Hjemmekontor", "Hybridkontor", "Hjemmekontor ikke mulig"},
	"euresflagg":     {"true", "false"},
}

// multiValued properties carry a stringified JSON list such as
// ["Ukedager","Lørdag"] (research §1.7).
var multiValued = []string{"workday", "workhours", "workLanguage"}

// propertyValuesOK reports whether value is allowed for name, reading it
// exactly as NAV does: an empty value is not checked, and a multi-valued
// property is unwrapped (brackets removed, split at commas, each part
// trimmed and unquoted) and each part checked (unwrapStringifiedList).
func propertyValuesOK(name, value string) bool {
	allowed, fixed := propertyValues[name]
	if !fixed || value == "" {
		return true
	}
	if !slices.Contains(multiValued, name) {
		return slices.Contains(allowed, value)
	}
	inner := value
	if len(inner) >= 2 && inner[0] == '[' && inner[len(inner)-1] == ']' {
		inner = inner[1 : len(inner)-1]
	}
	for part := range strings.SplitSeq(inner, ",") {
		part = strings.TrimSpace(part)
		if len(part) >= 2 && part[0] == '"' && part[len(part)-1] == '"' {
			part = part[1 : len(part)-1]
		}
		if part != "" && !slices.Contains(allowed, part) {
			return false
		}
	}
	return true
}

// defaultEngagementTypes maps the canonical employment_type to NAV's
// engagementtype. NAV's list has no exact match for every canonical value;
// the choices marked [I] may be overridden by Mapping.EngagementTypes.
var defaultEngagementTypes = map[string]string{
	"permanent":      "Fast",
	"temporary":      "Engasjement", // [I] fixed-term; "Vikariat" is a stand-in for someone
	"contract":       "Frilanser",   // [I] contractors and freelancers
	"seasonal":       "Sesong",
	"internship":     "Trainee", // [I]
	"apprenticeship": "Lærling",
	"volunteer":      "Annet",
	"other":          "Annet",
}

// extents maps the canonical extent to NAV's extent.
var extents = map[string]string{"full_time": "Heltid", "part_time": "Deltid"}

// remotes maps the canonical remote mode to NAV's remote.
var remotes = map[string]string{"none": "Hjemmekontor ikke mulig", "hybrid": "Hybridkontor", "full": "Hjemmekontor"}
