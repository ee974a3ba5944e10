package nav

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRecruitersNotSent: an ad's recruiters are the employer's private
// team; NAV's ad has a contact list, which the ad's contact maps to on
// purpose, and nothing else. The payload is the same with or without them.
func TestRecruitersNotSent(t *testing.T) {
	a, prev := load(t, "full")
	without, err := Mapping{}.Ad(a, prev, now)
	require.NoError(t, err)
	a.Ad.Recruiters = []string{"rekrutterer@fjordkraft.example"}
	with, err := Mapping{}.Ad(a, prev, now)
	require.NoError(t, err)
	got := encode(t, with)
	require.Equal(t, string(encode(t, without)), string(got))
	require.NotContains(t, string(got), "rekrutterer@")
}
