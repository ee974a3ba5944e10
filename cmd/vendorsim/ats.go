package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"sort"
	"strings"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
)

// atsOptions are the flags of the ats commands.
type atsOptions struct {
	addr, sim, vendor string
	keys              keyFlags
}

// keyFlags is a repeatable --key NAME=KEY.
type keyFlags map[string]string

func (k keyFlags) String() string { return fmt.Sprint(len(k)) + " keys" }

func (k keyFlags) Set(s string) error {
	name, key, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(name) == "" || key == "" {
		return errors.New("want NAME=KEY")
	}
	k[strings.TrimSpace(name)] = key
	return nil
}

// runATS runs `vendorsim ats <command>`: serve blocks until ctx ends and
// answers a zero Response (nothing to print); received and key call the
// control API of a running server and answer its reply.
func runATS(ctx context.Context, cmd string, args []string, stdout io.Writer) (sim.Response, error) {
	o := atsOptions{keys: keyFlags{}}
	fs := flag.NewFlagSet("vendorsim ats "+cmd, flag.ContinueOnError)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:9092", "serve: the address to listen on")
	fs.Var(o.keys, "key", "serve, key: NAME=KEY, the key the apply webhook NAME is signed with (the integration's API key); repeatable")
	fs.StringVar(&o.sim, "sim", "http://127.0.0.1:9092", "the ATS server's base URL")
	fs.StringVar(&o.vendor, "vendor", "", "received: only this intake's (webhook, teamtailor, lever, jobylon)")
	if err := fs.Parse(args); err != nil {
		return sim.Response{}, err
	}
	c := sim.ATSControl{Sim: o.sim}
	switch cmd {
	case "serve":
		return sim.Response{}, serveATS(ctx, o, stdout)
	case "received":
		return c.Received(ctx, o.vendor)
	case "key":
		return setKeys(ctx, c, o.keys)
	}
	return sim.Response{}, fmt.Errorf("unknown command %q", "ats "+cmd)
}

// setKeys sets each key through the control API; it answers the last
// reply, or the first that is not 2xx.
func setKeys(ctx context.Context, c sim.ATSControl, keys keyFlags) (sim.Response, error) {
	if len(keys) == 0 {
		return sim.Response{}, errors.New("--key NAME=KEY is required")
	}
	var r sim.Response
	for name, key := range keys {
		var err error
		if r, err = c.SetKey(ctx, name, key); err != nil || r.Status/100 != 2 {
			return r, err
		}
	}
	return r, nil
}

// serveATS serves sim.ATS with its control API on o.addr until ctx ends,
// printing where.
func serveATS(ctx context.Context, o atsOptions, stdout io.Writer) error {
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	ats := sim.NewATS()
	names := make([]string, 0, len(o.keys))
	for name, key := range o.keys {
		ats.SetKey(name, key)
		names = append(names, name)
	}
	sort.Strings(names)
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(stdout, "vendorsim ats serving on %s (control API under %s/_sim); apply webhooks at %s/webhook/{name}\n", base, base, base)
	allowHint(stdout, ln)
	for _, name := range names {
		fmt.Fprintf(stdout, "  %s: apply_url=%s/webhook/%s\n", name, base, name)
	}
	return serveUntil(ctx, ln, ats.WithControl(), ats.Close)
}
