// Package connectortest holds what every connector's tests share: the
// golden test that maps each vendor fixture under testdata/<vendor>/ to
// the canonical ad jobgate stores and compares it with the fixture's
// .golden.json file (rewritten with -update), and its variant for feeds
// that list many postings (GoldenList).
package connectortest

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/ad"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// Golden runs one subtest per fixture matching pattern (golden files
// excluded): decode maps the fixture to a canonical ad, which must validate
// at now and equal the golden file.
func Golden(t *testing.T, pattern string, now time.Time, decode func(body []byte) (ad.Ad, error)) {
	eachFixture(t, pattern, func(t *testing.T, f string, body []byte) {
		a, err := decode(body)
		require.NoError(t, err)
		compare(t, a, now, strings.TrimSuffix(f, ".json")+".golden.json")
	})
}

// eachFixture runs fn in a subtest per fixture matching pattern, golden
// files excluded, with the fixture's path and content.
func eachFixture(t *testing.T, pattern string, fn func(t *testing.T, path string, body []byte)) {
	files, err := filepath.Glob(pattern)
	require.NoError(t, err)
	require.NotEmpty(t, files, "no fixtures match %s", pattern)
	for _, f := range files {
		if strings.HasSuffix(f, ".golden.json") {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			body, err := os.ReadFile(f)
			require.NoError(t, err)
			fn(t, f, body)
		})
	}
}
