package main

import (
	"context"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// counting is a store that counts the writes made through it.
type counting struct {
	store.Store
	adWrites, pollWrites, deliveryWrites atomic.Int64
}

func (c *counting) UpsertAd(ctx context.Context, w store.AdWrite) (store.AdResult, error) {
	res, err := c.Store.UpsertAd(ctx, w)
	if err == nil && res.Changed {
		c.adWrites.Add(1)
	}
	return res, err
}

func (c *counting) WithdrawAd(ctx context.Context, integrationID, reference string) (store.AdResult, error) {
	res, err := c.Store.WithdrawAd(ctx, integrationID, reference)
	if err == nil && res.Changed {
		c.adWrites.Add(1)
	}
	return res, err
}

func (c *counting) AcquirePoll(ctx context.Context, id, owner string, until time.Time) (store.PollState, bool, error) {
	c.pollWrites.Add(1)
	return c.Store.AcquirePoll(ctx, id, owner, until)
}

func (c *counting) FinishPoll(ctx context.Context, owner string, st store.PollState) error {
	c.pollWrites.Add(1)
	return c.Store.FinishPoll(ctx, owner, st)
}

func (c *counting) CompleteDelivery(ctx context.Context, id string, generation int, pub *store.Publication) error {
	c.deliveryWrites.Add(1)
	return c.Store.CompleteDelivery(ctx, id, generation, pub)
}

func (c *counting) FailDelivery(ctx context.Context, id string, generation int, f store.Failure) error {
	c.deliveryWrites.Add(1)
	return c.Store.FailDelivery(ctx, id, generation, f)
}

// writes is a snapshot of the counters.
type writes struct{ ad, poll, delivery int64 }

func (c *counting) snapshot() writes {
	return writes{c.adWrites.Load(), c.pollWrites.Load(), c.deliveryWrites.Load()}
}

func (w writes) minus(o writes) writes {
	return writes{w.ad - o.ad, w.poll - o.poll, w.delivery - o.delivery}
}

// cpuTime is the CPU this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
