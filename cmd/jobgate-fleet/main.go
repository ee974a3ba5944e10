// Command jobgate-fleet is the fleet test of issue 18: it runs jobgate as a
// fleet of real processes (2 api and 2 worker replicas of the jobgate
// binary on one Postgres and one Redis, both started and owned by this
// tool so it may restart them), puts load on it through both api replicas
// (ads created, updated and withdrawn; applications with a PDF to a
// direct-apply job), and meanwhile breaks it: it SIGKILLs one api and one
// worker and starts them again, restarts Redis, flushes Redis, restarts
// Postgres, each at a random moment (--seed). Then it restarts every
// replica in turn with SIGTERM (a rolling restart), during which no client
// request may fail. At the end it checks a ledger of what the clients were
// told against what the board, the NAV and FINN simulators and the ATS
// simulator (cmd/vendorsim, child processes) hold:
//
//   - every ad whose push got a 2xx is on the board and at NAV and FINN
//     with its last revision (a marker in its title), and every withdrawn
//     ad is gone from all three;
//   - every application answered 202 reached the ATS exactly once (by its
//     Idempotency-Key, the application id), or is visibly dead with a
//     reason (its status URL says failed);
//   - no delivery is left pending and overdue beyond one reconcile
//     interval (and the reconciler's grace).
//
// It prints the counts and the worst latencies and exits 1 on any loss,
// duplicate, stuck delivery or failed request in the rolling phase.
//
//	go build -o /tmp/jobgate ./cmd/jobgate && go build -o /tmp/vendorsim ./cmd/vendorsim
//	go run ./cmd/jobgate-fleet [--ads 120] [--applications 80] [--duration 40s] [--seed 1]
//
// Postgres comes from /usr/lib/postgresql/<newest>/bin (--pg-bin), run as
// the postgres user when this runs as root; Redis is redis-server from
// PATH. Without --bin and --vendorsim it builds both binaries itself.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// options are the command's flags.
type options struct {
	Ads, Applications int
	Duration          time.Duration
	Seed              int64
	Clients           int
	Settle            time.Duration
	Bin, Vendorsim    string
	PGBin             string
	PGPort, RedisPort int
	Reconcile         time.Duration
	Keep              bool
}

func main() {
	o := options{}
	fs := flag.NewFlagSet("jobgate-fleet", flag.ExitOnError)
	fs.DurationVar(&o.Duration, "duration", 40*time.Second, "the chaos window: the load's pace and when the kills and restarts fall")
	fs.IntVar(&o.Ads, "ads", 120, "distinct ads pushed (each created, updated 0-3 times, some withdrawn)")
	fs.Int64Var(&o.Seed, "seed", 1, "seed of the chaos moments and the load's choices")
	fs.IntVar(&o.Applications, "applications", 80, "applications sent during the chaos window (the rolling restart adds more at the same pace)")
	fs.DurationVar(&o.Settle, "settle", 3*time.Minute, "how long the ledger may wait for everything to arrive")
	fs.IntVar(&o.Clients, "clients", 6, "concurrent clients")
	fs.StringVar(&o.Bin, "bin", "", "the jobgate binary (default: go build ./cmd/jobgate into a temp dir)")
	fs.StringVar(&o.Vendorsim, "vendorsim", "", "the vendorsim binary (default: go build ./cmd/vendorsim into a temp dir)")
	fs.StringVar(&o.PGBin, "pg-bin", "", "Postgres's bin directory (default: the newest /usr/lib/postgresql/*/bin)")
	fs.IntVar(&o.PGPort, "pg-port", 5441, "port of the Postgres cluster this starts")
	fs.IntVar(&o.RedisPort, "redis-port", 6386, "port of the redis-server this starts")
	fs.DurationVar(&o.Reconcile, "reconcile-interval", 2*time.Second, "JOBGATE_RECONCILE_INTERVAL of the fleet")
	fs.BoolVar(&o.Keep, "keep", false, "keep the temp dir (logs, data) at the end")
	_ = fs.Parse(os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ok, err := run(ctx, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "jobgate-fleet:", err)
		os.Exit(2)
	}
	if !ok {
		fmt.Println("FAIL")
		os.Exit(1)
	}
	fmt.Println("PASS")
}
