package app_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// validThrough is the schema.org validThrough of a job page.
func validThrough(t *testing.T, s *apptest.Server, id string) string {
	t.Helper()
	page := s.Do(t, "GET", "/jobs/"+id, nil)
	require.Equal(t, http.StatusOK, page.Status)
	const open = `<script type="application/ld+json">`
	body := string(page.Body)
	i := strings.Index(body, open)
	require.GreaterOrEqual(t, i, 0, "the page has its JobPosting")
	ld, _, _ := strings.Cut(body[i+len(open):], "</script>")
	var jp map[string]any
	require.NoError(t, json.Unmarshal([]byte(ld), &jp))
	v, _ := jp["validThrough"].(string)
	return v
}

// zoned is the generic ad with a deadline and a location in a country.
func zoned(title, deadline, city, country string) map[string]any {
	a := apptest.Ad(title)
	a["deadline"] = deadline
	a["locations"] = []any{map[string]any{"city": city, "country": country}}
	return a
}

// TestDeadlineInEmployersZone: a deadline is a date in the employer's
// zone. A Swedish ad with deadline D is live at 23:30 on D in Stockholm and
// gone after midnight there; a Finnish one is gone at that 23:30, which is
// 00:30 in Helsinki (the clock the lifecycle uses is driven; no sleeps);
// the job page's validThrough is the end of D with the zone's offset,
// +01:00 in winter and +02:00 in summer (issue 15, Normalisation:
// deadlines in the employer's zone).
func TestDeadlineInEmployersZone(t *testing.T) {
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	require.NoError(t, err)
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		s := apptest.Start(t, cfg, app.Options{})
		_, key := s.Tenant(t)
		today := time.Now().In(stockholm)
		d := time.Date(today.Year(), today.Month(), today.Day()+10, 0, 0, 0, 0, stockholm)
		day := func(t time.Time) string { return t.Format(time.DateOnly) }
		summer := time.Date(today.Year()+1, 7, 15, 0, 0, 0, 0, stockholm)
		winter := time.Date(today.Year()+2, 1, 15, 0, 0, 0, 0, stockholm)
		ads := map[string]map[string]any{
			"se":     zoned("Lagerarbetare", day(d), "Göteborg", "SE"),
			"fi":     zoned("Varastotyöntekijä", day(d), "Helsinki", "FI"),
			"no":     zoned("Lagermedarbeider", day(d.AddDate(0, 0, -1)), "Oslo", "NO"),
			"summer": zoned("Sommarjobb", day(summer), "Malmö", "SE"),
			"winter": zoned("Vinterjobb", day(winter), "Malmö", "SE"),
		}
		ids := map[string]string{}
		for ref, a := range ads {
			r := s.Do(t, "PUT", "/v1/ads/"+ref, a, apptest.Bearer(key)...)
			require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
			ids[ref] = r.JSON["id"].(string)
		}
		apptest.Eventually(t, func() bool { return boardCount(t, s) == len(ads) }, "every ad is listed")
		require.Equal(t, day(summer)+"T23:59:59+02:00", validThrough(t, s, ids["summer"]))
		require.Equal(t, day(winter)+"T23:59:59+01:00", validThrough(t, s, ids["winter"]))
		require.Equal(t, d.AddDate(0, 0, 1).Add(-time.Second).Format(time.RFC3339), validThrough(t, s, ids["se"]))
		require.True(t, strings.HasSuffix(validThrough(t, s, ids["fi"]), d.In(helsinki(t)).Format("-07:00")), "Helsinki's offset")
		s.Stop(t)

		status := func(s *apptest.Server, ref string) any {
			return s.Do(t, "GET", "/v1/ads/"+ref, nil, apptest.Bearer(key)...).JSON["status"]
		}
		lateOnD := time.Date(d.Year(), d.Month(), d.Day(), 23, 30, 0, 0, stockholm)
		s = apptest.Start(t, cfg, app.Options{Now: func() time.Time { return lateOnD }})
		apptest.Eventually(t, func() bool { return status(s, "no") == "withdrawn" }, "the ad of the day before is gone")
		apptest.Eventually(t, func() bool { return status(s, "fi") == "withdrawn" }, "23:30 in Stockholm is 00:30 in Helsinki: the Finnish ad is gone")
		require.Equal(t, "live", status(s, "se"), "the Swedish ad is live at 23:30 on its deadline")
		apptest.Eventually(t, func() bool { return boardCount(t, s) == 3 }, "both leave the board")
		s.Stop(t)

		afterMidnight := time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 30, 0, stockholm)
		s = apptest.Start(t, cfg, app.Options{Now: func() time.Time { return afterMidnight }})
		apptest.Eventually(t, func() bool { return status(s, "se") == "withdrawn" }, "after midnight in Stockholm the Swedish ad is gone")
		apptest.Eventually(t, func() bool { return boardCount(t, s) == 2 }, "and leaves the board")
		require.Equal(t, "live", status(s, "summer"))
	})
}

func helsinki(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Europe/Helsinki")
	require.NoError(t, err)
	return loc
}
