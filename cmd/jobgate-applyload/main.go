// Command jobgate-applyload measures direct apply end to end: C concurrent
// candidates (closed loop: each submits its next application when the last
// was answered) post applications with a --cv-size PDF to a direct-apply
// job for --duration; jobgate, running whole in this process (embedded by
// default; Postgres and Redis when DATABASE_URL, REDIS_URL and
// JOBGATE_MASTER_KEY are set), stores each and delivers it to the signed
// apply webhook of the ATS simulator (cmd/vendorsim/sim), which runs in a
// child process of its own and checks every signature.
//
//	go run ./cmd/jobgate-applyload [--duration 30s] [--concurrency 16] [--cv-size 200KiB]
//
// It reports: applications accepted (202) per second during the load;
// delivered per second end to end (from the first submission to the last
// confirmed delivery); the time from submitting to the confirmed delivery
// (p50, p90, p99, max), measured per application from the client's send to
// the moment jobgate recorded the ATS's answer; and memory: the Go heap in
// use and the process's peak resident set (VmHWM), sampled every 100 ms.
// The load generator shares this process, so its (small) share is
// included. The targets on this machine: >= 200 applications/s
// accepted and delivered, p99 < 2 s, memory bounded.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"time"
)

type options struct {
	Duration    time.Duration
	Concurrency int
	CVSize      int
	Drain       time.Duration
	ATSChild    string
	ATSKey      string
	CPUProfile  string
}

func main() {
	var o options
	fs := flag.NewFlagSet("jobgate-applyload", flag.ExitOnError)
	fs.DurationVar(&o.Duration, "duration", 30*time.Second, "how long candidates submit")
	fs.IntVar(&o.Concurrency, "concurrency", 16, "concurrent candidates (closed loop)")
	fs.IntVar(&o.CVSize, "cv-size", 200<<10, "bytes of each CV (a PDF)")
	fs.DurationVar(&o.Drain, "drain", 60*time.Second, "how long to wait for the last deliveries after the load")
	fs.StringVar(&o.CPUProfile, "cpuprofile", "", "write a CPU profile of jobgate's process to this file")
	fs.StringVar(&o.ATSChild, "ats-child", "", "internal: serve the ATS simulator on this address")
	fs.StringVar(&o.ATSKey, "ats-key", "", "internal: the webhook's signing key")
	_ = fs.Parse(os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var err error
	if o.ATSChild != "" {
		err = serveATS(ctx, o)
	} else {
		err = profiled(o.CPUProfile, func() error { return run(ctx, o) })
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "jobgate-applyload:", err)
		os.Exit(1)
	}
}

// profiled runs fn, with a CPU profile written to path when it is set.
func profiled(path string, fn func() error) error {
	if path == "" {
		return fn()
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return err
	}
	defer pprof.StopCPUProfile()
	return fn()
}
