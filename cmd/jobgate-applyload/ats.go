package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
)

// webhookName is the simulator's webhook the applications go to.
const webhookName = "load"

// serveATS is the child: the ATS simulator, light (no bodies kept), until
// its parent closes stdin or it is interrupted.
func serveATS(ctx context.Context, o options) error {
	ats := sim.NewATS()
	ats.SetLight(true)
	ats.SetKey(webhookName, o.ATSKey)
	ln, err := net.Listen("tcp", o.ATSChild)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: ats, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		_, _ = bufio.NewReader(os.Stdin).ReadString('\n') // the parent went away
		srv.Close()
	}()
	go func() { <-ctx.Done(); srv.Close() }()
	fmt.Println("http://" + ln.Addr().String())
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// atsProcess is the running child.
type atsProcess struct {
	stop func()
	URL  string
}

// startATS starts this binary as the ATS child on addr with key.
func startATS(addr, key string) (*atsProcess, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self, "--ats-child", addr, "--ats-key", key)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		_ = cmd.Process.Kill()
		return nil, fmt.Errorf("ATS child: %w", err)
	}
	return &atsProcess{URL: strings.TrimSpace(line), stop: func() { stdin.Close(); _ = cmd.Wait() }}, nil
}

// freeAddr picks a free loopback address for the child.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}
