package sim

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestNAVLocationRuleIsNAVs runs NAV's own cases of the first-location
// rule (pam-import-api LocationDTOTest.isCountryAbroad, and
// TransferLogService's isNullOrEmpty checks) through the simulator: what
// NAV accepts is accepted, what it refuses is refused with its message.
func TestNAVLocationRuleIsNAVs(t *testing.T) {
	const refused = "Location does not have postal code, or does not have county/municipality"
	for _, c := range []struct {
		name     string
		location map[string]any
		ok       bool
	}{
		{"Norge", map[string]any{"city": "Oslo", "country": "Norge"}, false},
		{"Norway", map[string]any{"city": "Oslo", "country": "Norway"}, false},
		{"Noreg", map[string]any{"city": "Oslo", "country": "Noreg"}, false},
		{"NO", map[string]any{"city": "Oslo", "country": "NO"}, false},
		{"empty country", map[string]any{"city": "Oslo", "country": ""}, false},
		{"null country", map[string]any{"city": "Oslo", "country": nil}, false},
		{"no country is Norge", map[string]any{"city": "Oslo"}, false},
		{"empty county and municipal", map[string]any{"county": "", "municipal": "", "postalCode": ""}, false},
		{"Sverige", map[string]any{"city": "Stockholm", "country": "Sverige"}, true},
		{"Danmark", map[string]any{"country": "Danmark"}, true},
		{"municipal in NAV's upper case", map[string]any{"municipal": "OSLO", "county": "OSLO"}, true},
		{"a county name in any case", map[string]any{"county": "Vestland"}, true},
		{"a name NAV's register lacks: presence only", map[string]any{"municipal": "Atlantis"}, true},
		{"whitespace is present to isNullOrEmpty", map[string]any{"county": " "}, true},
		{"postal code alone", map[string]any{"postalCode": "0150"}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newNAVServer(t)
			got := s.stream(t, mustJSON(t, navAd("ref-1", func(ad map[string]any) { ad["locationList"] = []any{c.location} })))
			require.Len(t, got, 1)
			if c.ok {
				require.Equal(t, "RECEIVED", got[0]["status"], got[0]["message"])
				return
			}
			require.Equal(t, "ERROR", got[0]["status"])
			require.Equal(t, refused, got[0]["message"])
		})
	}
}
