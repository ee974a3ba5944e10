package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
)

// channelOptions are the flags of the channels commands.
type channelOptions struct {
	addr, sim, channel, kind, reference, reason string
	navToken, finnPartner, finnPath             string
	finnUser, finnPassword                      string
	navProvider                                 int64
	times, after, serveAfter                    int
	delay, retryAfter, down, filingDelay        time.Duration
	require80                                   bool
	set                                         map[string]bool
}

// runChannels runs `vendorsim channels <command>`: serve blocks until ctx
// ends and answers a zero Response (nothing to print); the others call the
// control API of a running server and answer its reply.
func runChannels(ctx context.Context, cmd string, args []string, stdout io.Writer) (sim.Response, error) {
	var o channelOptions
	fs := flag.NewFlagSet("vendorsim channels "+cmd, flag.ContinueOnError)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:9091", "serve: the address to listen on")
	fs.Int64Var(&o.navProvider, "nav-provider", sim.DefaultNAVProviderID, "serve: NAV's provider id")
	fs.StringVar(&o.navToken, "nav-token", sim.DefaultNAVToken, "serve: the Bearer token NAV accepts")
	fs.DurationVar(&o.filingDelay, "filing-delay", sim.DefaultNAVFilingDelay, "serve: how long NAV takes to file an upload or a stop (404 on stop and status until then; 0: at once)")
	fs.IntVar(&o.serveAfter, "moderate-after", 1, "serve: NAV decides an ad after this many status requests (< 0: only by `channels moderate`)")
	fs.StringVar(&o.finnPartner, "finn-partner", sim.DefaultFINNPartnerID, "serve: FINN's partner id (HEAD/PARTNER)")
	fs.StringVar(&o.finnPath, "finn-path", sim.DefaultFINNPath, "serve: the FINN import's path")
	fs.StringVar(&o.finnUser, "finn-user", "", "serve: require HTTP Basic with this user (and --finn-password) at FINN")
	fs.StringVar(&o.finnPassword, "finn-password", "", "serve: FINN's Basic password")
	fs.BoolVar(&o.require80, "finn-require80", false, "serve: FINN refuses job documents of the 7.1 DTD")
	fs.StringVar(&o.sim, "sim", "http://127.0.0.1:9091", "the channels server's base URL")
	fs.StringVar(&o.channel, "channel", "", "nav or finn")
	fs.StringVar(&o.kind, "kind", "", "fault: 5xx, timeout, 401, 429, slow")
	fs.IntVar(&o.times, "times", 0, "fault: for this many requests (0: until cleared)")
	fs.DurationVar(&o.delay, "delay", 0, "fault slow: the delay")
	fs.DurationVar(&o.retryAfter, "retry-after", 0, "fault 429: the Retry-After")
	fs.DurationVar(&o.down, "for", 0, "down: how long (0: until `channels up`)")
	fs.StringVar(&o.reference, "reference", "", "reject, unknown: NAV's ad reference; moderate: references, comma-separated (none: every waiting ad)")
	fs.StringVar(&o.reason, "reason", "", "reject: NAV's reason, e.g. DUPLICATE (default UNKNOWN)")
	fs.IntVar(&o.after, "after", 0, "moderate: instead, let NAV decide by itself after this many status requests (< 0: never)")
	if err := fs.Parse(args); err != nil {
		return sim.Response{}, err
	}
	o.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { o.set[f.Name] = true })
	if cmd == "serve" {
		return sim.Response{}, serveChannels(ctx, o, stdout)
	}
	return o.control(ctx, cmd)
}

func (o channelOptions) control(ctx context.Context, cmd string) (sim.Response, error) {
	c := sim.ChannelsControl{Sim: o.sim}
	switch cmd {
	case "stats":
		return c.Stats(ctx, o.channel)
	case "reject":
		if o.reference == "" {
			return sim.Response{}, errors.New("--reference is required")
		}
		return c.Reject(ctx, o.reference, o.reason)
	case "unknown":
		if o.reference == "" {
			return sim.Response{}, errors.New("--reference is required")
		}
		return c.Unknown(ctx, o.reference)
	case "moderate":
		if o.set["after"] {
			return c.ModerateAfter(ctx, o.after)
		}
		return c.Moderate(ctx, splitRefs(o.reference)...)
	}
	if o.channel == "" {
		return sim.Response{}, errors.New("--channel is required (nav or finn)")
	}
	switch cmd {
	case "ads":
		return c.Ads(ctx, o.channel)
	case "fault":
		kind, err := sim.ParseChannelFault(o.kind)
		if err != nil {
			return sim.Response{}, err
		}
		return c.Fault(ctx, o.channel, kind, o.times, o.delay, o.retryAfter)
	case "clear":
		return c.ClearFault(ctx, o.channel)
	case "down":
		return c.Down(ctx, o.channel, o.down)
	case "up":
		return c.Up(ctx, o.channel)
	case "reset-stats":
		return c.ResetStats(ctx, o.channel)
	}
	return sim.Response{}, fmt.Errorf("unknown command %q", "channels "+cmd)
}

func splitRefs(s string) []string {
	var out []string
	for _, r := range strings.Split(s, ",") {
		if r = strings.TrimSpace(r); r != "" {
			out = append(out, r)
		}
	}
	return out
}

// serveChannels serves sim.Channels on o.addr until ctx ends, printing
// where and what to set for jobgate.
func serveChannels(ctx context.Context, o channelOptions, stdout io.Writer) error {
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	filing := o.filingDelay
	if filing <= 0 {
		filing = sim.NAVFilesAtOnce
	}
	ch := sim.NewChannels(sim.NAVConfig{ProviderID: o.navProvider, Token: o.navToken, FilingDelay: filing},
		sim.FINNConfig{PartnerID: o.finnPartner, Path: o.finnPath, Username: o.finnUser, Password: o.finnPassword, Require80: o.require80})
	ch.NAV.ModerateAfter(o.serveAfter)
	base := "http://" + ln.Addr().String()
	fmt.Fprintf(stdout, "vendorsim channels serving on %s (control API under %s/_sim/nav and %s/_sim/finn); set:\n", base, base, base)
	allowHint(stdout, ln)
	for _, kv := range [][2]string{
		{"JOBGATE_NAV_URL", ch.NAV.URL(base)},
		{"JOBGATE_NAV_PROVIDER_ID", fmt.Sprint(ch.NAV.ProviderID())},
		{"JOBGATE_NAV_TOKEN", ch.NAV.Token()},
		{"JOBGATE_FINN_URL", ch.FINN.URL(base)},
		{"JOBGATE_FINN_PARTNER_ID", ch.FINN.PartnerID()},
	} {
		fmt.Fprintf(stdout, "  %s=%s\n", kv[0], kv[1])
	}
	return serveUntil(ctx, ln, ch, ch.Close)
}
