package config_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"
)

// kustomize is the kustomize CLI the manifests are rendered with, the one
// .ci/run's render step names: run with `go run`, so neither the test nor
// the binary puts kustomize in go.mod. v5.8.2 is the newest that builds on
// Go 1.26 (v5.8.3 wants 1.27).
const kustomize = "sigs.k8s.io/kustomize/kustomize/v5@v5.8.2"

// overlay is the overlay the test renders, from this package's directory.
const overlay = "../../deploy/k8s/overlays/example"

// rendered holds the example overlay's objects, decoded by kind.
type rendered struct {
	namespaces  []namespace
	configMaps  []configMap
	secrets     []secret
	services    []service
	deployments []deployment
	jobs        []job
	hpas        []hpa
	pdbs        []pdb
}

var renderOnce = sync.OnceValues(func() (*rendered, error) {
	out, err := kustomizeBuild(overlay)
	if err != nil {
		return nil, err
	}
	return decodeAll(out)
})

// render returns the example overlay's objects, rendered once per run.
func render(t *testing.T) *rendered {
	t.Helper()
	r, err := renderOnce()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// kustomizeBuild runs `kustomize build dir`. It needs the go command and
// the module (the proxy, or the module cache .ci/run's render step filled);
// without them the test fails, naming what is missing: it never skips.
func kustomizeBuild(dir string) ([]byte, error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return nil, fmt.Errorf("the manifests are rendered with `go run %s`: %w", kustomize, err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(goBin, "run", kustomize, "build", abs)
	// Outside the module, so that its go.mod (and any GOFLAGS=-mod=...) has no say.
	cmd.Dir = os.TempDir()
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go run %s build %s: %w\n%s", kustomize, dir, err, stderr.String())
	}
	return stdout.Bytes(), nil
}

// decodeAll decodes every document of the stream into its kind's type,
// strictly, and refuses a kind the test does not know.
func decodeAll(stream []byte) (*rendered, error) {
	r := &rendered{}
	dec := yaml.NewDecoder(bytes.NewReader(stream))
	for {
		var node yaml.Node
		err := dec.Decode(&node)
		if errors.Is(err, io.EOF) {
			return r, nil
		}
		if err != nil {
			return nil, fmt.Errorf("decode the rendered manifests: %w", err)
		}
		if err := r.add(&node); err != nil {
			return nil, err
		}
	}
}

func (r *rendered) add(node *yaml.Node) error {
	var h header
	if err := node.Decode(&h); err != nil {
		return err
	}
	raw, err := yaml.Marshal(node)
	if err != nil {
		return err
	}
	switch h.APIVersion + " " + h.Kind {
	case "v1 Namespace":
		return appendStrict(h, raw, &r.namespaces)
	case "v1 ConfigMap":
		return appendStrict(h, raw, &r.configMaps)
	case "v1 Secret":
		return appendStrict(h, raw, &r.secrets)
	case "v1 Service":
		return appendStrict(h, raw, &r.services)
	case "apps/v1 Deployment":
		return appendStrict(h, raw, &r.deployments)
	case "batch/v1 Job":
		return appendStrict(h, raw, &r.jobs)
	case "autoscaling/v2 HorizontalPodAutoscaler":
		return appendStrict(h, raw, &r.hpas)
	case "policy/v1 PodDisruptionBudget":
		return appendStrict(h, raw, &r.pdbs)
	}
	return fmt.Errorf("%s %s %q: a kind the manifest test does not check; add it to k8s_types_test.go", h.APIVersion, h.Kind, h.Metadata.Name)
}

// appendStrict decodes raw into a new T, refusing fields T does not have.
func appendStrict[T any](h header, raw []byte, to *[]T) error {
	var v T
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("%s %s: %w", h.Kind, h.Metadata.Name, err)
	}
	*to = append(*to, v)
	return nil
}
