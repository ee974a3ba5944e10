package main

import (
	"context"
	"math/rand/v2"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Phases of the run a request is counted under (by when it started).
const (
	phaseChaos = iota
	phaseCalm
	phaseRolling
	phaseAfter
	phases
)

var phaseNames = [phases]string{"chaos", "calm", "rolling", "after"}

// phaseStats counts one phase's client operations.
type phaseStats struct {
	ops, failed, refused atomic.Int64
}

// load is the clients: ad pushes and applications at a steady pace, and
// what jobgate answered them.
type load struct {
	f     *fleet
	t     tenant
	o     options
	c     *client
	phase atomic.Int32
	stats [phases]phaseStats

	mu   sync.Mutex
	rng  *rand.Rand
	ads  []*adState
	apps []*application
	// took is every operation's time with its retries, by phase.
	took [phases][]time.Duration
	// failures are the first few failures' descriptions.
	failures []string

	vis  *visibility
	stop context.CancelFunc
	wg   sync.WaitGroup
}

func newLoad(f *fleet, t tenant, o options, seed uint64) *load {
	l := &load{f: f, t: t, o: o, rng: rand.New(rand.NewPCG(seed, 1)), vis: newVisibility(f)}
	for i := range o.Ads {
		l.ads = append(l.ads, &adState{ref: "fleet-" + strconv.Itoa(i)})
	}
	return l
}

// work is one unit a client takes: an ad push or an application.
type work int

const (
	workAd work = iota
	workApply
)

// start starts the pace makers and the clients.
func (l *load) start(ctx context.Context) {
	l.c = newClient(l.f)
	// Ending the load stops the pace makers only: a request in flight
	// runs to its answer, so stopping is never a failed request.
	paceCtx, stop := context.WithCancel(ctx)
	l.stop = stop
	queue := make(chan work, l.o.Clients)
	// Each ad is created, updated 1.5 times and withdrawn a tenth of the
	// time on average: 2.6 pushes an ad over the chaos window.
	adEvery := time.Duration(float64(l.o.Duration) / (2.6 * float64(max(l.o.Ads, 1))))
	appEvery := time.Duration(float64(l.o.Duration) / float64(max(l.o.Applications, 1)))
	var pacers sync.WaitGroup
	for _, p := range []struct {
		w     work
		every time.Duration
		on    bool
	}{{workAd, adEvery, l.o.Ads > 0}, {workApply, appEvery, l.o.Applications > 0}} {
		if p.on {
			pacers.Go(func() { pace(paceCtx, queue, p.w, max(p.every, time.Millisecond)) })
		}
	}
	go func() { pacers.Wait(); close(queue) }()
	for range l.o.Clients {
		l.wg.Go(func() {
			for w := range queue {
				if w == workAd {
					l.pushAd(ctx)
				} else {
					l.apply(ctx)
				}
			}
		})
	}
}

// pace puts w on queue every interval until ctx ends; a full queue (the
// fleet is slow) holds it back.
func pace(ctx context.Context, queue chan<- work, w work, interval time.Duration) {
	every(ctx, interval, func() bool {
		select {
		case queue <- w:
			return true
		case <-ctx.Done():
			return false
		}
	})
}

// every calls fn once an interval, from one interval on, while fn answers
// true and ctx lasts.
func every(ctx context.Context, interval time.Duration, fn func() bool) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for ok := true; ok; {
		select {
		case <-ctx.Done():
			ok = false
		case <-t.C:
			ok = fn()
		}
	}
}

// end stops the pace makers and waits for the clients' last requests.
func (l *load) end() {
	l.stop()
	l.wg.Wait()
	l.vis.wait()
}

// count records an operation's outcome in the phase it started in.
func (l *load) count(phase int32, res result, what string) {
	s := &l.stats[phase]
	s.ops.Add(1)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.took[phase] = append(l.took[phase], res.took)
	if res.ok() {
		return
	}
	if res.err == nil && res.status < 500 {
		s.refused.Add(1)
	} else {
		s.failed.Add(1)
	}
	if len(l.failures) < 20 {
		l.failures = append(l.failures, phaseNames[phase]+": "+what+": "+res.failure())
	}
}

// pickAd takes an ad no client is pushing and the push to make: the
// unsure one first, else a create, an update or (a tenth of the time,
// from the second revision on) a withdrawal. nil when none is free.
func (l *load) pickAd() (*adState, adOp) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := len(l.ads)
	start := l.rng.IntN(n)
	for i := range n {
		a := l.ads[(start+i)%n]
		if a.busy || (a.withdrawn && a.unsure == nil) {
			continue
		}
		a.busy = true
		switch {
		case a.unsure != nil:
			return a, *a.unsure
		case a.confirmed >= 2 && l.rng.IntN(10) == 0:
			return a, adOp{kind: opDelete}
		}
		a.rev++
		return a, adOp{kind: opPut, rev: a.rev}
	}
	return nil, adOp{}
}

// pushAd makes one push of one ad.
func (l *load) pushAd(ctx context.Context) {
	a, op := l.pickAd()
	if a == nil {
		return
	}
	phase := l.phase.Load()
	sent := time.Now()
	res := l.send(ctx, a, op)
	l.count(phase, res, "push "+a.ref)
	l.mu.Lock()
	defer l.mu.Unlock()
	a.busy = false
	switch {
	case res.ok():
		a.unsure = nil
		a.pushedAt = sent
		if op.kind == opDelete {
			a.withdrawn = true
		} else {
			a.confirmed = op.rev
			if a.id == "" {
				a.id = res.id
			}
		}
		l.vis.watch(a.id, a.ref, op, sent)
	case res.err != nil || res.status >= 500:
		a.unsure = &op // it may or may not have been taken: send it again
	}
}

// send sends the push; a withdrawal retried after a lost answer finds the
// ad gone already (404), which is the withdrawal taken.
func (l *load) send(ctx context.Context, a *adState, op adOp) result {
	if op.kind == opDelete {
		res := l.c.do(ctx, "DELETE", "/v1/ads/"+a.ref, l.t.adsKey, nil)
		if res.status == 404 && (res.attempts > 1 || a.unsure != nil) {
			res.status = 200
		}
		return res
	}
	return l.c.do(ctx, "PUT", "/v1/ads/"+a.ref, l.t.adsKey, adBody(titleOf(a.ref, op.rev)))
}

// repair sends every push and application whose outcome is unknown again
// (three times at most, each retried for retryFor) until each is
// answered, so the ledger knows what jobgate took.
func (l *load) repair(ctx context.Context) error {
	for _, a := range l.ads {
		for try := 0; a.unsure != nil && try < 3 && ctx.Err() == nil; try++ {
			op := *a.unsure
			a.busy = true
			res := l.send(ctx, a, op)
			l.count(phaseAfter, res, "repair "+a.ref)
			if !res.ok() {
				if res.err == nil && res.status < 500 {
					a.unsure = nil
				}
				continue
			}
			a.unsure, a.busy, a.pushedAt = nil, false, time.Now()
			if op.kind == opDelete {
				a.withdrawn = true
			} else if a.confirmed = op.rev; a.id == "" {
				a.id = res.id
			}
		}
	}
	for _, app := range l.apps {
		for try := 0; app.id == "" && !app.refused && try < 3 && ctx.Err() == nil; try++ {
			l.submit(ctx, app, phaseAfter)
		}
	}
	return ctx.Err()
}
