// Command jobgate-load measures how many ads a running jobgate accepts.
//
//	go run ./cmd/jobgate-load --url http://127.0.0.1:8080 --key $KEY [--duration 60s] [--concurrency 32]
//
// It runs three phases, one after the other so that they do not compete for
// the CPU:
//
//  1. load: --concurrency closed-loop clients (each sends its next request
//     when the previous one was answered) PUT /v1/ads/{prefix}-{i} with a
//     ~2 KB canonical ad for --duration, i cycling through --ads distinct
//     references. It prints requests, accepted (200 or 201) ads/s, statuses,
//     transport errors and the latency p50, p90, p99 and max.
//  2. drain: it polls /metrics every 100 ms (--drain-interval) and reports
//     the outbox backlog (jobgate_outbox_deliveries{state="pending"}) at the
//     end of the load and how long it took to reach 0, up to --drain-timeout.
//     Each poll makes jobgate count its outbox in the database (about 10 ms
//     at 80,000 rows in embedded mode), so the poll costs it a little CPU.
//  3. ceiling (--ceiling): the same load for --ceiling-duration against a
//     bare gin handler that reads the body and answers 202. That server runs
//     inside this load process, so it shares the machine's cores with the
//     load generator just as jobgate does; jobgate's figure is also given
//     as a fraction of it.
//
// A PUT of {prefix}-preflight before the load makes a wrong URL or key fail
// at once. It ends with a summary block to paste into a report (with
// --json, the same as JSON too): the command line with the key redacted,
// the figures, the fraction of the ceiling and the targets for this
// machine (embedded: >= 1,500 ads/s for 60 s, p99 < 100 ms, backlog drained
// within 10 s; Postgres + Redis: >= 3,000 ads/s, p99 < 50 ms), met or not.
// The tool does not know jobgate's mode: read the line that applies.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"time"
)

type options struct {
	URL             string
	Key             string
	Duration        time.Duration
	Concurrency     int
	Rate            float64
	Ads             uint64
	Ceiling         bool
	CeilingDuration time.Duration
	DrainTimeout    time.Duration
	DrainInterval   time.Duration
	RequestTimeout  time.Duration
	Prefix          string
	JSON            bool
	Command         string
}

func main() {
	opts, err := parseFlags(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "jobgate-load:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := run(ctx, opts, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "jobgate-load:", err)
		os.Exit(1)
	}
	rep.print(os.Stdout, opts.JSON)
}

func parseFlags(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("jobgate-load", flag.ContinueOnError)
	fs.StringVar(&o.URL, "url", "http://127.0.0.1:8080", "jobgate base URL")
	fs.StringVar(&o.Key, "key", "", "API key of a generic integration (default $JOBGATE_LOAD_KEY)")
	fs.DurationVar(&o.Duration, "duration", 60*time.Second, "how long to load jobgate")
	fs.IntVar(&o.Concurrency, "concurrency", 32, "concurrent clients")
	fs.Float64Var(&o.Rate, "rate", 0, "open-loop: send this many PUTs a second whatever the answers' pace, latency counted from when each was due (0: closed-loop, each client sends when answered)")
	fs.Uint64Var(&o.Ads, "ads", 1_000_000, "distinct references to cycle through (every PUT is a new ad unless fewer)")
	fs.BoolVar(&o.Ceiling, "ceiling", true, "also measure a bare gin handler (in this process) as the machine's ceiling")
	fs.DurationVar(&o.CeilingDuration, "ceiling-duration", 10*time.Second, "how long to load the bare gin handler")
	fs.DurationVar(&o.DrainTimeout, "drain-timeout", 120*time.Second, "how long to wait for the outbox backlog to drain")
	fs.DurationVar(&o.DrainInterval, "drain-interval", 100*time.Millisecond, "how often to read /metrics while draining (each read counts the outbox in the database)")
	fs.DurationVar(&o.RequestTimeout, "request-timeout", 30*time.Second, "timeout of one request")
	fs.StringVar(&o.Prefix, "prefix", "", "reference prefix (default a random run id)")
	fs.BoolVar(&o.JSON, "json", false, "also print the summary as JSON")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.Key == "" {
		o.Key = os.Getenv("JOBGATE_LOAD_KEY")
	}
	o.URL = strings.TrimRight(o.URL, "/")
	o.Command = commandLine(args)
	if o.Prefix == "" {
		b := make([]byte, 4)
		_, _ = rand.Read(b)
		o.Prefix = "load-" + hex.EncodeToString(b)
	}
	switch {
	case fs.NArg() > 0:
		return o, fmt.Errorf("unexpected arguments %q", fs.Args())
	case o.Key == "":
		return o, errors.New("--key (or $JOBGATE_LOAD_KEY) is required")
	case o.Concurrency < 1 || o.Ads < 1 || o.Duration <= 0 || o.DrainInterval <= 0:
		return o, errors.New("--concurrency, --ads, --duration and --drain-interval must be positive")
	case o.Ceiling && o.CeilingDuration <= 0:
		return o, errors.New("--ceiling-duration must be positive")
	case !validPrefix(o.Prefix):
		return o, errors.New("--prefix may hold only letters, digits, '-', '_' and '.'")
	}
	return o, nil
}

