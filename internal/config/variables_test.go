package config

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestVariables: the list holds what FromEnv reads, and a value set for
// any one of them reaches FromEnv (so no read hides behind another).
func TestVariables(t *testing.T) {
	vars := Variables()
	require.True(t, slices.IsSorted(vars))
	for _, name := range []string{"JOBGATE_ADDR", "DATABASE_URL", "REDIS_URL", "JOBGATE_MASTER_KEY",
		"JOBGATE_SHUTDOWN_TIMEOUT", "JOBGATE_METRICS_ADDR", "JOBGATE_SMTP_URL", "JOBGATE_PRIVACY_URL"} {
		require.Contains(t, vars, name)
	}
	require.NotContains(t, vars, "JOBGATE_TEST_DATABASE_URL", "tests' variables are not the binary's")
	require.NotContains(t, vars, "GOGC")
}

// TestSettingsTableListsEveryVariable: README's Settings table names every
// variable the binary reads, and nothing it does not read. A variable read
// only when another is set would be missing from Variables, and fail here.
func TestSettingsTableListsEveryVariable(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	documented := settingsTable(t, string(readme))
	require.ElementsMatch(t, Variables(), documented,
		"README's Settings table and config.FromEnv's reads differ: document each new setting with one row, or read it unconditionally")
}

// settingsTable returns the variable names in the first column of the
// table under README's "## Settings".
func settingsTable(t *testing.T, readme string) []string {
	t.Helper()
	_, section, ok := strings.Cut(readme, "\n## Settings\n")
	require.True(t, ok, "README has no ## Settings section")
	section, _, _ = strings.Cut(section, "\n#")
	name := regexp.MustCompile("`([A-Z][A-Z0-9_]+)`")
	var out []string
	for line := range strings.SplitSeq(section, "\n") {
		cells := strings.Split(line, "|")
		if !strings.HasPrefix(line, "| `") || len(cells) < 3 {
			continue
		}
		for _, m := range name.FindAllStringSubmatch(cells[1], -1) {
			out = append(out, m[1])
		}
	}
	require.NotEmpty(t, out)
	return out
}
