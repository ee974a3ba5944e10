package connectortest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
)

// reFileRef is what a reference may be to name a golden file.
var reFileRef = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// GoldenList is Golden for fixtures that hold many postings (a polled
// feed): decode maps a fixture to its postings, and each posting's ad must
// validate at now and equal <fixture>.<reference>.golden.json (the .json
// of the fixture's name dropped, as Golden does). A golden file of the
// fixture whose reference is no longer decoded fails the test, so renamed
// postings leave no stale files behind; -update rewrites and removes them.
func GoldenList(t *testing.T, pattern string, now time.Time, decode func(body []byte) ([]connectors.Posting, error)) {
	eachFixture(t, pattern, func(t *testing.T, f string, body []byte) {
		postings, err := decode(body)
		require.NoError(t, err)
		require.NotEmpty(t, postings, "the fixture holds no postings")
		base := strings.TrimSuffix(f, ".json") + "."
		var wrote []string
		for _, p := range postings {
			require.Regexp(t, reFileRef, p.Reference, "a reference must be usable in a file name")
			golden := base + p.Reference + ".golden.json"
			wrote = append(wrote, golden)
			t.Run(p.Reference, func(t *testing.T) { compare(t, p.Ad, now, golden) })
		}
		removeStale(t, base, wrote)
	})
}

// removeStale fails on (or with -update removes) the fixture's golden
// files that no decoded posting wrote.
func removeStale(t *testing.T, base string, wrote []string) {
	stale, err := filepath.Glob(base + "*.golden.json")
	require.NoError(t, err)
	for _, s := range stale {
		if slices.Contains(wrote, s) {
			continue
		}
		if *update {
			require.NoError(t, os.Remove(s))
			continue
		}
		t.Errorf("%s: no posting of the fixture has this reference (run with -update to remove it)", s)
	}
}

// compare validates a and checks it against the golden file, rewriting it
// with -update.
func compare(t *testing.T, a ad.Ad, now time.Time, golden string) {
	require.NoError(t, ad.Normalize(&a, now))
	got, err := json.MarshalIndent(a, "", "  ")
	require.NoError(t, err)
	if *update {
		require.NoError(t, os.WriteFile(golden, append(got, '\n'), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	require.JSONEq(t, string(want), string(got))
}
