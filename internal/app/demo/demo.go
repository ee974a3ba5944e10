// Package demo runs `jobgate demo`: jobgate in embedded mode (SQLite and
// the in-process Redis, in a data directory of its own) and every vendor
// simulator of cmd/vendorsim/sim, in one process on loopback. It seeds an
// account with an integration of every vendor pointed at the simulators,
// pushes and polls sample ads, creates an operator and an account admin,
// and prints what to open and try (walk.go). It lives beside internal/app,
// which it drives, because it wires vendors in (their settings and
// simulators), as only internal/app may.
package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/config"
	"github.com/jobgate/jobgate/internal/queue"
)

// Options are the demo command's flags.
type Options struct {
	// Addr is jobgate's listen address; "" is a free loopback port.
	Addr string
	// SimAddr is the simulators' listen address; "" is a free loopback port.
	SimAddr string
	// DataDir keeps the demo's data (it must hold no jobgate data yet);
	// "" is a fresh temporary directory, removed when the demo ends.
	DataDir string
	// Out is where the walk-through is printed (nil: nowhere).
	Out io.Writer
	// Log is jobgate's logger (nil: none).
	Log *slog.Logger
}

// Run runs the demo until ctx ends (Ctrl-C), then stops jobgate and the
// simulators gracefully and removes a temporary data directory.
func Run(ctx context.Context, opt Options) (err error) {
	if opt.Out == nil {
		opt.Out = io.Discard
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	dir, removeDir, err := dataDir(opt.DataDir)
	if err != nil {
		return err
	}
	defer func() {
		if rmErr := removeDir(); err == nil {
			err = rmErr
		}
	}()
	sims, err := startSimulators(addrOr(opt.SimAddr))
	if err != nil {
		return err
	}
	defer func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if stopErr := sims.stop(stopCtx); err == nil {
			err = stopErr
		}
	}()
	ln, err := net.Listen("tcp", addrOr(opt.Addr))
	if err != nil {
		return fmt.Errorf("--addr: %w", err)
	}
	sec, err := newSecrets()
	if err != nil {
		ln.Close()
		return err
	}
	cfg, err := demoConfig(dir, baseURL(ln.Addr()), sims, sec)
	if err != nil {
		ln.Close()
		return err
	}
	return serve(ctx, opt, cfg, ln, sims, sec)
}

// serve opens jobgate, serves it on ln, seeds it once it is ready, prints
// the walk-through and serves until ctx ends.
func serve(ctx context.Context, opt Options, cfg config.Config, ln net.Listener, sims *simulators, sec secrets) error {
	env, err := app.Open(ctx, cfg, opt.Log)
	if err != nil {
		ln.Close()
		return err
	}
	defer env.Close()
	serveCtx, stopServing := context.WithCancel(ctx)
	defer stopServing()
	ready, done := make(chan struct{}), make(chan error, 1)
	go func() {
		done <- env.Serve(serveCtx, app.Options{Listener: ln, Ready: func(*queue.Conn) { close(ready) }})
	}()
	select {
	case <-ready:
	case err := <-done:
		return err
	}
	w, err := seed(ctx, env, sims, sec)
	if err != nil {
		stopServing()
		<-done
		return fmt.Errorf("seed the demo: %w", err)
	}
	w.Temporary = opt.DataDir == ""
	w.print(opt.Out)
	err = <-done
	fmt.Fprintln(opt.Out, "jobgate demo stopped")
	return err
}

// addrOr is addr, or a free loopback port when it is "".
func addrOr(addr string) string {
	if addr == "" {
		return "127.0.0.1:0"
	}
	return addr
}

// dataDir is the directory given, which must hold no jobgate data (the
// demo seeds a fresh one and must not mix its accounts into real ones), or
// a new temporary directory; remove removes a temporary one.
func dataDir(given string) (dir string, remove func() error, err error) {
	if given == "" {
		dir, err := os.MkdirTemp("", "jobgate-demo-")
		if err != nil {
			return "", nil, fmt.Errorf("create the demo's data directory: %w", err)
		}
		return dir, func() error { return os.RemoveAll(dir) }, nil
	}
	db := config.Config{DataDir: given}.SQLitePath()
	if _, err := os.Stat(db); err == nil {
		return "", nil, fmt.Errorf("--data-dir: %s already holds jobgate data; give the demo a new or empty directory", given)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", nil, fmt.Errorf("--data-dir: %w", err)
	}
	abs, err := filepath.Abs(given)
	if err != nil {
		return "", nil, fmt.Errorf("--data-dir: %w", err)
	}
	return abs, func() error { return nil }, nil
}
