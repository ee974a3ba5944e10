package config_test

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestManifestPortsAndProbes: each Deployment's container port http is
// JOBGATE_ADDR's port and metrics JOBGATE_METRICS_ADDR's; readiness asks
// /readyz and liveness /healthz on the http port, which both the api and
// the worker serve.
func TestManifestPortsAndProbes(t *testing.T) {
	r := render(t)
	for _, d := range r.deployments {
		owner := "Deployment " + d.Metadata.Name
		c := d.Spec.Template.Spec.Containers[0]
		cfg := r.settings(t, owner, c)
		ports := map[string]int{}
		for _, p := range c.Ports {
			ports[p.Name] = p.ContainerPort
		}
		require.Equal(t, portOf(t, cfg.Addr), ports["http"], "%s: port http is not JOBGATE_ADDR's", owner)
		if cfg.MetricsAddr != "" {
			require.Equal(t, portOf(t, cfg.MetricsAddr), ports["metrics"], "%s: port metrics is not JOBGATE_METRICS_ADDR's", owner)
		} else {
			require.NotContains(t, ports, "metrics", "%s: no JOBGATE_METRICS_ADDR, so /metrics is on http", owner)
		}
		checkProbe(t, owner+" readiness", c.ReadinessProbe, "/readyz")
		checkProbe(t, owner+" liveness", c.LivenessProbe, "/healthz")
		if c.StartupProbe != nil {
			checkProbe(t, owner+" startup", c.StartupProbe, "/healthz")
		}
		require.Equal(t, d.Spec.Template.Metadata.Annotations["prometheus.io/port"], strconv.Itoa(ports["metrics"]), owner)
	}
}

func checkProbe(t *testing.T, what string, p *probe, path string) {
	t.Helper()
	require.NotNil(t, p, "%s: no probe", what)
	require.NotNil(t, p.HTTPGet, what)
	require.Equal(t, path, p.HTTPGet.Path, what)
	require.Equal(t, "http", p.HTTPGet.Port, what)
	require.Positive(t, p.PeriodSeconds, what)
	require.Positive(t, p.TimeoutSeconds, what)
	require.LessOrEqual(t, p.TimeoutSeconds, p.PeriodSeconds, what)
	require.Positive(t, p.FailureThreshold, what)
}

// TestManifestShutdownGrace: the kubelet's SIGKILL comes after jobgate's
// own shutdown is over: the delay with /readyz failing, then the bound on
// in-flight requests and deliveries.
func TestManifestShutdownGrace(t *testing.T) {
	r := render(t)
	for _, d := range r.deployments {
		owner := "Deployment " + d.Metadata.Name
		cfg := r.settings(t, owner, d.Spec.Template.Spec.Containers[0])
		grace := d.Spec.Template.Spec.TerminationGracePeriodSeconds
		require.NotNil(t, grace, owner)
		require.Positive(t, cfg.ShutdownDelay, "%s: production settings delay the listener's close", owner)
		need := cfg.ShutdownDelay + cfg.ShutdownTimeout
		require.Greater(t, time.Duration(*grace)*time.Second, need,
			"%s: terminationGracePeriodSeconds %d is not over JOBGATE_SHUTDOWN_DELAY + JOBGATE_SHUTDOWN_TIMEOUT (%s)", owner, *grace, need)
	}
}

// TestManifestScaling: the HPA scales the api Deployment on CPU and owns its
// replica count; each PDB and Service selects the pods of exactly one
// Deployment, and each Service's ports are that Deployment's.
func TestManifestScaling(t *testing.T) {
	r := render(t)
	api := r.deployment(t, "jobgate-api")
	require.Len(t, r.hpas, 1)
	h := r.hpas[0].Spec
	require.Equal(t, [3]string{"apps/v1", "Deployment", "jobgate-api"}, [3]string{h.ScaleTargetRef.APIVersion, h.ScaleTargetRef.Kind, h.ScaleTargetRef.Name})
	require.GreaterOrEqual(t, h.MinReplicas, 2, "one api replica restarting would leave none")
	require.Greater(t, h.MaxReplicas, h.MinReplicas)
	require.Len(t, h.Metrics, 1)
	require.Equal(t, [3]string{"Resource", "cpu", "Utilization"}, [3]string{h.Metrics[0].Type, h.Metrics[0].Resource.Name, h.Metrics[0].Resource.Target.Type})
	require.Nil(t, api.Spec.Replicas, "the HPA owns the api's replicas: a replica count in the Deployment resets it at every apply")

	for _, d := range r.deployments {
		require.True(t, selects(d.Spec.Selector.MatchLabels, d.Spec.Template.Metadata.Labels), d.Metadata.Name)
	}
	for _, p := range r.pdbs {
		d := r.selected(t, "PodDisruptionBudget "+p.Metadata.Name, p.Spec.Selector.MatchLabels)
		require.Equal(t, p.Metadata.Name, d.Metadata.Name)
		require.True(t, p.Spec.MaxUnavailable != nil || p.Spec.MinAvailable != nil, p.Metadata.Name)
	}
	for _, s := range r.services {
		d := r.selected(t, "Service "+s.Metadata.Name, s.Spec.Selector)
		ports := map[string]bool{}
		for _, p := range d.Spec.Template.Spec.Containers[0].Ports {
			ports[p.Name] = true
		}
		for _, p := range s.Spec.Ports {
			require.True(t, ports[p.TargetPort], "Service %s targets port %q, which %s does not have", s.Metadata.Name, p.TargetPort, d.Metadata.Name)
		}
	}
}

// selected is the one Deployment whose pods selector picks; no other pod
// template (the other Deployment, the migration) may match it.
func (r *rendered) selected(t *testing.T, what string, selector map[string]string) deployment {
	t.Helper()
	require.NotEmpty(t, selector, what)
	var found []deployment
	for _, d := range r.deployments {
		if selects(selector, d.Spec.Template.Metadata.Labels) {
			found = append(found, d)
		}
	}
	for _, j := range r.jobs {
		require.False(t, selects(selector, j.Spec.Template.Metadata.Labels), "%s selects the migration's pods", what)
	}
	require.Len(t, found, 1, "%s selects %d Deployments' pods", what, len(found))
	return found[0]
}

func selects(selector, labels map[string]string) bool {
	for k, v := range selector {
		if labels[k] != v {
			return false
		}
	}
	return true
}

// TestManifestRenderInCI: .ci/run renders the manifests with the kustomize
// this test uses.
func TestManifestRenderInCI(t *testing.T) {
	run, err := os.ReadFile("../../.ci/run")
	require.NoError(t, err)
	require.True(t, strings.Contains(string(run), kustomize+" build deploy/k8s/overlays/example"),
		".ci/run does not render deploy/k8s/overlays/example with %s", kustomize)
}
