package config_test

import (
	"encoding/base64"
	"maps"
	"net"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/config"
	"github.com/jobgate/jobgate/internal/secretbox"
)

// runtimeVariables are the variables the manifests may set that the Go
// runtime reads rather than the config package.
var runtimeVariables = []string{"GOMEMLIMIT"}

// environment is the environment a container's process gets: its
// ConfigMaps' and Secrets' keys (envFrom) and its env, by name; every
// reference must resolve to a rendered object.
func (r *rendered) environment(t *testing.T, owner string, c container) map[string]string {
	t.Helper()
	env := map[string]string{}
	for _, from := range c.EnvFrom {
		switch {
		case from.ConfigMapRef != nil:
			cm := r.configMap(t, owner, from.ConfigMapRef.Name)
			maps.Copy(env, cm.Data)
		case from.SecretRef != nil:
			s := r.secret(t, owner, from.SecretRef.Name)
			for k, v := range s.Data {
				plain, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(v, "\n", ""))
				require.NoError(t, err, "Secret %s key %s", s.Metadata.Name, k)
				env[k] = string(plain)
			}
		default:
			t.Fatalf("%s: envFrom with neither configMapRef nor secretRef", owner)
		}
	}
	for _, e := range c.Env {
		env[e.Name] = e.Value
	}
	return env
}

func (r *rendered) configMap(t *testing.T, owner, name string) configMap {
	t.Helper()
	for _, cm := range r.configMaps {
		if cm.Metadata.Name == name {
			return cm
		}
	}
	t.Fatalf("%s reads ConfigMap %s, which the overlay does not render", owner, name)
	return configMap{}
}

func (r *rendered) secret(t *testing.T, owner, name string) secret {
	t.Helper()
	for _, s := range r.secrets {
		if s.Metadata.Name == name {
			return s
		}
	}
	t.Fatalf("%s reads Secret %s, which the overlay does not render", owner, name)
	return secret{}
}

// TestManifestEnvIsSettings: every variable the manifests set, directly or
// as a key of a ConfigMap or Secret, is one jobgate reads (the config
// package's own list), the three secrets are there, and jobgate accepts
// the settings as they stand.
func TestManifestEnvIsSettings(t *testing.T) {
	r := render(t)
	known := append(config.Variables(), runtimeVariables...)
	for _, p := range r.pods() {
		for _, c := range p.template.Spec.Containers {
			env := r.environment(t, p.owner, c)
			for name := range env {
				require.True(t, slices.Contains(known, name), "%s sets %s, which jobgate does not read", p.owner, name)
			}
			for _, name := range []string{"DATABASE_URL", "REDIS_URL", "JOBGATE_MASTER_KEY"} {
				require.NotEmpty(t, env[name], "%s has no %s", p.owner, name)
			}
			_, err := config.FromEnv(func(k string) string { return env[k] })
			require.NoError(t, err, "%s: jobgate refuses the manifests' settings", p.owner)
		}
	}
	for _, cm := range r.configMaps {
		for k := range cm.Data {
			require.True(t, slices.Contains(known, k), "ConfigMap %s holds %s, which jobgate does not read", cm.Metadata.Name, k)
		}
	}
	for _, s := range r.secrets {
		for k := range s.Data {
			require.True(t, slices.Contains(known, k), "Secret %s holds %s, which jobgate does not read", s.Metadata.Name, k)
		}
	}
}

// TestExampleSecretIsAPlaceholder: the example's master key is one jobgate
// refuses, so the example cannot run with a key that is in the repository.
func TestExampleSecretIsAPlaceholder(t *testing.T) {
	r := render(t)
	require.Len(t, r.secrets, 1)
	key, err := base64.StdEncoding.DecodeString(r.secrets[0].Data["JOBGATE_MASTER_KEY"])
	require.NoError(t, err)
	require.Contains(t, string(key), "CHANGE-ME")
	_, err = secretbox.ParseKey(string(key))
	require.Error(t, err, "the example's master key would be accepted")
}

// settings is what jobgate reads from a container's environment.
func (r *rendered) settings(t *testing.T, owner string, c container) config.Config {
	t.Helper()
	env := r.environment(t, owner, c)
	cfg, err := config.FromEnv(func(k string) string { return env[k] })
	require.NoError(t, err, owner)
	return cfg
}

func portOf(t *testing.T, addr string) int {
	t.Helper()
	_, p, err := net.SplitHostPort(addr)
	require.NoError(t, err, addr)
	n, err := strconv.Atoi(p)
	require.NoError(t, err, addr)
	return n
}
