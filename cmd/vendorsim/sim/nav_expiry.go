package sim

import (
	"strings"
	"time"
)

// expiryRule is NAV's handleExpiryAndStarttimeCombinations (§1.8;
// pam-import-api transferlog/TransferLogService.kt), which both upload
// endpoints run on every ad before its md5 is taken
// (TransferController.kt postTransfer and receiveAd): applicationdue
// SNAREST (any case) with no expires sets expires to published + 10 days;
// an applicationdue NAV reads as a date (parseApplicationDueDate) that is
// before expires moves expires to the start of that day. It sets the ad's
// expires and answers it (zero if none).
func (ad *navAdDTO) expiryRule(expires time.Time) time.Time {
	due := string(ad.Properties["applicationdue"])
	if strings.ToUpper(due) == "SNAREST" && ad.Expires == nil {
		published, ok := parseNAVTime(str(ad.Published))
		if !ok {
			return expires // NAV's published?.plusDays(10) is null too
		}
		return ad.setExpires(published.AddDate(0, 0, 10))
	}
	if day, ok := parseApplicationDue(due); ok && ad.Expires != nil && day.Before(expires) {
		return ad.setExpires(day)
	}
	return expires
}

func (ad *navAdDTO) setExpires(t time.Time) time.Time {
	s := navLocalTime(t)
	ad.Expires = &s
	return t
}

// parseApplicationDue is NAV's parseApplicationDueDate: the whole text in
// one of the optional patterns [yyyy-MM-dd'T'HH:mm:ss], [yyyy-MM-dd'T'HH:mm]
// or [dd.MM.yyyy], whose date is taken at the start of the day (Oslo, NAV's
// zone). Anything else, an ISO date 2027-01-31 among them, is no date.
func parseApplicationDue(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "02.01.2006"} {
		// Go would take a fraction after the seconds; NAV's pattern not.
		if t, err := time.ParseInLocation(layout, s, oslo); err == nil && len(s) == len(layout) {
			y, m, d := t.Date()
			return time.Date(y, m, d, 0, 0, 0, 0, oslo), true
		}
	}
	return time.Time{}, false
}

// navLocalTime writes a time as Jackson writes NAV's LocalDateTime: to the
// second when there is no fraction (2027-01-31T00:00:00).
func navLocalTime(t time.Time) string { return t.In(oslo).Format("2006-01-02T15:04:05") }
