package app

import (
	"context"
	"fmt"
	"net/http"
	"sync"

	"github.com/hibiken/asynq"

	"github.com/jobgate/jobgate/internal/outbox"
	"github.com/jobgate/jobgate/internal/stats"
)

// stack is what a running process started, each part with the context
// that stops it, so the shutdown can stop them in its own order: the
// worker's loops and asynq servers and the listener first, then the
// dispatcher (which everything before may still hand deliveries to), then
// the gate it waits on.
type stack struct {
	srv        *http.Server
	workers    []*asynq.Server
	gate       *outbox.Gate
	dispatcher *outbox.Dispatcher

	// loops are a worker's background passes (reconciler, poll
	// scheduler, lifecycle, purge).
	loopsCtx  context.Context
	stopLoops context.CancelFunc
	loops     sync.WaitGroup
	// plumbing is the dispatcher and the statistics' flusher: stopping
	// runCtx makes the dispatcher drain what it holds, within drainCtx.
	runCtx      context.Context
	stopRun     context.CancelFunc
	drainCtx    context.Context
	cancelDrain context.CancelFunc
	plumbing    sync.WaitGroup
	// gateRun samples the queue's length for the dispatcher until the
	// dispatcher is done.
	gateCtx  context.Context
	stopGate context.CancelFunc
	gateRun  sync.WaitGroup
	// metrics serves JOBGATE_METRICS_ADDR, when set.
	metrics sync.WaitGroup
}

func newStack(srv *http.Server, gate *outbox.Gate, d *outbox.Dispatcher) *stack {
	st := &stack{srv: srv, gate: gate, dispatcher: d}
	st.loopsCtx, st.stopLoops = context.WithCancel(context.Background())
	st.runCtx, st.stopRun = context.WithCancel(context.Background())
	st.drainCtx, st.cancelDrain = context.WithCancel(context.Background())
	st.gateCtx, st.stopGate = context.WithCancel(context.Background())
	return st
}

// startWorkers starts the asynq servers on mux; if one fails, those
// started are shut down.
func (st *stack) startWorkers(mux *asynq.ServeMux, servers []*asynq.Server) error {
	for _, w := range servers {
		if err := w.Start(mux); err != nil {
			for _, started := range st.workers {
				started.Shutdown()
			}
			return fmt.Errorf("start worker: %w", err)
		}
		st.workers = append(st.workers, w)
	}
	return nil
}

// startPlumbing starts the gate, the dispatcher and the statistics'
// flusher, which every role runs: workers dispatch too (polls write ads and
// their outbox rows).
func (st *stack) startPlumbing(r *stats.Recorder) {
	st.gateRun.Go(func() { st.gate.Run(st.gateCtx) })
	st.plumbing.Go(func() { st.dispatcher.Run(st.runCtx, st.drainCtx) })
	st.plumbing.Go(func() { r.Run(st.runCtx) })
}

// cancelAll ends every context: on a failed start, and after the shutdown
// (when each has already ended in turn).
func (st *stack) cancelAll() {
	st.stopLoops()
	st.stopRun()
	st.cancelDrain()
	st.stopGate()
}
