package sim

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
)

// ServeChild serves h on addr as a child process of a load tool: it
// prints its URL on stdout's first line, then serves until the parent
// closes its stdin (or dies) or ctx ends. Load tools run the simulated
// vendors so, in a process of their own, so that the CPU they report is
// jobgate's alone.
func ServeChild(ctx context.Context, addr string, h http.Handler) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
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

// Child is a running ServeChild process.
type Child struct {
	// URL is where it serves.
	URL  string
	stop func()
}

// Stop ends the child and waits for it.
func (c *Child) Stop() { c.stop() }

// StartChild runs this executable with args (which must make it call
// ServeChild) and reads the URL it serves on.
func StartChild(args ...string) (*Child, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self, args...)
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
		return nil, fmt.Errorf("child %v: %w", args, err)
	}
	return &Child{URL: strings.TrimSpace(line), stop: func() { stdin.Close(); _ = cmd.Wait() }}, nil
}
