package ad

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestLocationCounty: a location's county (ReachMee's Area1, the generic
// API's county) is a location of its own, bounded and checked as text.
func TestLocationCounty(t *testing.T) {
	a := validAd(t)
	a.Locations = []Location{{County: " Vestland "}}
	require.NoError(t, Normalize(&a, testNow), "a county alone is a location")
	require.Equal(t, "Vestland", a.Locations[0].County, "trimmed as every text")

	a = validAd(t)
	a.Locations[0].County = strings.Repeat("x", maxShortText+1)
	require.Equal(t, []fieldCode{{"locations[0].county", "too_long"}}, fieldCodes(t, Normalize(&a, testNow)))
	a = validAd(t)
	a.Locations[0].County = "Vest\x00land"
	require.Equal(t, []fieldCode{{"locations[0].county", "invalid_text"}}, fieldCodes(t, Normalize(&a, testNow)))

	b, c := validAd(t), validAd(t)
	c.Locations[0].County = "Vestland"
	require.NotEqual(t, Hash(b), Hash(c), "a county change is a new revision")
	require.NotContains(t, LocationText(b), "  ", "an ad without a county searches as before")
}
