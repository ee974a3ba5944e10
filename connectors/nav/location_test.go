package nav

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
)

// TestLocationsArePlaced maps what ATSs give for a place to the municipal
// and county NAV files the ad under (issue 15, Norwegian places): Lever's
// city-only "Oslo" and "Oslo, Norway", ReachMee's Area1 county, a postal
// code; a place NAV cannot be given is refused naming the place.
func TestLocationsArePlaced(t *testing.T) {
	for _, c := range []struct {
		name string
		in   ad.Location
		want Location
	}{
		{"Lever city only", ad.Location{City: "Oslo"}, Location{City: "Oslo", Municipal: "OSLO", County: "OSLO"}},
		{"Lever City, Country", ad.Location{City: "Oslo, Norway"}, Location{City: "Oslo", Municipal: "OSLO", County: "OSLO", Country: "NORGE"}},
		{"Bergen, Norge in Norway", ad.Location{City: "Bergen, Norge", Country: "NO"}, Location{City: "Bergen", Municipal: "BERGEN", County: "VESTLAND", Country: "NORGE"}},
		{"ReachMee Area1 and Area2", ad.Location{City: "Herøy", County: "Nordland", Country: "NO"},
			Location{City: "Herøy", Municipal: "HERØY (NORDLAND)", County: "NORDLAND", Country: "NORGE"}},
		{"ReachMee Area1 alone", ad.Location{City: "Vestland", County: "Vestland", Country: "NO"}, Location{City: "Vestland", County: "VESTLAND", Country: "NORGE"}},
		{"postal code fills the rest", ad.Location{Address: "Storgata 1", PostalCode: "0150"},
			Location{Address: "Storgata 1", PostalCode: "0150", City: "OSLO", Municipal: "OSLO", County: "OSLO"}},
		{"abroad keeps today's rule", ad.Location{City: "Stockholm", Country: "SE"}, Location{City: "Stockholm", Country: "SVERIGE"}},
		{"abroad from the city's country", ad.Location{City: "Stockholm, Sweden"}, Location{City: "Stockholm", Country: "SVERIGE"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := location(c.in)
			require.NoError(t, err)
			require.Equal(t, c.want, got)
			require.True(t, placeable(got), "NAV accepts it")
		})
	}
}

func TestLocationsRefuseNamingThePlace(t *testing.T) {
	for _, c := range []struct {
		name   string
		in     []ad.Location
		reason string
	}{
		{"ambiguous", []ad.Location{{City: "Nes", Country: "NO"}}, `"Nes" is ambiguous: it may be NES (AKERSHUS), NESBYEN (BUSKERUD)`},
		{"unknown", []ad.Location{{City: "Atlantis, Norway"}}, `"Atlantis" is no Norwegian municipality`},
		{"a former county split in 2024", []ad.Location{{County: "Viken"}}, `"Viken" is ambiguous: it may be AKERSHUS, BUSKERUD, ØSTFOLD`},
		{"none", nil, "the ad has no work location"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := locations(c.in, 3)
			require.ErrorContains(t, err, c.reason)
		})
	}
	a, _ := load(t, "full")
	a.Ad.Locations = []ad.Location{{City: "Nes", Country: "NO"}}
	_, err := Mapping{}.Ad(a, nil, now)
	require.ErrorContains(t, err, `locations: NAV needs a work location it can place`)
	require.ErrorContains(t, err, `"Nes" is ambiguous`, "the channel's reason names the place")
	require.Equal(t, connectors.Permanent, connectors.ClassOf(mappingError("r", err)))
}
