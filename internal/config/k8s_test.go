package config_test

import (
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The manifests' test: deploy/k8s/overlays/example is rendered with
// kustomize and every object decoded; each test checks one promise of the
// manifests against the binary (its settings, its ports, its image).

// pod is a pod template and the object that holds it.
type pod struct {
	owner    string
	template podTemplate
}

func (r *rendered) pods() []pod {
	var out []pod
	for _, d := range r.deployments {
		out = append(out, pod{"Deployment " + d.Metadata.Name, d.Spec.Template})
	}
	for _, j := range r.jobs {
		out = append(out, pod{"Job " + j.Metadata.Name, j.Spec.Template})
	}
	return out
}

func (r *rendered) deployment(t *testing.T, name string) deployment {
	t.Helper()
	for _, d := range r.deployments {
		if d.Metadata.Name == name {
			return d
		}
	}
	t.Fatalf("no Deployment %s", name)
	return deployment{}
}

// TestManifestObjects: the overlay renders the objects jobgate needs, all in
// one namespace held to the restricted Pod Security Standard.
func TestManifestObjects(t *testing.T) {
	r := render(t)
	names := func(n int, name func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = name(i)
		}
		return out
	}
	require.ElementsMatch(t, []string{"jobgate-api", "jobgate-worker"}, names(len(r.deployments), func(i int) string { return r.deployments[i].Metadata.Name }))
	require.ElementsMatch(t, []string{"jobgate-migrate"}, names(len(r.jobs), func(i int) string { return r.jobs[i].Metadata.Name }))
	require.ElementsMatch(t, []string{"jobgate-api", "jobgate-worker"}, names(len(r.services), func(i int) string { return r.services[i].Metadata.Name }))
	require.ElementsMatch(t, []string{"jobgate-api"}, names(len(r.hpas), func(i int) string { return r.hpas[i].Metadata.Name }))
	require.ElementsMatch(t, []string{"jobgate-api", "jobgate-worker"}, names(len(r.pdbs), func(i int) string { return r.pdbs[i].Metadata.Name }))
	require.Len(t, r.configMaps, 1)
	require.Len(t, r.secrets, 1)

	require.Len(t, r.namespaces, 1)
	ns := r.namespaces[0]
	require.Equal(t, "restricted", ns.Metadata.Labels["pod-security.kubernetes.io/enforce"])
	for _, m := range r.metas() {
		require.Equal(t, ns.Metadata.Name, m.Namespace, "%s is outside the namespace", m.Name)
	}
}

// metas are the namespaced objects' metadata.
func (r *rendered) metas() []meta {
	var out []meta
	for _, c := range r.configMaps {
		out = append(out, c.Metadata)
	}
	for _, s := range r.secrets {
		out = append(out, s.Metadata)
	}
	for _, s := range r.services {
		out = append(out, s.Metadata)
	}
	for _, d := range r.deployments {
		out = append(out, d.Metadata)
	}
	for _, j := range r.jobs {
		out = append(out, j.Metadata)
	}
	for _, h := range r.hpas {
		out = append(out, h.Metadata)
	}
	for _, p := range r.pdbs {
		out = append(out, p.Metadata)
	}
	return out
}

// TestManifestImage: every container runs the one image of one release,
// the binary at the path deploy/Dockerfile puts it.
func TestManifestImage(t *testing.T) {
	r := render(t)
	dockerfile, err := os.ReadFile("../../deploy/Dockerfile")
	require.NoError(t, err)
	require.Contains(t, string(dockerfile), "COPY --from=build /out/jobgate /jobgate")
	images := map[string]bool{}
	for _, p := range r.pods() {
		require.Len(t, p.template.Spec.Containers, 1, p.owner)
		c := p.template.Spec.Containers[0]
		images[c.Image] = true
		require.Equal(t, []string{"/jobgate"}, c.Command, p.owner)
	}
	require.Len(t, images, 1, "the api, the worker and the migration run different images: %v", images)
	image := slices.Collect(maps.Keys(images))[0]
	name, tag, ok := strings.Cut(image[strings.LastIndex(image, "/")+1:], ":")
	require.True(t, ok && tag != "" && tag != "latest", "image %q names no release", image)
	require.Equal(t, "jobgate", name)
	require.NotEqual(t, "jobgate", image, "the overlay must set the image (images:)")
}

// TestManifestCommands: the api and the worker serve their roles, the Job
// migrates.
func TestManifestCommands(t *testing.T) {
	r := render(t)
	require.Equal(t, []string{"serve", "--role", "api"}, r.deployment(t, "jobgate-api").Spec.Template.Spec.Containers[0].Args)
	require.Equal(t, []string{"serve", "--role", "worker"}, r.deployment(t, "jobgate-worker").Spec.Template.Spec.Containers[0].Args)
	require.Len(t, r.jobs, 1)
	j := r.jobs[0]
	require.Equal(t, []string{"migrate"}, j.Spec.Template.Spec.Containers[0].Args)
	require.Equal(t, "OnFailure", j.Spec.Template.Spec.RestartPolicy)
	require.Positive(t, j.Spec.BackoffLimit)
	require.Positive(t, j.Spec.ActiveDeadlineSeconds, "a migration that hangs (a lock never released) must end")
}
