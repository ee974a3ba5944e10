package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"github.com/jobgate/jobgate/internal/board"
	"github.com/jobgate/jobgate/internal/outbox"
)

func (p *process) startWorker() *asynq.Server {
	cfg := p.env.Cfg
	return p.qc.Server(asynq.Config{
		Concurrency:              cfg.WorkerConcurrency,
		Queues:                   map[string]int{outbox.Queue: 1},
		RetryDelayFunc:           outbox.RetryDelay,
		IsFailure:                outbox.IsFailure,
		ShutdownTimeout:          cfg.ShutdownTimeout,
		TaskCheckInterval:        200 * time.Millisecond,
		DelayedTaskCheckInterval: time.Second,
		Logger:                   asynqLogger{p.env.Log},
		LogLevel:                 asynq.WarnLevel,
		BaseContext:              context.Background,
	})
}

func (p *process) workerMux() *asynq.ServeMux {
	mux := asynq.NewServeMux()
	w := outbox.NewWorker(p.env.Store, p.m, p.env.Log, outbox.WorkerConfig{
		Channels: p.channels,
		Guard:    outbox.NewGuard(p.qc.Redis, p.m, outbox.BreakerSettings{}),
		Policy:   outbox.Policy{Schedule: p.env.Cfg.RetrySchedule},
		JobURL:   func(id string) string { return board.JobURL(p.env.Cfg.PublicURL, id) },
	})
	mux.Handle(outbox.TypeDeliver, w)
	return mux
}

// asynqLogger sends asynq's logs to slog.
type asynqLogger struct{ log *slog.Logger }

func (l asynqLogger) Debug(args ...any) { l.log.Debug("asynq: " + fmt.Sprint(args...)) }
func (l asynqLogger) Info(args ...any)  { l.log.Info("asynq: " + fmt.Sprint(args...)) }
func (l asynqLogger) Warn(args ...any)  { l.log.Warn("asynq: " + fmt.Sprint(args...)) }
func (l asynqLogger) Error(args ...any) { l.log.Error("asynq: " + fmt.Sprint(args...)) }
func (l asynqLogger) Fatal(args ...any) { l.log.Error("asynq: fatal: " + fmt.Sprint(args...)) }
