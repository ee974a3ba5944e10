package reachmee

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/ad"
)

func TestDeadline(t *testing.T) {
	for in, want := range map[string]string{
		"2026-08-03":                      "2026-08-03",
		" 2026-08-03 ":                    "2026-08-03",
		"2026-08-03 23:59:00":             "2026-08-03",
		"2026-08-03T23:59:00":             "2026-08-03",
		"2026-08-03T23:30:00Z":            "2026-08-04", // 01:30 in Oslo
		"Mon, 03 Aug 2026 23:59:00 +0200": "2026-08-03",
		"Mon, 03 Aug 2026 22:30:00 GMT":   "2026-08-04", // 00:30 in Oslo, summer time
		"Mon, 03 Aug 2026 12:00:00 CEST":  "2026-08-03",
		"Mon, 3 Aug 2026 23:59:00 +0200":  "2026-08-03",
		"3 Aug 2026 23:59:00 +0200":       "2026-08-03",
		"03.08.2026":                      "", // [U]: unreadable is no deadline
		"2026-13-01":                      "",
		"":                                "",
	} {
		require.Equal(t, want, deadline(in, ad.Oslo), in)
	}
	// 22:30 UTC is 00:30 the next day in Helsinki, 23:30 the same day in
	// Stockholm: a Finnish ad's deadline is read in Helsinki.
	fi := Item{Title: "T", PubDateTo: "2026-08-03T22:30:00Z", Country: "Suomi"}.Ad("Acme Oy")
	require.Equal(t, "2026-08-04", fi.Deadline)
	se := Item{Title: "T", PubDateTo: "2026-08-03T20:30:00Z", Country: "Sverige"}.Ad("Acme AB")
	require.Equal(t, "2026-08-03", se.Deadline)
}

func TestCountryCode(t *testing.T) {
	for in, want := range map[string]string{"Norge": "NO", "norway": "NO", "Sverige": "SE", "Sweden": "SE", "Danmark": "DK",
		"Denmark": "DK", "Suomi": "FI", "Finland": "FI", "se": "SE", " NO ": "NO", "Tyskland": "", "N1": "", "": ""} {
		require.Equal(t, want, countryCode(in), in)
	}
}

func TestEmployment(t *testing.T) {
	for in, want := range map[string][2]string{
		"Fast ansettelse": {"permanent", ""}, "Fast anställning": {"permanent", ""}, "Tillsvidareanställning": {"permanent", ""},
		"Permanent": {"permanent", ""}, "Vikariat": {"temporary", ""}, "Midlertidig": {"temporary", ""},
		"Visstid": {"temporary", ""}, "Visstidsanställning": {"temporary", ""}, "Temporary": {"temporary", ""},
		"Fixed-term position": {"temporary", ""}, "Sommerjobb": {"seasonal", ""}, "Sommarvikariat": {"seasonal", ""},
		"Seasonal": {"seasonal", ""}, "Lærling": {"apprenticeship", ""}, "Praktikplats": {"internship", ""},
		"Intern rekrytering": {"", ""}, "Heltid": {"", "full_time"}, "Full time": {"", "full_time"},
		"Full-time": {"", "full_time"}, "Deltid": {"", "part_time"}, "Part time": {"", "part_time"},
		"Day": {"", ""}, "Fast ansettelse, heltid": {"permanent", "full_time"}, "": {"", ""},
	} {
		k, e := employment(in)
		require.Equal(t, want, [2]string{k, e}, in)
	}
	a := Item{WorkingHours: "Deltid", EmploymentLevel: "Vikariat, heltid"}.Ad("E")
	require.Equal(t, [2]string{"temporary", "part_time"}, [2]string{a.EmploymentType, a.Extent}, "workingHours decides the extent")
	a = Item{WorkingHours: "Sommerjobb"}.Ad("E")
	require.Equal(t, "seasonal", a.EmploymentType, "workingHours can give the kind when employmentLevel does not")
}

func TestLocationAndDepartment(t *testing.T) {
	require.Equal(t, ad.Location{City: "Bergen", County: "Vestland", Country: "NO"}, location(Item{Area1: "Vestland", Area2: "Bergen", Country: "Norge"}),
		"Area1 is kept as the county (issue 15: NAV needs it)")
	require.Equal(t, ad.Location{City: "Vestland", County: "Vestland"}, location(Item{Area1: "Vestland"}))
	require.Nil(t, Item{Country: "Atlantis"}.Ad("E").Locations, "nothing known is no location")
	require.Equal(t, "C", department(Item{Org1: "A", Org2: "B", Org3: "C"}))
	require.Equal(t, "B", department(Item{Org1: "A", Org2: "B"}))
	require.Equal(t, "A", department(Item{Org1: "A"}))
	require.Equal(t, []string{"Helse"}, Item{OccupationArea: "Helse", Position: "Helse"}.Ad("E").Categories)
}
