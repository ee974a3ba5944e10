package main

import (
	"context"
	"fmt"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// phases runs the three phases and prints their figures.
func (b *bench) phases(ctx context.Context) error {
	n := len(b.ids)
	start, cpu0, w0 := time.Now(), cpuTime(), b.count.snapshot()
	sts, err := b.waitAll(ctx, 30*time.Minute, func(_ int, st store.PollState) bool { return !st.LastSuccessAt.IsZero() })
	if err != nil {
		return fmt.Errorf("first round: %w", err)
	}
	took := time.Since(start)
	b.report("1. first polls (scheduled; every posting new)", n, took, cpuTime()-cpu0, b.count.snapshot().minus(w0))

	due := make([]time.Time, n)
	first, last := sts[0].NextPollAt, sts[0].NextPollAt
	for i, st := range sts {
		due[i] = st.NextPollAt
		first, last = minTime(first, st.NextPollAt), maxTime(last, st.NextPollAt)
	}
	fmt.Printf("\n2. next round falls due from %s to %s (interval %s with jitter); waiting\n",
		time.Until(first).Round(time.Second), time.Until(last).Round(time.Second), b.o.Interval)
	time.Sleep(time.Until(first))
	start, cpu0, w0 = time.Now(), cpuTime(), b.count.snapshot()
	sts, err = b.waitAll(ctx, 2*b.o.Interval+time.Minute, func(i int, st store.PollState) bool { return !st.LastPollAt.Before(due[i]) })
	if err != nil {
		return fmt.Errorf("second round: %w", err)
	}
	var lags []time.Duration
	for i, st := range sts {
		lags = append(lags, st.LastPollAt.Sub(due[i]))
	}
	took = time.Since(start)
	b.report("2. scheduled round (unchanged feeds)", n, took, cpuTime()-cpu0, b.count.snapshot().minus(w0))
	fmt.Printf("   lag after falling due: p50 %s, p99 %s, max %s (every integration polled within its interval: %v)\n",
		percentile(lags, .5).Round(time.Millisecond), percentile(lags, .99).Round(time.Millisecond), percentile(lags, 1).Round(time.Millisecond),
		percentile(lags, 1) < b.o.Interval/10)
	return b.direct(ctx)
}

// direct is phase 3: back-to-back polls of unchanged, then changed feeds.
func (b *bench) direct(ctx context.Context) error {
	for _, changed := range []bool{false, true} {
		label := "3a. back-to-back polls, unchanged feeds"
		if changed {
			label = fmt.Sprintf("3b. back-to-back polls, %.0f%% of postings changed", b.o.Change*100)
			if err := b.changeFeeds(ctx); err != nil {
				return err
			}
		}
		cpu0, w0 := cpuTime(), b.count.snapshot()
		took, busy, err := b.pollAll(ctx)
		if err != nil {
			return err
		}
		b.drain(ctx)
		b.report(label, len(b.ids), took, cpuTime()-cpu0, b.count.snapshot().minus(w0))
		if busy > 0 {
			fmt.Printf("   %d polls found a scheduled poll running and were skipped\n", busy)
		}
	}
	return nil
}

// drain waits for the outbox to deliver what the polls wrote, so the
// deliveries are counted with the polls that caused them.
func (b *bench) drain(ctx context.Context) {
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		c, err := b.env.Store.CountDeliveries(ctx)
		if err == nil && c[store.DeliveryPending] == 0 {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func (b *bench) report(label string, polls int, took, cpu time.Duration, w writes) {
	p := float64(polls)
	fmt.Printf("\n%s\n   %d polls in %s: %.1f polls/s; jobgate CPU %.1f s (%.2f cores, %.2f ms a poll)\n",
		label, polls, took.Round(time.Millisecond), p/took.Seconds(), cpu.Seconds(), cpu.Seconds()/took.Seconds(), float64(cpu.Milliseconds())/p)
	fmt.Printf("   store writes a poll: %.2f ad, %.2f poll state, %.2f delivery outcome\n",
		float64(w.ad)/p, float64(w.poll)/p, float64(w.delivery)/p)
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
