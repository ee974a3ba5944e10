// Command jobgate-pollload measures feed polling: N polled integrations
// (Lever, Jobylon, ReachMee and Workbuster in turn) with P postings each, served by the
// simulated vendors of cmd/vendorsim in a child process of its own (so the
// CPU figures are jobgate's alone), against a whole jobgate running in this
// process: embedded by default, Postgres and Redis when DATABASE_URL,
// REDIS_URL and JOBGATE_MASTER_KEY are set.
//
//	go run ./cmd/jobgate-pollload [--integrations 2000] [--postings 50] [--interval 5m] [--change 0.1] [--concurrency 40]
//
// Phases, one after the other:
//
//  1. first: the scheduler polls every integration for the first time
//     (every posting is new: P ads created per poll). It reports the time
//     until all have polled, and polls/s.
//  2. round: the integrations come due again one --interval later, spread
//     by the jitter, and the scheduler polls them as in production (the
//     feeds are unchanged). It reports how late the polls ran after they
//     fell due (the interval is met when every integration was polled
//     within its interval), and jobgate's CPU use over the round.
//  3. unchanged and changed: --concurrency goroutines poll every
//     integration back to back (as a worker does), first with the feeds
//     unchanged, then after --change of every feed's postings changed. Each
//     reports polls/s, CPU seconds per poll, and store writes per poll,
//     counted at the store interface: ad writes (upserts and withdrawals
//     that changed an ad), poll-state writes (the lease and the outcome),
//     and delivery outcomes (the board publishing the changed ads).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"
)

type options struct {
	Integrations int
	Postings     int
	Interval     time.Duration
	Change       float64
	Concurrency  int
	FeedsChild   string
}

func main() {
	var o options
	fs := flag.NewFlagSet("jobgate-pollload", flag.ExitOnError)
	fs.IntVar(&o.Integrations, "integrations", 2000, "polled integrations")
	fs.IntVar(&o.Postings, "postings", 50, "postings per feed")
	fs.DurationVar(&o.Interval, "interval", 5*time.Minute, "poll interval (JOBGATE_POLL_INTERVAL) for phase 2")
	fs.Float64Var(&o.Change, "change", 0.1, "fraction of every feed's postings changed in phase 3")
	fs.IntVar(&o.Concurrency, "concurrency", 40, "concurrent polls in phase 3 (a worker's default: 2 loops x 20)")
	fs.StringVar(&o.FeedsChild, "feeds-child", "", "internal: serve the simulated feeds on this address")
	_ = fs.Parse(os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var err error
	if o.FeedsChild != "" {
		err = serveFeeds(ctx, o)
	} else {
		err = run(ctx, o)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "jobgate-pollload:", err)
		os.Exit(1)
	}
}
