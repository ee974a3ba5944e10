package places

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestResolve resolves what ads say about where a job is to the
// municipality and county NAV needs (issue 15, Norwegian places).
func TestResolve(t *testing.T) {
	for _, tc := range []struct {
		name                 string
		q                    Query
		code, place          string
		municipality, county string
		countyNumber         string
	}{
		{"postal code", Query{PostalCode: "5254"}, "5254", "SANDSLI", "BERGEN", "VESTLAND", "46"},
		{"postal code with spaces and prefix", Query{PostalCode: " NO-0150 "}, "0150", "OSLO", "OSLO", "OSLO", "03"},
		{"postal code decides over the city", Query{PostalCode: "1920", City: "Oslo"}, "1920", "SØRUMSAND", "LILLESTRØM", "AKERSHUS", "32"},
		{"city", Query{City: "Oslo"}, "", "", "OSLO", "OSLO", "03"},
		{"city in any case", Query{City: "tromsø"}, "", "", "TROMSØ", "TROMS", "55"},
		{"city that is a postal place", Query{City: "Sandvika"}, "", "", "BÆRUM", "AKERSHUS", "32"},
		{"city named like its municipality, a postal place elsewhere too", Query{City: "Molde"}, "", "", "MOLDE", "MØRE OG ROMSDAL", "15"},
		{"municipality", Query{Municipality: "Lillestrøm kommune"}, "", "", "LILLESTRØM", "AKERSHUS", "32"},
		{"municipality before city", Query{Municipality: "Bergen", City: "Sandsli"}, "", "", "BERGEN", "VESTLAND", "46"},
		{"municipality in Sámi", Query{City: "Guovdageaidnu"}, "", "", "GUOVDAGEAIDNU KAUTOKEINO", "FINNMARK", "56"},
		{"qualified in parentheses", Query{Municipality: "Herøy (Nordland)"}, "", "", "HERØY (NORDLAND)", "NORDLAND", "18"},
		{"qualified with i", Query{City: "Herøy i Møre og Romsdal"}, "", "", "HERØY (MØRE OG ROMSDAL)", "MØRE OG ROMSDAL", "15"},
		{"qualified after a comma", Query{City: "Nes, Akershus"}, "", "", "NES (AKERSHUS)", "AKERSHUS", "32"},
		{"a postal place with i in its name", Query{City: "Os i Østerdalen"}, "", "", "OS (INNLANDET)", "INNLANDET", "34"},
		{"ambiguous name within the county", Query{City: "Nes", County: "Buskerud"}, "", "", "NESBYEN", "BUSKERUD", "33"},
		{"county narrows a former county", Query{City: "Drammen", County: "Viken"}, "", "", "DRAMMEN", "BUSKERUD", "33"},
		{"county alone (ReachMee Area1)", Query{County: "Vestland"}, "", "", "", "VESTLAND", "46"},
		{"county with an unknown town", Query{City: "Ytre Ingensteds", County: "Vestland fylke"}, "", "", "", "VESTLAND", "46"},
		{"county in Sámi", Query{County: "Romsa"}, "", "", "", "TROMS", "55"},
		{"former county that became one", Query{County: "Hordaland"}, "", "", "", "VESTLAND", "46"},
		{"city that is a county", Query{City: "Rogaland"}, "", "", "", "ROGALAND", "11"},
		{"ambiguous name within the county (ReachMee Area1 and Area2)", Query{City: "Herøy", County: "Nordland"}, "", "", "HERØY (NORDLAND)", "NORDLAND", "18"},
		{"well-formed postal code the register lacks", Query{PostalCode: "9999"}, "9999", "", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Resolve(tc.q)
			require.NoError(t, err)
			require.Equal(t, tc.code, p.PostalCode)
			require.Equal(t, tc.place, p.PostPlace)
			require.Equal(t, tc.municipality, p.Municipality.Name)
			require.Equal(t, tc.county, p.County.Name)
			require.Equal(t, tc.countyNumber, p.County.Number)
		})
	}
}

// TestResolveRefuses names the place that did not resolve, and what an
// ambiguous one may be.
func TestResolveRefuses(t *testing.T) {
	for _, tc := range []struct {
		name       string
		q          Query
		place      string
		candidates []string
	}{
		{"a name two municipalities had (Nes, now Nesbyen in Buskerud)", Query{City: "Nes"}, "Nes", []string{"NES (AKERSHUS)", "NESBYEN (BUSKERUD)"}},
		{"a name two municipalities have", Query{Municipality: "Herøy"}, "Herøy", []string{"HERØY (MØRE OG ROMSDAL)", "HERØY (NORDLAND)"}},
		{"a county split in 2024", Query{County: "Viken"}, "Viken", []string{"AKERSHUS", "BUSKERUD", "ØSTFOLD"}},
		{"a city that is a split county", Query{City: "Troms og Finnmark"}, "Troms og Finnmark", []string{"FINNMARK", "TROMS"}},
		{"unknown city", Query{City: "Atlantis"}, "Atlantis", nil},
		{"unknown county", Query{County: "Skåne"}, "Skåne", nil},
		{"the municipality's error first", Query{Municipality: "Nowhere", City: "Atlantis"}, "Nowhere", nil},
		{"a city outside the county the ad gives, in no county", Query{City: "Oslo", County: "Viken"}, "Oslo", nil},
		{"a foreign postal code", Query{PostalCode: "113 63"}, "113 63", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Resolve(tc.q)
			var pe *Error
			require.ErrorAs(t, err, &pe)
			require.Equal(t, tc.place, pe.Place)
			require.Equal(t, tc.candidates, pe.Candidates)
			require.Equal(t, len(tc.candidates) > 1, pe.Ambiguous())
			require.Contains(t, err.Error(), `"`+tc.place+`"`, "the reason names the place")
		})
	}
	_, err := Resolve(Query{})
	require.EqualError(t, err, "no postal code, city, municipality or county")
}
