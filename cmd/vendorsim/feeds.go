package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"time"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
)

// feedOptions are the flags of the feeds commands.
type feedOptions struct {
	addr, sim, vendor, feed, id, file, kind string
	n, times, demo                          int
	fraction                                float64
	delay                                   time.Duration
}

// runFeeds runs `vendorsim feeds <command>`: serve blocks until ctx ends
// and answers a zero Response (nothing to print); the others call the
// control API of a running server and answer its reply.
func runFeeds(ctx context.Context, cmd string, args []string, stdout io.Writer) (sim.Response, error) {
	var o feedOptions
	fs := flag.NewFlagSet("vendorsim feeds "+cmd, flag.ContinueOnError)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:9090", "serve: the address to listen on")
	fs.IntVar(&o.demo, "demo", 0, "serve: create the feeds the printed example URLs name, with this many postings each")
	fs.StringVar(&o.sim, "sim", "http://127.0.0.1:9090", "the feeds server's base URL")
	fs.StringVar(&o.vendor, "vendor", "", "lever, lever-eu, jobylon, reachmee or workbuster")
	fs.StringVar(&o.feed, "feed", "", "the Lever site, the Jobylon hash, ReachMee's {siteId}:{InstallationID}:{CustomerName}, or the Workbuster customer")
	fs.IntVar(&o.n, "n", 40, "generate: how many postings")
	fs.StringVar(&o.file, "file", "", "put: the posting, as sim.Posting JSON")
	fs.StringVar(&o.id, "id", "", "put, remove: the posting's id (put: overrides the file's)")
	fs.Float64Var(&o.fraction, "fraction", 0.1, "change: the fraction of postings to edit")
	fs.StringVar(&o.kind, "kind", "", "fault: 5xx, timeout, slow, truncated, malformed, empty, 429, html, wrong-content-type, huge, xml-entities, xml-external-entity")
	fs.IntVar(&o.times, "times", 0, "fault: for this many requests (0: until cleared)")
	fs.DurationVar(&o.delay, "delay", 0, "fault slow: the delay")
	if err := fs.Parse(args); err != nil {
		return sim.Response{}, err
	}
	if cmd == "serve" {
		return sim.Response{}, serveFeeds(ctx, o, stdout)
	}
	if cmd == "list" {
		return sim.FeedsControl{Sim: o.sim}.List(ctx)
	}
	if o.vendor == "" || o.feed == "" {
		return sim.Response{}, errors.New("--vendor and --feed are required")
	}
	return o.control(ctx, cmd)
}

func (o feedOptions) control(ctx context.Context, cmd string) (sim.Response, error) {
	c, v := sim.FeedsControl{Sim: o.sim}, sim.Vendor(o.vendor)
	switch cmd {
	case "stats":
		return c.Stats(ctx, v, o.feed)
	case "generate":
		return c.Generate(ctx, v, o.feed, o.n)
	case "put":
		p, err := readPosting(o.file)
		if err != nil {
			return sim.Response{}, err
		}
		if o.id != "" {
			p.ID = o.id
		}
		return c.Put(ctx, v, o.feed, p)
	case "remove":
		return c.Remove(ctx, v, o.feed, o.id)
	case "change":
		return c.Change(ctx, v, o.feed, o.fraction)
	case "fault":
		return c.Fault(ctx, v, o.feed, sim.FeedFault(o.kind), o.times, o.delay)
	case "clear":
		return c.ClearFault(ctx, v, o.feed)
	case "delete":
		return c.Delete(ctx, v, o.feed)
	}
	return sim.Response{}, fmt.Errorf("unknown command %q", "feeds "+cmd)
}

func readPosting(path string) (sim.Posting, error) {
	var p sim.Posting
	b, err := os.ReadFile(path)
	if err != nil {
		return p, err
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return p, fmt.Errorf("%s: %w", path, err)
	}
	if p.ID == "" {
		return p, fmt.Errorf("%s: the posting has no id (or pass --id)", path)
	}
	return p, nil
}

// serveFeeds serves sim.Feeds on o.addr until ctx ends, printing where.
func serveFeeds(ctx context.Context, o feedOptions, stdout io.Writer) error {
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	feeds := sim.NewFeeds()
	base := "http://" + ln.Addr().String()
	examples := []*sim.Feed{feeds.Lever("acme"), feeds.LeverEU("acme-eu"), feeds.Jobylon("hash123"), feeds.ReachMee("12", "I003", "acme"), feeds.Workbuster("acme")}
	fmt.Fprintf(stdout, "vendorsim feeds serving on %s (control API under %s/_sim/)\n", base, base)
	allowHint(stdout, ln)
	for _, f := range examples {
		if o.demo > 0 {
			f.Generate(o.demo)
		}
		fmt.Fprintf(stdout, "  %-9s %s\n", f.Vendor(), f.URL(base))
	}
	fmt.Fprintf(stdout, "  %-9s %s\n", "jobylon", sim.JobylonJSONURL(base, "hash123"))
	return serveUntil(ctx, ln, feeds, feeds.Close)
}
