package places

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSplitCountry splits the "City, Country" ATSs such as Lever write.
func TestSplitCountry(t *testing.T) {
	for in, want := range map[string][2]string{
		"Oslo, Norway":        {"Oslo", "NO"},
		"Bergen, Norge":       {"Bergen", "NO"},
		"Tromsø,Noreg":        {"Tromsø", "NO"},
		"Stockholm, Sverige":  {"Stockholm", "SE"},
		"København, Danmark":  {"København", "DK"},
		"Helsinki, FI":        {"Helsinki", "FI"},
		"Berlin, Deutschland": {"Berlin", "DE"},
		"Oslo":                {"Oslo", ""},
		"Oslo, no":            {"Oslo, no", ""},
		"Nes, Akershus":       {"Nes, Akershus", ""},
		"Remote, ":            {"Remote, ", ""},
	} {
		place, country := SplitCountry(in)
		require.Equal(t, want, [2]string{place, country}, in)
	}
}
