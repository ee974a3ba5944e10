package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"

	"github.com/jobgate/jobgate/internal/places"
)

// TestGenRebuildsFromBringsFile rebuilds the data from a register as Bring
// serves it (Latin-1, CRLF) and loads the result: names keep their
// letters, counties come from the hand-kept list, and a register numbered
// before the 2024 county reform is refused.
func TestGenRebuildsFromBringsFile(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"counties.tsv", "former_names.tsv", "municipality_names.tsv"} {
		b, err := os.ReadFile(filepath.Join("..", "data", f))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), b, 0o644))
	}
	register := "0150\tOSLO\t0301\tOSLO\tG\r\n5254\tSANDSLI\t4601\tBERGEN\tG\r\n9008\tTROMSØ\t5501\tTROMSØ\tG\r\n" +
		"2072\tDAL\t3240\tEIDSVOLL\tG\r\n3228\tNES\t3228\tNES\tG\r\n3540\tNESBYEN\t3322\tNESBYEN\tG\r\n" +
		"5612\tGUOVDAGEAIDNU\t5612\tGUOVDAGEAIDNU KAUTOKEINO\tG\r\n4020\tBØ I TELEMARK\t4020\tMIDT-TELEMARK\tG\r\n" +
		"1867\tBØ I VESTERÅLEN\t1867\tBØ\tG\r\n3430\tOS\t3430\tOS\tG\r\n4624\tOS\t4624\tBJØRNAFJORDEN\tG\r\n" +
		"1514\tSANDE\t1514\tSANDE\tG\r\n3903\tHOLMESTRAND\t3903\tHOLMESTRAND\tG\r\n" +
		"9060\tLYNGSEIDET\t5540\tGÁIVUOTNA KÅFJORD\tG\r\n9730\tKARASJOK\t5610\tKARASJOHKA KARASJOK\tG\r\n" +
		"9700\tLAKSELV\t5622\tPORSANGER PORSÁNGU PORSANKI\tG\r\n9845\tTANA\t5628\tDEATNU TANA\tG\r\n" +
		"9840\tVARANGERBOTN\t5636\tUNJARGGA NESSEBY\tG\r\n"
	latin1, err := charmap.ISO8859_1.NewEncoder().String(register)
	require.NoError(t, err)
	src := filepath.Join(dir, "postnummerregister-ansi.txt")
	require.NoError(t, os.WriteFile(src, []byte(latin1), 0o644))

	require.NoError(t, run(src, dir))
	r, err := places.Load(os.DirFS(dir))
	require.NoError(t, err)
	require.Equal(t, 18, r.PostalCodes())
	p, err := r.Resolve(places.Query{PostalCode: "9008"})
	require.NoError(t, err)
	require.Equal(t, [3]string{"TROMSØ", "TROMSØ", "TROMS"}, [3]string{p.PostPlace, p.Municipality.Name, p.County.Name}, "Latin-1 read as such")
	p, err = r.Resolve(places.Query{City: "Nes", County: "Akershus"})
	require.NoError(t, err)
	require.Equal(t, "NES (AKERSHUS)", p.Municipality.Name, "a name a former municipality shared is qualified")

	require.NoError(t, os.WriteFile(src, []byte("3005\tDRAMMEN\t3005\tDRAMMEN\tG\r\n"), 0o644))
	require.ErrorContains(t, run(src, dir), "county 30 is not a current county")
	r, err = places.Load(os.DirFS(dir))
	require.NoError(t, err, "a refused register leaves the data as it was")
	require.Equal(t, 18, r.PostalCodes())
}
