package nav

import (
	"slices"
	"strings"
	"time"

	"github.com/jobgate/jobgate/connectors"
)

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
	set(p, "sector", sector(a.Settings[SettingSector]))
	set(p, "applicationurl", applyURL(a))
	set(p, "sourceurl", a.JobURL)
	set(p, "employerhomepage", c.Employer.Website)
	if d, err := time.Parse(time.DateOnly, c.Deadline); err == nil {
		p["applicationdue"] = d.Format(applicationDueLayout)
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

// applicationDueLayout is how the deadline is sent as applicationdue: an
// ISO date, 2027-01-31. NAV moves expires to the start of the
// applicationdue day when it reads applicationdue as a date
// (TransferLogService.handleExpiryAndStarttimeCombinations, research
// §1.8), which would take the ad off arbeidsplassen as the deadline day
// begins; its parser takes only yyyy-MM-dd'T'HH:mm:ss, yyyy-MM-dd'T'HH:mm
// and dd.MM.yyyy (parseApplicationDueDate), so an ISO date is left as it
// is and expires, the end of the deadline day, stands. arbeidsplassen
// shows an ISO date as a date ("31. januar 2027": pam-stillingsok
// src/app/_common/utils/utils.ts formatDate, and "Søk senest …" by
// deadlineText.js's parseISO), so the candidate still sees the deadline.
const applicationDueLayout = time.DateOnly

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
