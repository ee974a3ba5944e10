package finn

import (
	"math"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/ad"
)

// TestSalaryNeverNegative: an amount Normalize refuses today (1e308, NaN,
// infinite, negative, above 1e9) may sit in an ad stored before it did; the
// FINN document leaves such an amount out and never writes the negative
// number the float-to-integer conversion used to give (issue 13, break 8).
func TestSalaryNeverNegative(t *testing.T) {
	for name, c := range map[string]struct {
		min, max float64
		want     string
	}{
		"1e308 alone":         {1e308, 0, ""},
		"1e308 as the max":    {500000, 1e308, "fra 500 000 NOK per år"},
		"infinite":            {math.Inf(1), 0, ""},
		"NaN":                 {math.NaN(), 600000, "opptil 600 000 NOK per år"},
		"negative":            {-1, 0, ""},
		"just above 1e9":      {1e9 + 1, 0, ""},
		"1e9, the largest":    {1e9, 0, "fra 1 000 000 000 NOK per år"},
		"an ordinary range":   {500000, 600000, "500 000–600 000 NOK per år"},
		"huge negative range": {-1e308, -1e300, ""},
	} {
		t.Run(name, func(t *testing.T) {
			s := &ad.Salary{Min: c.min, Max: c.max, Currency: "NOK", Period: "year"}
			require.Equal(t, c.want, salaryText(s, "nb"))

			a := loadFixture(t, filepath.Join(testdata, "ads", "full.json"))
			a.Ad.Salary = s
			_, doc := goldenDocument(t, a)
			require.NotRegexp(t, regexp.MustCompile(`<SALARY>[^<]*-[0-9]`), string(doc), "no negative amount in the XML")
		})
	}
}
