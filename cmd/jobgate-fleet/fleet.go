package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// replica is one jobgate serve process.
type replica struct {
	*proc
	role string
	addr string
}

// ready says whether the replica answers /readyz with 200.
func (r *replica) ready() bool { return answers200("http://" + r.addr + "/readyz") }

// up starts the replica and waits until it is ready.
func (r *replica) up(ctx context.Context) error {
	if err := r.start(); err != nil {
		return err
	}
	return waitFor(ctx, 90*time.Second, r.name+" ready", func() bool { return !r.exited() && r.ready() })
}

// fleet is everything the test runs: the services, the simulators and
// the replicas, and the environment they share.
type fleet struct {
	o        options
	dir      string
	bin, sim string
	env      []string
	pg       *postgres
	redis    *redisServer
	apis     []*replica
	workers  []*replica
	channels *proc
	ats      *proc
	chanURL  string
	atsURL   string
}

// shutdownDelay is JOBGATE_SHUTDOWN_DELAY for the api replicas: long
// enough for the clients' readiness poll (every 200 ms) to see the 503.
const shutdownDelay = 2 * time.Second

// freePort picks a free loopback port.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// build builds the jobgate and vendorsim binaries unless given.
func (f *fleet) build(ctx context.Context) error {
	for _, b := range []struct {
		path *string
		pkg  string
	}{{&f.bin, "./cmd/jobgate"}, {&f.sim, "./cmd/vendorsim"}} {
		if *b.path != "" {
			continue
		}
		out := filepath.Join(f.dir, filepath.Base(b.pkg))
		cmd := exec.CommandContext(ctx, "go", "build", "-o", out, b.pkg)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build %s (run from the repository root, or give --bin and --vendorsim): %w", b.pkg, err)
		}
		*b.path = out
	}
	return nil
}

// masterKey is a fresh JOBGATE_MASTER_KEY.
func masterKey() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

// cli runs a jobgate command against the fleet's database and Redis and
// answers its output's last line.
func (f *fleet) cli(ctx context.Context, args ...string) (string, error) {
	out, err := runCmd(ctx, "", f.env, append([]string{f.bin}, args...)...)
	if err != nil {
		return "", err
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return strings.TrimSpace(lines[len(lines)-1]), nil
}

// startSim starts a vendorsim server and waits for its control API.
func (f *fleet) startSim(ctx context.Context, name, addr, probePath string, args ...string) (*proc, string, error) {
	p := &proc{name: name, log: filepath.Join(f.dir, name+".log"), args: append([]string{f.sim}, append(args, "--addr", addr)...)}
	if err := p.start(); err != nil {
		return nil, "", err
	}
	base := "http://" + addr
	return p, base, waitFor(ctx, 20*time.Second, name+" serving", func() bool { return answers200(base + probePath) })
}

// newReplica makes (does not start) a replica of role on a free port.
func (f *fleet) newReplica(role string, n int) (*replica, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	name := fmt.Sprintf("%s-%d", role, n)
	env := append([]string{"JOBGATE_ADDR=" + addr}, f.env...)
	return &replica{role: role, addr: addr, proc: &proc{name: name, log: filepath.Join(f.dir, name+".log"),
		args: []string{f.bin, "serve", "--role", role}, env: env}}, nil
}

// startReplicas starts 2 api and 2 worker replicas.
func (f *fleet) startReplicas(ctx context.Context) error {
	for i := range 2 {
		for _, role := range []string{"api", "worker"} {
			r, err := f.newReplica(role, i+1)
			if err != nil {
				return err
			}
			if err := r.up(ctx); err != nil {
				return err
			}
			if role == "api" {
				f.apis = append(f.apis, r)
			} else {
				f.workers = append(f.workers, r)
			}
		}
	}
	return nil
}

// replicas lists every replica, api first.
func (f *fleet) replicas() []*replica { return append(append([]*replica{}, f.apis...), f.workers...) }

// stop ends everything the fleet started.
func (f *fleet) stop(ctx context.Context) {
	for _, r := range f.replicas() {
		_ = r.signal(syscall.SIGTERM, 30*time.Second)
	}
	for _, p := range []*proc{f.channels, f.ats} {
		if p != nil {
			_ = p.signal(syscall.SIGTERM, 10*time.Second)
		}
	}
	if f.redis != nil {
		_ = f.redis.signal(syscall.SIGTERM, 10*time.Second)
	}
	if f.pg != nil {
		f.pg.stop(ctx, f.o.Keep)
	}
	if !f.o.Keep {
		_ = os.RemoveAll(f.dir)
	} else {
		fmt.Println("kept:", f.dir, f.pg.dir)
	}
}
