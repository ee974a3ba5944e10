package lever

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/ad"
)

// TestLocationsSplitCityAndCountry: Lever's location is free text, often
// "City, Country"; the country is split off so the city can be placed
// (issue 15, Norwegian places: NAV needs Oslo's municipality).
func TestLocationsSplitCityAndCountry(t *testing.T) {
	p := Posting{Categories: Categories{Location: "Oslo, Norway", AllLocations: []string{"Oslo, Norway", "Bergen, Norge", "Stockholm, Sweden", "Oslo, Norway", "Trondheim"}}}
	require.Equal(t, []ad.Location{{City: "Oslo", Country: "NO"}, {City: "Bergen", Country: "NO"}, {City: "Stockholm", Country: "SE"}, {City: "Trondheim"}},
		p.Ad("E", "").Locations, "each location's own country; a duplicate once")
	p = Posting{Country: "NO", Categories: Categories{Location: "Lysaker, Bærum"}}
	require.Equal(t, []ad.Location{{City: "Lysaker, Bærum", Country: "NO"}}, p.Ad("E", "").Locations, "text after a comma that is no country stays")
}
