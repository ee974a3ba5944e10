package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/config"
	"github.com/jobgate/jobgate/internal/outbound"
	"github.com/jobgate/jobgate/internal/poll"
	"github.com/jobgate/jobgate/internal/store"
)

// bench is one run: jobgate in this process, the feeds in a child.
type bench struct {
	o     options
	env   *app.Env
	count *counting
	svc   *poll.Service
	ids   []string
	feeds *sim.Child
}

func run(ctx context.Context, o options) error {
	feeds, err := startFeeds(o)
	if err != nil {
		return err
	}
	defer feeds.Stop()
	fmt.Printf("feeds: %d x %d postings served by a child process at %s\n", o.Integrations, o.Postings, feeds.URL)
	b := &bench{o: o, feeds: feeds}
	cleanup, err := b.open(ctx)
	if err != nil {
		return err
	}
	defer cleanup()
	if err := b.createIntegrations(ctx); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	ready := make(chan *poll.Service, 1)
	serveCtx, stopServe := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		done <- b.env.Serve(serveCtx, app.Options{Listener: ln, PollService: func(s *poll.Service) { ready <- s }})
	}()
	b.svc = <-ready
	err = b.phases(ctx)
	stopServe()
	return errors.Join(err, <-done)
}

// loopback is where the simulators listen: JOBGATE_OUTBOUND_ALLOW as the
// tool sets it.
const loopback = "127.0.0.0/8"

// open opens jobgate (app.OpenBench), its store counted.
func (b *bench) open(ctx context.Context) (func(), error) {
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	env, cleanup, mode, err := app.OpenBench(ctx, "jobgate-pollload", func(cfg *config.Config) {
		cfg.PollInterval, cfg.PollTick = b.o.Interval, time.Second
		// The feed simulator listens on loopback, which the outbound guard
		// refuses unless allowed.
		cfg.OutboundAllow = append(cfg.OutboundAllow, outbound.MustParseAllow(loopback)...)
	}, log)
	if err != nil {
		return nil, err
	}
	b.count = &counting{Store: env.Store}
	env.Store = b.count
	b.env = env
	fmt.Printf("jobgate: %s, poll interval %s\n", mode, b.o.Interval)
	return cleanup, nil
}

func (b *bench) createIntegrations(ctx context.Context) error {
	ctx = store.WithActor(ctx, "pollload")
	start := time.Now()
	var acc store.Account
	for i := range b.o.Integrations {
		if i%10 == 0 {
			var err error
			if acc, err = b.env.Store.CreateAccount(ctx, fmt.Sprintf("Employer %d", i/10)); err != nil {
				return err
			}
		}
		vendor, settings := settingsOf(i, b.feeds.URL)
		in, err := b.env.CreateIntegration(ctx, acc.ID, vendor, settings)
		if err != nil {
			return err
		}
		b.ids = append(b.ids, in.ID)
	}
	fmt.Printf("created %d integrations in %s\n", len(b.ids), time.Since(start).Round(time.Millisecond))
	return nil
}

// states reads every integration's poll state.
func (b *bench) states(ctx context.Context) ([]store.PollState, error) {
	out := make([]store.PollState, len(b.ids))
	for i, id := range b.ids {
		st, err := b.env.Store.GetPollState(ctx, id)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
		out[i] = st
	}
	return out, nil
}

// waitAll waits until every integration's state satisfies done.
func (b *bench) waitAll(ctx context.Context, limit time.Duration, done func(i int, st store.PollState) bool) ([]store.PollState, error) {
	deadline := time.Now().Add(limit)
	for {
		sts, err := b.states(ctx)
		if err != nil {
			return nil, err
		}
		left := 0
		for i, st := range sts {
			if !done(i, st) {
				left++
			}
		}
		if left == 0 {
			return sts, nil
		}
		if time.Now().After(deadline) {
			return sts, fmt.Errorf("%d integrations still waiting after %s", left, limit)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(5 * time.Second): // reading every state is a load of its own
		}
	}
}

// pollAll polls every integration with o.Concurrency goroutines.
func (b *bench) pollAll(ctx context.Context) (time.Duration, int64, error) {
	var next, busy atomic.Int64
	var wg sync.WaitGroup
	var firstErr error
	var mu sync.Mutex
	start := time.Now()
	for range b.o.Concurrency {
		wg.Go(func() {
			for i := next.Add(1) - 1; i < int64(len(b.ids)); i = next.Add(1) - 1 {
				st, err := b.svc.Poll(ctx, b.ids[i])
				if errors.Is(err, poll.ErrBusy) {
					busy.Add(1)
					continue
				}
				if err == nil && st.Outcome == store.PollFailed {
					err = fmt.Errorf("poll %s failed: %s", b.ids[i], st.Error)
				}
				if err != nil {
					mu.Lock()
					firstErr = errors.Join(firstErr, err)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	return time.Since(start), busy.Load(), firstErr
}

func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[min(len(ds)-1, int(float64(len(ds))*p))]
}

// changeFeeds changes o.Change of every feed's postings.
func (b *bench) changeFeeds(ctx context.Context) error {
	ctl := sim.FeedsControl{Sim: b.feeds.URL}
	for i := range b.ids {
		v, key := feedOf(i)
		r, err := ctl.Change(ctx, v, key, b.o.Change)
		if err != nil {
			return err
		}
		if r.Status != 200 {
			return fmt.Errorf("change feed %s: %d %s", key, r.Status, r.Body)
		}
	}
	return nil
}
