package config_test

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestManifestSecurity: every pod runs as distroless's nonroot user, with
// a read-only root, no privilege escalation, no capabilities, the
// runtime's seccomp profile, and no service account token.
func TestManifestSecurity(t *testing.T) {
	r := render(t)
	for _, p := range r.pods() {
		s := p.template.Spec
		require.True(t, isTrue(s.SecurityContext.RunAsNonRoot), p.owner)
		require.Equal(t, 65532, deref(s.SecurityContext.RunAsUser), "%s: distroless's nonroot uid (deploy/Dockerfile)", p.owner)
		require.Equal(t, 65532, deref(s.SecurityContext.RunAsGroup), p.owner)
		require.Equal(t, "RuntimeDefault", s.SecurityContext.SeccompProfile.Type, p.owner)
		require.False(t, isTrue(s.AutomountServiceAccountToken) || s.AutomountServiceAccountToken == nil, "%s mounts an API token it never uses", p.owner)
		require.False(t, isTrue(s.EnableServiceLinks) || s.EnableServiceLinks == nil,
			"%s: the namespace's Services would add JOBGATE_*_PORT-like variables to jobgate's environment", p.owner)
		for _, c := range s.Containers {
			sc := c.SecurityContext
			require.False(t, isTrue(sc.AllowPrivilegeEscalation) || sc.AllowPrivilegeEscalation == nil, p.owner)
			require.True(t, isTrue(sc.ReadOnlyRootFilesystem), p.owner)
			require.True(t, isTrue(sc.RunAsNonRoot), p.owner)
			require.Equal(t, []string{"ALL"}, sc.Capabilities.Drop, p.owner)
		}
	}
	dockerfile, err := os.ReadFile("../../deploy/Dockerfile")
	require.NoError(t, err)
	require.Contains(t, string(dockerfile), "FROM gcr.io/distroless/static-debian12:nonroot", "the uid 65532 is that image's nonroot user")
	require.Contains(t, string(dockerfile), "USER nonroot:nonroot")
}

// TestManifestResources: every container requests CPU and memory (the
// HPA's utilisation is of the request) and is limited in memory, with the
// Go collector's soft limit under the hard one.
func TestManifestResources(t *testing.T) {
	r := render(t)
	for _, p := range r.pods() {
		for _, c := range p.template.Spec.Containers {
			req, lim := c.Resources.Requests, c.Resources.Limits
			require.Positive(t, millicores(t, req["cpu"]), p.owner)
			reqMem, limMem := bytesOf(t, req["memory"]), bytesOf(t, lim["memory"])
			require.Positive(t, reqMem, p.owner)
			require.GreaterOrEqual(t, limMem, reqMem, p.owner)
			if cpu, ok := lim["cpu"]; ok {
				require.GreaterOrEqual(t, millicores(t, cpu), millicores(t, req["cpu"]), p.owner)
			}
			for _, e := range c.Env {
				if e.Name == "GOMEMLIMIT" {
					soft := bytesOf(t, strings.TrimSuffix(e.Value, "B"))
					require.Less(t, soft, limMem, "%s: GOMEMLIMIT at or over the memory limit: the pod is killed before the collector works hard", p.owner)
					require.Greater(t, soft, limMem/2, p.owner)
				}
			}
		}
	}
}

func isTrue(b *bool) bool { return b != nil && *b }

func deref(i *int) int {
	if i == nil {
		return -1
	}
	return *i
}

// millicores parses a CPU quantity: "2", "0.5", "500m".
func millicores(t *testing.T, q string) int64 {
	t.Helper()
	if n, ok := strings.CutSuffix(q, "m"); ok {
		v, err := strconv.ParseInt(n, 10, 64)
		require.NoError(t, err, q)
		return v
	}
	v, err := strconv.ParseFloat(q, 64)
	require.NoError(t, err, "cpu quantity %q", q)
	return int64(v * 1000)
}

// bytesOf parses a memory quantity with a binary suffix ("256Mi"; "400MiB"
// less its B) or none.
func bytesOf(t *testing.T, q string) int64 {
	t.Helper()
	shift := 0
	for i, suffix := range []string{"Ki", "Mi", "Gi", "Ti"} {
		if n, ok := strings.CutSuffix(q, suffix); ok {
			q, shift = n, 10*(i+1)
			break
		}
	}
	v, err := strconv.ParseInt(q, 10, 64)
	require.NoError(t, err, "memory quantity %q", q)
	return v << shift
}
