package config

import "slices"

// Variables returns the names of the environment variables FromEnv reads,
// sorted. The list is recorded from FromEnv itself reading an empty
// environment, so it is the reads and cannot drift from them; that holds
// because FromEnv reads every variable whatever the others hold (a setting
// that needs another is checked after both are read). The Kubernetes
// manifests' test checks every name they set against it, and
// TestSettingsTableListsEveryVariable checks the README's Settings table.
func Variables() []string {
	seen := map[string]bool{}
	_, _ = FromEnv(func(name string) string {
		seen[name] = true
		return ""
	})
	out := make([]string, 0, len(seen))
	for name := range seen {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}
