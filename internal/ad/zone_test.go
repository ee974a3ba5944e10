package ad

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestZone: an ad's zone is its first location's country's, else its
// employer's country's by the form of the organisation number, else Oslo.
func TestZone(t *testing.T) {
	for _, tc := range []struct {
		name string
		a    Ad
		want string
	}{
		{"Swedish location", Ad{Locations: []Location{{City: "Göteborg", Country: "se"}}}, "Europe/Stockholm"},
		{"Finnish location first", Ad{Locations: []Location{{Country: "FI"}, {Country: "NO"}}}, "Europe/Helsinki"},
		{"Danish location", Ad{Locations: []Location{{Country: "DK"}}}, "Europe/Copenhagen"},
		{"no country, Swedish org number", Ad{Locations: []Location{{City: "Malmö"}}, Employer: Employer{OrgNumber: "556677-8899"}}, "Europe/Stockholm"},
		{"Finnish Y-tunnus", Ad{Employer: Employer{OrgNumber: "1234567-8"}}, "Europe/Helsinki"},
		{"Danish CVR", Ad{Employer: Employer{OrgNumber: "12345678"}}, "Europe/Copenhagen"},
		{"Norwegian org number", Ad{Employer: Employer{OrgNumber: "999 999 999"}}, "Europe/Oslo"},
		{"nothing known", Ad{}, "Europe/Oslo"},
		{"a country without a zone of ours", Ad{Locations: []Location{{Country: "DE"}}, Employer: Employer{OrgNumber: "5566778899"}}, "Europe/Stockholm"},
	} {
		require.Equal(t, tc.want, Zone(tc.a).String(), tc.name)
	}
}

// TestDeadlineEnd: a deadline is over at midnight after its date in the
// ad's zone, in winter and in summer; validThrough carries the zone's
// offset; Normalize refuses a deadline whose day is over there, and
// takes one whose day is not, whatever the day is in Oslo.
func TestDeadlineEnd(t *testing.T) {
	se := Ad{Deadline: "2027-01-31", Locations: []Location{{Country: "SE"}}}
	end, ok := DeadlineEnd(se)
	require.True(t, ok)
	require.Equal(t, time.Date(2027, 1, 31, 23, 0, 0, 0, time.UTC), end.UTC())
	require.Equal(t, "2027-01-31T23:59:59+01:00", ValidThrough(se))
	se.Deadline = "2027-06-30"
	require.Equal(t, "2027-06-30T23:59:59+02:00", ValidThrough(se))
	fi := Ad{Deadline: "2027-06-30", Locations: []Location{{Country: "FI"}}}
	require.Equal(t, "2027-06-30T23:59:59+03:00", ValidThrough(fi))
	require.Empty(t, ValidThrough(Ad{}))

	stockholm := zones["SE"]
	require.False(t, DeadlinePassed(se, time.Date(2027, 6, 30, 23, 30, 0, 0, stockholm)), "23:30 on the day: still open")
	require.True(t, DeadlinePassed(se, time.Date(2027, 7, 1, 0, 0, 0, 0, stockholm)), "midnight: over")
	// 23:30 in Oslo is 00:30 in Helsinki: the Finnish ad's day is over.
	lateOslo := time.Date(2027, 6, 30, 23, 30, 0, 0, Oslo)
	require.True(t, DeadlinePassed(fi, lateOslo))

	b := validAd(t)
	b.Locations = []Location{{City: "Helsinki", Country: "FI"}}
	b.Deadline = "2027-06-30"
	var ve *ValidationError
	require.ErrorAs(t, Normalize(&b, lateOslo), &ve)
	require.Equal(t, []fieldCode{{"deadline", "in_past"}}, codes(ve.Fields))
	c := validAd(t)
	c.Locations = []Location{{City: "Stockholm", Country: "SE"}}
	c.Deadline = "2027-06-30"
	require.NoError(t, Normalize(&c, time.Date(2027, 6, 30, 23, 59, 0, 0, stockholm)))
}
