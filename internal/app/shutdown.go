package app

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/hibiken/asynq"
)

// minDrain is the least time the dispatcher gets to enqueue what the
// requests and deliveries committed, even when the shutdown's deadline
// has passed: enqueueing is quick, and what it misses waits for the
// reconciler of another replica.
const minDrain = time.Second

// shutdown stops the process gracefully, in the order a rolling restart
// needs (README, Rolling restarts):
//
//  1. /readyz answers 503 "shutting down" at once and keep-alive ends
//     (idle connections close, responses carry Connection: close), so load
//     balancers and clients move on; /healthz stays 200.
//  2. A worker stops dequeuing and its loops stop; running deliveries
//     finish within Cfg.ShutdownTimeout, or asynq puts them back on the
//     queue for another worker (their rows untouched: pending, no attempt
//     spent).
//  3. An API keeps accepting for Cfg.ShutdownDelay, then closes its
//     listener and lets in-flight requests finish, by the deadline (delay
//     plus timeout). A worker-only process keeps its probe listener until
//     its deliveries are done.
//  4. The dispatcher enqueues what those requests and deliveries committed.
//
// A second SIGTERM or SIGINT ends the process at once (cmd/jobgate).
func (p *process) shutdown(st *stack, serveErr error) error {
	start, cfg, log := time.Now(), p.env.Cfg, p.env.Log
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		log.Error("shutdown: the listener failed; stopping", "err", serveErr.Error())
	}
	delay := cfg.ShutdownDelay
	if !p.api || serveErr != nil {
		delay = 0 // no load balancer sends a worker requests to drain
	}
	deadline := start.Add(delay + cfg.ShutdownTimeout)
	p.stopping.Store(true)
	st.srv.SetKeepAlivesEnabled(false)
	log.Info("shutdown: not ready (/readyz answers 503); keep-alive off", "role", p.opt.Role,
		"delay", delay.String(), "timeout", cfg.ShutdownTimeout.String(), "in_flight", p.inFlight.Load())
	workersDone := p.stopWorkers(st)
	if p.api {
		p.wait(delay)
	} else {
		<-workersDone // a worker's probe answers while its deliveries finish
	}
	err := p.closeListener(st.srv, deadline)
	<-workersDone
	p.drain(st, deadline)
	ctx, cancel := context.WithTimeout(context.Background(), minDrain)
	defer cancel()
	stopMetrics(ctx, p.metrics)
	st.metrics.Wait()
	p.stats.Close() // what the workers counted while they stopped
	p.client.Close()
	log.Info("shutdown: done", "took", time.Since(start).Round(time.Millisecond).String())
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return err
}

// wait keeps the listener open for delay, so load balancers that saw
// /readyz fail stop sending before it closes.
func (p *process) wait(delay time.Duration) {
	if delay <= 0 {
		return
	}
	p.env.Log.Info("shutdown: still accepting while load balancers take this replica out", "delay", delay.String())
	time.Sleep(delay)
}

// closeListener closes the listener and waits for in-flight requests until
// deadline; those still running then are cut off.
func (p *process) closeListener(srv *http.Server, deadline time.Time) error {
	log := p.env.Log
	log.Info("shutdown: listener closed; finishing in-flight requests", "in_flight", p.inFlight.Load())
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		log.Warn("shutdown: requests still running at the deadline are cut off", "in_flight", p.inFlight.Load())
		_ = srv.Close()
		return fmt.Errorf("shutdown: requests still running after JOBGATE_SHUTDOWN_TIMEOUT (%s): %w", p.env.Cfg.ShutdownTimeout, err)
	}
	log.Info("shutdown: in-flight requests finished")
	return nil
}

// stopWorkers stops a worker's loops and asynq servers, in the background;
// the channel closes once they have stopped. Each asynq server stops
// dequeuing at once and waits Cfg.ShutdownTimeout for its running tasks;
// then it puts those still running back on their queue under the same
// task id (not a retry: no attempt is counted) and cancels their context,
// which the outbox worker answers by leaving the row as it was.
func (p *process) stopWorkers(st *stack) <-chan struct{} {
	st.stopLoops()
	done := make(chan struct{})
	if len(st.workers) > 0 {
		p.env.Log.Info("shutdown: worker takes no new tasks; running ones finish or are handed back",
			"running", p.tasks.Load(), "timeout", p.env.Cfg.ShutdownTimeout.String())
	}
	go func() {
		defer close(done)
		var wg sync.WaitGroup
		for _, w := range st.workers {
			wg.Go(w.Shutdown)
		}
		wg.Wait()
		st.loops.Wait()
		if len(st.workers) > 0 {
			p.awaitHandlers()
			p.env.Log.Info("shutdown: worker stopped", "handed_back", p.handedBack.Load(), "still_running", p.tasks.Load())
		}
	}()
	return done
}

// handlerGrace bounds the wait for handlers whose task asynq handed back:
// their context is cancelled, so they return at once, unless a call
// ignores its context.
const handlerGrace = 2 * time.Second

// awaitHandlers waits, up to handlerGrace, for the handlers asynq stopped
// waiting for (it re-queued their tasks and cancelled their context) to
// return, so none still writes when the store closes.
func (p *process) awaitHandlers() {
	for end := time.Now().Add(handlerGrace); p.tasks.Load() > 0 && time.Now().Before(end); {
		time.Sleep(10 * time.Millisecond)
	}
}

// drain stops the dispatcher once nothing can hand it deliveries any more
// and lets it enqueue what it holds, until deadline (at least minDrain);
// then the gate it waits on stops.
func (p *process) drain(st *stack, deadline time.Time) {
	log := p.env.Log
	log.Info("shutdown: enqueueing the deliveries committed so far", "queued", st.dispatcher.Queued())
	st.stopRun()
	timer := time.AfterFunc(max(time.Until(deadline), minDrain), st.cancelDrain)
	defer timer.Stop()
	st.plumbing.Wait()
	st.stopGate()
	st.gateRun.Wait()
	if n := st.dispatcher.Deferred(); n > 0 {
		log.Warn("shutdown: deliveries left for the reconciler (out of time)", "deferred", n)
	}
}

// counted counts the requests in flight, for the shutdown's log lines.
func (p *process) counted(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.inFlight.Add(1)
		defer p.inFlight.Add(-1)
		h.ServeHTTP(w, r)
	})
}

// countTasks counts the worker's running tasks and those the shutdown
// handed back, for the shutdown's log lines.
func (p *process) countTasks(h asynq.Handler) asynq.Handler {
	return asynq.HandlerFunc(func(ctx context.Context, t *asynq.Task) error {
		p.tasks.Add(1)
		defer p.tasks.Add(-1)
		err := h.ProcessTask(ctx, t)
		if err != nil && ctx.Err() != nil && p.stopping.Load() {
			// The shutdown's timeout ended it: asynq put the task back.
			p.handedBack.Add(1)
		}
		return err
	})
}
