package places

import (
	"os"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

// TestRegisterIsAfterTheCountyReform checks the bundled register against
// the county numbers from 2024-01-01: Viken (30), Vestfold og Telemark
// (38) and Troms og Finnmark (54) are gone, their parts numbered again.
func TestRegisterIsAfterTheCountyReform(t *testing.T) {
	r, err := Default()
	require.NoError(t, err)
	require.Equal(t, 17, r.Counties(), "15 counties, Svalbard and Jan Mayen")
	require.Greater(t, r.PostalCodes(), 5000)
	want := map[string]string{"03": "OSLO", "11": "ROGALAND", "15": "MØRE OG ROMSDAL", "18": "NORDLAND", "21": "SVALBARD",
		"22": "JAN MAYEN", "31": "ØSTFOLD", "32": "AKERSHUS", "33": "BUSKERUD", "34": "INNLANDET", "39": "VESTFOLD",
		"40": "TELEMARK", "42": "AGDER", "46": "VESTLAND", "50": "TRØNDELAG", "55": "TROMS", "56": "FINNMARK"}
	munis := r.Municipalities()
	require.Len(t, munis, 357+2, "357 municipalities, Svalbard and Jan Mayen")
	perCounty := map[string]int{}
	for _, m := range munis {
		require.Equal(t, want[m.Number[:2]], m.County.Name, "%s %s lies in county %s", m.Number, m.Name, m.Number[:2])
		perCounty[m.County.Number]++
	}
	require.Len(t, perCounty, len(want), "every county has municipalities")
	for number, municipality := range map[string]string{"3301": "DRAMMEN", "3107": "FREDRIKSTAD", "3205": "LILLESTRØM",
		"3905": "TØNSBERG", "4003": "SKIEN", "5501": "TROMSØ", "5601": "ALTA", "3228": "NES (AKERSHUS)", "3430": "OS (INNLANDET)"} {
		p, err := Resolve(Query{Municipality: municipality})
		require.NoError(t, err, municipality)
		require.Equal(t, number, p.Municipality.Number, municipality)
	}
}

// TestLoadRefusesAnOldRegister fails loudly on a register numbered before
// the 2024 reform, instead of shipping it.
func TestLoadRefusesAnOldRegister(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, f := range []string{"counties.tsv", "former_names.tsv", "municipality_names.tsv", "postal_codes.tsv.gz"} {
		b, err := os.ReadFile("data/" + f)
		require.NoError(t, err)
		fsys[f] = &fstest.MapFile{Data: b}
	}
	fsys["municipalities.tsv"] = &fstest.MapFile{Data: []byte("3005\tDRAMMEN\n")}
	_, err := Load(fsys)
	require.ErrorContains(t, err, "municipality 3005 DRAMMEN: county 30 is not a current county")
}
