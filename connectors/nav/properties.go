package nav

import (
	"slices"
	"strings"
	"time"

	"github.com/jobgate/jobgate/connectors"
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

// properties maps what the canonical ad has to NAV's properties (research
// §1.7). The canonical ad has no sector: it is the integration's
// nav_sector setting (Privat or Offentlig), or absent. engagementtype is
// always sent ("Annet" when unknown): NAV's docs mark it required, though
// NAV does not enforce it yet. Salary is not sent: [U] NAV's integer
// "salary" names no period or currency. Categories are free text, not
// JANZZ codes, so they become keywords (research §1.6).
func (m Mapping) properties(a connectors.PublishedAd) map[string]string {
	c := a.Ad
	p := map[string]string{"engagementtype": "Annet"}
	if t, ok := m.EngagementTypes[c.EmploymentType]; ok {
		p["engagementtype"] = t
	} else if t, ok := defaultEngagementTypes[c.EmploymentType]; ok {
		p["engagementtype"] = t
	}
	set(p, "extent", extents[c.Extent])
	set(p, "remote", remotes[c.Remote])
	set(p, "sector", sector(a.Settings["nav_sector"]))
	set(p, "applicationurl", applyURL(a))
	set(p, "sourceurl", a.JobURL)
	set(p, "employerhomepage", c.Employer.Website)
	if d, err := time.Parse(time.DateOnly, c.Deadline); err == nil {
		p["applicationdue"] = d.Format("02.01.2006")
	}
	start := strings.TrimSpace(c.StartDate)
	if d, err := time.Parse(time.DateOnly, start); err == nil {
		start = d.Format("02.01.2006")
	}
	set(p, "starttime", start)
	var kw []string
	for _, k := range c.Categories {
		// NAV joins keywords with ";" (TransferLogService).
		if k = strings.TrimSpace(strings.ReplaceAll(k, ";", ",")); k != "" && !slices.Contains(kw, k) {
			kw = append(kw, k)
		}
	}
	set(p, "keywords", strings.Join(kw, ";"))
	return p
}

// applyURL is where candidates apply: PublishedAd.ApplyURL, else (a hub
// that does not set it yet) the job page for direct apply and the
// vendor's page for redirect.
func applyURL(a connectors.PublishedAd) string {
	switch {
	case a.ApplyURL != "":
		return a.ApplyURL
	case a.ApplyMode == "redirect" && a.Ad.ApplyURL != "":
		return a.Ad.ApplyURL
	}
	return a.JobURL
}

// sector reads the nav_sector setting in any case; another value is sent
// as given, for Validate to refuse.
func sector(s string) string {
	for _, v := range propertyValues["sector"] {
		if strings.EqualFold(strings.TrimSpace(s), v) {
			return v
		}
	}
	return s
}

func set(p map[string]string, k, v string) {
	if v = strings.TrimSpace(v); v != "" {
		p[k] = v
	}
}