// run runs the phases; progress goes to log.
func run(ctx context.Context, o options, log io.Writer) (*report, error) {
	rep := newReport(o)
	client := newClient(o.Concurrency, o.RequestTimeout)
	scraper := &http.Client{Timeout: 10 * time.Second}

	if counts, err := scrapeOutbox(ctx, scraper, o.URL); err != nil {
		fmt.Fprintf(log, "warning: cannot read the outbox backlog, the drain will not be measured: %v\n", err)
	} else {
		rep.PendingBefore = counts["pending"]
	}
	if err := preflight(ctx, client, o); err != nil {
		return nil, err
	}

	fmt.Fprintf(log, "load: %d clients PUT %s/v1/ads/%s-N for %s ...\n", o.Concurrency, o.URL, o.Prefix, o.Duration)
	load := runLoad(ctx, loadConfig{Rate: o.Rate, BaseURL: o.URL, Key: o.Key, Prefix: o.Prefix, Ads: o.Ads,
		Concurrency: o.Concurrency, Duration: o.Duration, Client: client, Accepted: jobgateAccepted})
	rep.Load = summarize(load)
	fmt.Fprintf(log, "load: %s\n", rep.Load.line("accepted ads/s"))

	fmt.Fprintf(log, "drain: polling %s/metrics every %s (up to %s) ...\n", o.URL, o.DrainInterval, o.DrainTimeout)
	rep.Drain = measureDrain(ctx, scraper, o.URL, load.End, o.DrainInterval, o.DrainTimeout)
	fmt.Fprintf(log, "drain: %s\n", rep.drainLine())

	if o.Ceiling && ctx.Err() == nil {
		url, stopServer, err := startCeiling()
		if err != nil {
			return nil, fmt.Errorf("ceiling server: %w", err)
		}
		fmt.Fprintf(log, "ceiling: %d clients PUT to bare gin at %s (in this process) for %s ...\n", o.Concurrency, url, o.CeilingDuration)
		ceil := runLoad(ctx, loadConfig{BaseURL: url, Key: o.Key, Prefix: o.Prefix, Ads: o.Ads,
			Concurrency: o.Concurrency, Duration: o.CeilingDuration, Client: newClient(o.Concurrency, o.RequestTimeout), Accepted: ceilingAccepted})
		stopServer()
		s := summarize(ceil)
		rep.Ceiling = &s
		fmt.Fprintf(log, "ceiling: %s\n", s.line("req/s"))
	}
	return rep, nil
}

// preflight PUTs one ad so that a wrong key or URL fails at once, clearly.
func preflight(ctx context.Context, client *http.Client, o options) error {
	ref := o.Prefix + "-preflight"
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, o.URL+"/v1/ads/"+ref, strings.NewReader(string(appendBody(nil, 0))))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+o.Key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("preflight PUT %s: %w", ref, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 2048))
	if !jobgateAccepted(resp.StatusCode) {
		return fmt.Errorf("preflight PUT %s: %s: %s", ref, resp.Status, strings.TrimSpace(string(body)))
	}
	return nil
}

// commandLine renders the invocation with the API key redacted.
func commandLine(args []string) string {
	parts := []string{"go", "run", "./cmd/jobgate-load"}
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		isKey := name == "key" && strings.HasPrefix(a, "-")
		switch {
		case isKey && hasValue:
			parts = append(parts, a[:strings.Index(a, "=")+1]+keyPlaceholder)
		case isKey && i+1 < len(args):
			parts = append(parts, a, keyPlaceholder)
			i++
		default:
			parts = append(parts, shellQuote(a))
		}
	}
	return strings.Join(parts, " ")
}

// keyPlaceholder stands for the API key in the printed command line.
const keyPlaceholder = `"$JOBGATE_LOAD_KEY"`

func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,:/=@%+") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
