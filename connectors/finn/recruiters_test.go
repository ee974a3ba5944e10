package finn

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRecruitersNotSent: an ad's recruiters are the employer's private
// team; FINN's document has contacts, which the ad's contact (or the
// integration's fallback contact) maps to on purpose, and nothing else.
// The document is the same with or without them.
func TestRecruitersNotSent(t *testing.T) {
	a := loadFixture(t, filepath.Join(testdata, "ads", "full.json"))
	_, without := goldenDocument(t, a)
	a.Ad.Recruiters = []string{"rekrutterer@eksempel.no"}
	_, with := goldenDocument(t, a)
	require.Equal(t, string(without), string(with))
	require.NotContains(t, string(with), "rekrutterer@")
}
