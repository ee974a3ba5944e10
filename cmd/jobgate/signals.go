package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// signalContext returns a context that ends at the first SIGTERM or
// SIGINT: serve then shuts down gracefully (internal/app, shutdown.go),
// which may take JOBGATE_SHUTDOWN_DELAY plus JOBGATE_SHUTDOWN_TIMEOUT. A
// second one ends the process at once, exit status 128 + the signal's
// number, as a shell reports a process a signal killed: what was in
// flight is cut off, and the outbox reconciler of the next process finds
// whatever was committed but not enqueued. stop releases the signals.
func signalContext() (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-sigs:
			slog.Info("signal: shutting down gracefully; send it again to stop at once", "signal", s.String())
			cancel()
		case <-done:
			return
		}
		select {
		case s := <-sigs:
			slog.Warn("signal: second signal, stopping at once", "signal", s.String())
			os.Exit(exitStatus(s))
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel()
	}
}

// exitStatus is 128 + the signal's number (143 for SIGTERM, 130 for SIGINT).
func exitStatus(s os.Signal) int {
	if n, ok := s.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 1
}
