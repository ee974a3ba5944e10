package finn

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

// styrkSubMajorGroups are the 43 sub-major groups of STYRK-08 (ISCO-08):
// every one is a main group of work an ad can be in.
var styrkSubMajorGroups = []string{"01", "02", "03", "11", "12", "13", "14", "21", "22", "23", "24", "25", "26",
	"31", "32", "33", "34", "35", "41", "42", "43", "44", "51", "52", "53", "54", "61", "62", "63",
	"71", "72", "73", "74", "75", "81", "82", "83", "91", "92", "93", "94", "95", "96"}

// TestEveryMainGroupMaps: every STYRK-08 sub-major group, and a unit
// group of each, maps to an OCCUPATION of FINN's list, not only IT; every
// value of the list is one FINN's list (KnownOccupation) holds (issue 15,
// FINN occupations).
func TestEveryMainGroupMaps(t *testing.T) {
	for _, g := range styrkSubMajorGroups {
		o, ok := matchOccupation(g + "11")
		require.True(t, ok, "STYRK-08 %s has an occupation", g)
		require.True(t, KnownOccupation(o), g)
	}
	generals := map[string]bool{}
	for _, o := range OccupationValues() {
		require.True(t, KnownOccupation(o), fmt.Sprint(o))
		require.True(t, KnownOccupation(Occupation{General: o.General}), "a GENERAL alone")
		generals[o.General] = true
	}
	require.GreaterOrEqual(t, len(generals), 20, "every main field of work, not only IT")
	require.False(t, KnownOccupation(Occupation{General: "warehouse"}))
	require.False(t, KnownOccupation(Occupation{General: "HEALTHCARE", Specialization: "APPLICDEV"}), "a specialization under another GENERAL")
	for title, want := range map[string]string{"Sykepleier": "HEALTHCARE", "Lagermedarbeider": "TRANSPORTLOGISTICS",
		"Lærer": "EDUCATION", "Butikkmedarbeider": "SALES", "Renholder": "CLEANING", "Elektriker": "ELECTRICAL",
		"Tømrer": "CONSTRUCTION", "Regnskapsfører": "FINANCEACCOUNTING", "Advokatfullmektig": "LAW", "Sosionom": "SOCIALWORK",
		"Kundeservicemedarbeider": "CUSTOMERSERVICE", "Prosessoperatør": "INDUSTRYPRODUCTION", "Daglig leder": "MANAGEMENT"} {
		o, ok := matchOccupation(title)
		require.True(t, ok, title)
		require.Equal(t, want, o.General, title)
	}
}

// TestParseOccupationsRefusesBadRows: a row that is not six fields of
// codes is an error, not a silently dropped value.
func TestParseOccupationsRefusesBadRows(t *testing.T) {
	_, err := parseOccupations("general;specialization;name;styrk08;keywords;source\nIT;;x;;a\n")
	require.ErrorContains(t, err, "line 2")
	_, err = parseOccupations("h\nbad code;;x;;a;I\n")
	require.Error(t, err)
	rows, err := parseOccupations("# c\nh\nA;B;n;2 3;x, Y ;I\n")
	require.NoError(t, err)
	require.Equal(t, []occupationRow{{occupation: Occupation{General: "A", Specialization: "B"}, name: "n", styrk: []string{"2", "3"}, keywords: []string{"x", "y"}, source: "I"}}, rows)
}
