package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"runtime/debug"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/config"
	"github.com/jobgate/jobgate/internal/outbound"
	"github.com/jobgate/jobgate/internal/queue"
	"github.com/jobgate/jobgate/internal/store"
)

// bench is one run: jobgate in this process, the ATS in a child.
type bench struct {
	o      options
	env    *app.Env
	timing *timing
	url    string
	key    string
	job    string
}

func run(ctx context.Context, o options) error {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400) // as jobgate serve does
	}
	b := &bench{o: o}
	cleanup, err := b.open(ctx)
	if err != nil {
		return err
	}
	defer cleanup()
	atsAddr, err := freeAddr()
	if err != nil {
		return err
	}
	if err := b.tenant(ctx, "http://"+atsAddr+"/webhook/"+webhookName); err != nil {
		return err
	}
	ats, err := startATS(atsAddr, b.key)
	if err != nil {
		return err
	}
	defer ats.Stop()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	b.url = "http://" + ln.Addr().String()
	b.env.Cfg.PublicURL = b.url
	ready := make(chan struct{})
	serveCtx, stopServe := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		done <- b.env.Serve(serveCtx, app.Options{Listener: ln, Ready: func(*queue.Conn) { close(ready) }})
	}()
	<-ready
	err = b.phases(ctx)
	stopServe()
	return errors.Join(err, <-done)
}

// open opens jobgate (app.OpenBench), its store timed.
func (b *bench) open(ctx context.Context) (func(), error) {
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	env, cleanup, mode, err := app.OpenBench(ctx, "jobgate-applyload", func(cfg *config.Config) {
		// The ATS simulator listens on loopback, which the outbound guard
		// refuses unless allowed (JOBGATE_OUTBOUND_ALLOW).
		cfg.OutboundAllow = append(cfg.OutboundAllow, outbound.MustParseAllow("127.0.0.0/8")...)
	}, log)
	if err != nil {
		return nil, err
	}
	b.timing = newTiming(env.Store)
	env.Store = b.timing
	b.env = env
	fmt.Printf("jobgate: %s; %d candidates, %d-byte CV, %s\n", mode, b.o.Concurrency, b.o.CVSize, b.o.Duration)
	return cleanup, nil
}

// tenant creates the integration whose applications go to applyURL, and
// its key.
func (b *bench) tenant(ctx context.Context, applyURL string) error {
	ctx = store.WithActor(ctx, "applyload")
	acc, err := b.env.Store.CreateAccount(ctx, "Eksempel AS")
	if err != nil {
		return err
	}
	in, err := b.env.CreateIntegration(ctx, acc.ID, "generic", map[string]string{"apply_url": applyURL})
	if err != nil {
		return err
	}
	b.key, err = b.env.IssueKey(ctx, in.ID, false)
	return err
}
