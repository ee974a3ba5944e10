package finn

import (
	"fmt"
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
)

// modusNo keeps the ad's images: jobgate sends none (§2.5).
const modusNo = "no"

// Document builds the IAD.IF.JOB document of life o of the ad and checks it
// against FINN's rules at now (check). A bad ad or setting fails
// permanently, naming the element and the ad's field, never their values.
func Document(a connectors.PublishedAd, cfg Config, o OrderNo, now time.Time) ([]byte, error) {
	cfg = cfg.withDefaults()
	s, err := parseSettings(a.Settings)
	if err != nil {
		return nil, connectors.NewPermanent(fmt.Errorf("finn: ad %s: %w", a.ID, err))
	}
	doc := build(a, cfg, s, o)
	if err := check(doc, now); err != nil {
		return nil, connectors.NewPermanent(fmt.Errorf("finn: ad %s: %w", a.ID, err))
	}
	b, err := marshal("IAD.IF.JOB", cfg.JobDTD, doc)
	if err != nil {
		return nil, connectors.NewPermanent(fmt.Errorf("finn: ad %s: %w", a.ID, err))
	}
	return selfClose(b, modusNo), nil
}

func build(a connectors.PublishedAd, cfg Config, s settings, o OrderNo) JobDocument {
	c := a.Ad
	job := &Job{
		// JOB_TITLE is the position (at most 100 characters); the whole
		// title is the HEADING.
		Title:          shorten(clean(c.Title), maxJobTitle),
		Situation:      situation(c),
		Sector:         s.sector,
		Occupations:    sent(occupationsOf(c, s.occupation)),
		Industry:       s.industry,
		Duration:       duration(c.EmploymentType),
		Salary:         clean(salaryText(c.Salary, c.Language)),
		Company:        Company{Name: clean(c.Employer.Name), URL: clean(c.Employer.Website)},
		Texts:          []GeneralText{{Text: CDATA{Text: clean(c.Description)}}},
		Deadline:       deadlineDay(c),
		StartDate:      clean(isoToFinn(c.StartDate)),
		Contacts:       contacts(c.Contact, s.contact),
		Label:          o.String(),
		ApplicationURL: clean(firstOf(a.ApplyURL, c.ApplyURL, a.JobURL)),
		Positions:      c.PositionsOrOne(),
		Tags:           tags(c.Categories),
	}
	obj := Object{Head: ObjectHead{
		OrderNo:       o.String(),
		UserReference: userReference(a.Reference),
		OverwriteMMO:  MMO{Modus: modusNo},
		FromDate:      o.Start.Format(finnDate),
		ToDate:        toDate(o, c).Format(finnDate),
		Location:      location(c),
		Heading:       clean(c.Title),
	}}
	// JOB_PARTTIME is FINN's type for part-time and seasonal work (DTD
	// 7.1 comments); JOB_EXECUTIVE is never sent (package doc).
	if c.Extent == "part_time" || c.EmploymentType == "seasonal" {
		obj.PartTime = job
	} else {
		obj.Job = job
	}
	return JobDocument{Head: Head{Partner: cfg.PartnerID, Provider: s.provider}, Objects: []Object{obj}}
}

// toDate is the life's last day, or the deadline's last day in Oslo when
// that is earlier, but always after FROMDATE: FINN refuses a TODATE on or
// before it (§2.7).
func toDate(o OrderNo, c ad.Ad) time.Time {
	to := o.LastDay()
	if d, ok := lastDay(c); ok && d.Before(to) {
		to = d
	}
	if !to.After(o.Start) {
		to = addDays(o.Start, 1)
	}
	return to
}

// lastDay is the last Norwegian day (FINN's dates are days in Oslo) on
// which the ad can be applied to: the day in Oslo before its deadline's
// end in the employer's zone (ad.DeadlineEnd). For a Swedish or Danish ad
// that is the deadline's date; for a Finnish one too, though its day ends
// at 23:00 in Oslo.
func lastDay(c ad.Ad) (time.Time, bool) {
	end, ok := ad.DeadlineEnd(c)
	if !ok {
		return time.Time{}, false
	}
	return day(end.Add(-time.Nanosecond)), true
}

// deadlineDay is APPLICATION_DEADLINE: the deadline's last day in Oslo,
// dd.mm.yyyy, or "" without one.
func deadlineDay(c ad.Ad) string {
	if d, ok := lastDay(c); ok {
		return d.Format(finnDate)
	}
	return ""
}
