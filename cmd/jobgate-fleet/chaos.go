package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"
)

// event is one thing the chaos or the rolling restart did.
type event struct {
	what string
	// at is when it began, from the start of the load; took how long until
	// what it broke was back (the replica or the server ready again).
	at, took time.Duration
	err      error
}

// step is one planned chaos step.
type step struct {
	what string
	at   time.Duration
	do   func(context.Context) error
}

// plan picks, with rng, the moment of each chaos step within the window:
// each falls in its own stretch of it, in random order within.
func (f *fleet) plan(rng *rand.Rand) []step {
	d := f.o.Duration
	within := func(from, to float64) time.Duration {
		return time.Duration((from + rng.Float64()*(to-from)) * float64(d))
	}
	api, worker := f.apis[rng.IntN(len(f.apis))], f.workers[rng.IntN(len(f.workers))]
	steps := []step{
		{"SIGKILL " + api.name + " and start it again", within(0.05, 0.35), func(ctx context.Context) error { return kill(ctx, api) }},
		{"SIGKILL " + worker.name + " and start it again", within(0.05, 0.35), func(ctx context.Context) error { return kill(ctx, worker) }},
		{"restart Redis", within(0.25, 0.5), f.redis.restart},
		{"FLUSHALL Redis", within(0.45, 0.7), f.flush},
		{"restart Postgres (immediate)", within(0.6, 0.9), f.pg.restart},
	}
	sort.Slice(steps, func(i, j int) bool { return steps[i].at < steps[j].at })
	return steps
}

// kill SIGKILLs the replica and starts it again.
func kill(ctx context.Context, r *replica) error {
	if err := r.signal(syscall.SIGKILL, 10*time.Second); err != nil {
		return err
	}
	return r.up(ctx)
}

// flush empties Redis: every queued task and lock is gone.
func (f *fleet) flush(ctx context.Context) error {
	c := redis.NewClient(&redis.Options{Addr: f.redis.addr()})
	defer c.Close()
	return c.FlushAll(ctx).Err()
}

// rollingGap is how many client operations end between two steps of the
// rolling restart.
const rollingGap = 8

// drive runs the load through the chaos window and the rolling restart
// and answers what was done when.
func (f *fleet) drive(ctx context.Context, l *load, rng *rand.Rand) ([]event, error) {
	start := time.Now()
	l.start(ctx)
	var events []event
	for _, s := range f.plan(rng) {
		select {
		case <-ctx.Done():
			l.end()
			return nil, ctx.Err()
		case <-time.After(time.Until(start.Add(s.at))):
		}
		events = append(events, f.act(ctx, start, s))
	}
	select {
	case <-ctx.Done():
	case <-time.After(time.Until(start.Add(f.o.Duration))):
	}
	// Calm: every replica ready again before the rolling restart begins.
	l.phase.Store(phaseCalm)
	for _, r := range f.replicas() {
		if err := waitFor(ctx, settleTimeout, r.name+" ready after the chaos", r.ready); err != nil {
			l.end()
			return events, err
		}
	}
	l.phase.Store(phaseRolling)
	for _, r := range f.replicas() {
		events = append(events, f.act(ctx, start, step{what: "rolling: SIGTERM " + r.name + " and start it again", do: func(ctx context.Context) error {
			if err := r.signal(syscall.SIGTERM, 60*time.Second); err != nil {
				return err
			}
			return r.up(ctx)
		}}))
		// Let the clients finish a few requests against the new replica set
		// before the next goes (at most 10 s: a slow fleet moves on).
		done := l.stats[phaseRolling].ops.Load()
		_ = waitFor(ctx, 10*time.Second, "requests between rolling steps", func() bool { return l.stats[phaseRolling].ops.Load() >= done+rollingGap })
	}
	l.phase.Store(phaseAfter)
	l.end()
	return events, ctx.Err()
}

// act does the step and prints it.
func (f *fleet) act(ctx context.Context, start time.Time, s step) event {
	e := event{what: s.what, at: time.Since(start)}
	began := time.Now()
	e.err = s.do(ctx)
	e.took = time.Since(began)
	line := fmt.Sprintf("%7.1fs  %s: back in %s", e.at.Seconds(), e.what, e.took.Round(time.Millisecond))
	if e.err != nil {
		line += " ERROR " + e.err.Error()
	}
	fmt.Println(line)
	return e
}
