package finn

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jobgate/jobgate/internal/ad"
)

// FINN's limits, from the DTD 7.1 comments (§2.3) unless marked.
const (
	maxJobTitle  = 100
	maxSituation = 100
	maxHeading   = 255
	maxTags      = 5
	// maxOrderNo is jobgate's own bound; FINN's is [U].
	maxOrderNo = 45
)

// ErrInvalid is wrapped by every refusal of an ad that does not meet
// FINN's rules.
var ErrInvalid = errors.New("the ad does not meet FINN's rules")

// check applies FINN's rules to a built document (§2.3 and the 8.0 changes;
// the to-date rule of §2.7): every problem is listed, each naming the FINN
// element and the canonical field it comes from, never a value.
func check(doc JobDocument, now time.Time) error {
	var ps problems
	if doc.Head.Partner == "" || !reID.MatchString(doc.Head.Partner) {
		ps.add("PARTNER (Config.PartnerID) must be 1 to 100 letters, digits, '.', '_' or '-'")
	}
	if doc.Head.Provider == "" {
		ps.add("PROVIDER (setting %s) is required", SettingProvider)
	}
	if len(doc.Objects) != 1 || doc.Objects[0].Body() == nil {
		ps.add("OBJECT must hold exactly one ad")
		return ps.err()
	}
	checkHead(&ps, doc.Objects[0].Head, now)
	checkJob(&ps, doc.Objects[0].Body(), now)
	return ps.err()
}

func checkHead(ps *problems, h ObjectHead, now time.Time) {
	if h.OrderNo == "" || len(h.OrderNo) > maxOrderNo {
		ps.add("ORDERNO must be 1 to %d characters", maxOrderNo)
	}
	from, errFrom := time.ParseInLocation(finnDate, h.FromDate, ad.Oslo)
	to, errTo := time.ParseInLocation(finnDate, h.ToDate, ad.Oslo)
	switch {
	case errFrom != nil || errTo != nil:
		ps.add("FROMDATE and TODATE must be dates, dd.mm.yyyy")
	case !to.After(from):
		ps.add("TODATE must be after FROMDATE (FINN: Tildato må være etter fradato)")
	case to.Before(day(now)):
		ps.add("TODATE has passed: the ad's deadline or its %d days on FINN are over", LifeDays)
	}
	if runes(h.Heading) > maxHeading {
		ps.add("HEADING (title) must be at most %d characters", maxHeading)
	}
}

func checkJob(ps *problems, j *Job, now time.Time) {
	need := func(v, element, field string) {
		if v == "" {
			ps.add("%s (%s) is required", element, field)
		}
	}
	need(j.Title, "JOB_TITLE", "title")
	need(j.Situation, "SITUATION", "locations[0].city: FINN needs the place of work")
	if runes(j.Situation) > maxSituation {
		ps.add("SITUATION (locations[0].city) must be at most %d characters", maxSituation)
	}
	need(j.Sector, "SECTOR", "setting "+SettingSector)
	need(j.Duration, "DURATION", "employment_type")
	if len(j.Occupations) == 0 {
		ps.add("OCCUPATION (categories) is required: no category, department or title maps to one; set %s", SettingOccupation)
	}
	need(j.Company.Name, "COMPANY_NAME", "employer.name")
	if len(j.Texts) == 0 || j.Texts[0].Text.Text == "" {
		ps.add("GENERAL_TEXT (description) is required")
	}
	if j.Deadline != "" {
		d, err := time.ParseInLocation(finnDate, j.Deadline, ad.Oslo)
		if err != nil {
			ps.add("APPLICATION_DEADLINE (deadline) must be a date")
		} else if d.Before(day(now)) {
			ps.add("APPLICATION_DEADLINE (deadline) has passed")
		}
	}
	if len(j.Contacts) == 0 {
		ps.add("JOB_CONTACT (contact.name) is required: the ad has no contact and %s is not set", SettingContactName)
	}
	if !absoluteURL(j.ApplicationURL) {
		ps.add("APPLICATION_URL (apply_url) must be an absolute http or https URL")
	}
	if j.Company.URL != "" && !absoluteURL(j.Company.URL) {
		ps.add("COMPANY URL (employer.website) must be an absolute http or https URL")
	}
	if j.Positions < 1 {
		ps.add("NO_OF_POSITIONS (positions) must be at least 1")
	}
	if len(j.Tags) > maxTags {
		ps.add("TAGS (categories) must be at most %d", maxTags)
	}
}

func absoluteURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// problems collects the rules a document breaks.
type problems []string

func (ps *problems) add(format string, args ...any) { *ps = append(*ps, fmt.Sprintf(format, args...)) }

func (ps problems) err() error {
	if len(ps) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %s", ErrInvalid, strings.Join(ps, "; "))
}
