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
	"strconv"
	"strings"
	"time"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
)

// feedOf is integration i's feed: the vendors in turn.
func feedOf(i int) (sim.Vendor, string) {
	switch i % 3 {
	case 0:
		return sim.VendorLever, fmt.Sprintf("site-%05d", i)
	case 1:
		return sim.VendorJobylon, fmt.Sprintf("hash%05d", i)
	default:
		return sim.VendorReachMee, sim.ReachMeeKey(strconv.Itoa(100+i%50), fmt.Sprintf("I%05d", i), fmt.Sprintf("cust%05d", i))
	}
}

// settingsOf points integration i at its feed on the simulator at base.
func settingsOf(i int, base string) (string, map[string]string) {
	v, key := feedOf(i)
	switch v {
	case sim.VendorLever:
		return "lever", map[string]string{"site": key, "base_url": base}
	case sim.VendorJobylon:
		return "jobylon", map[string]string{"feed_url": sim.JobylonJSONURL(base, key)}
	default:
		parts := strings.Split(key, ":")
		return "reachmee", map[string]string{"feed_url": sim.ReachMeeURL(base, parts[0], parts[1], parts[2], "NO")}
	}
}

// serveFeeds is the child: it fills the feeds, prints its address and
// serves until its parent closes stdin or it is interrupted.
func serveFeeds(ctx context.Context, o options) error {
	feeds := sim.NewFeeds()
	for i := range o.Integrations {
		v, key := feedOf(i)
		f, err := feeds.Feed(v, key)
		if err != nil {
			return err
		}
		f.Generate(o.Postings)
	}
	ln, err := net.Listen("tcp", o.FeedsChild)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: feeds, ReadHeaderTimeout: 10 * time.Second}
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

// feedsProcess is the running child.
type feedsProcess struct {
	cmd  *exec.Cmd
	stop func()
	URL  string
}

// startFeeds starts this binary as the feeds child and reads its address.
func startFeeds(o options) (*feedsProcess, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self, "--feeds-child", "127.0.0.1:0", "--integrations", strconv.Itoa(o.Integrations), "--postings", strconv.Itoa(o.Postings))
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
		return nil, fmt.Errorf("feeds child: %w", err)
	}
	p := &feedsProcess{cmd: cmd, URL: strings.TrimSpace(line)}
	p.stop = func() { stdin.Close(); _ = cmd.Wait() }
	return p, nil
}
