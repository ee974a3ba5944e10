package app

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"github.com/hibiken/asynq"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/finn"
	"github.com/jobgate/jobgate/connectors/nav"
	"github.com/jobgate/jobgate/connectors/registry"
	"github.com/jobgate/jobgate/internal/board"
	"github.com/jobgate/jobgate/internal/ingest"
	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/outbox"
	"github.com/jobgate/jobgate/internal/poll"
	"github.com/jobgate/jobgate/internal/queue"
	"github.com/jobgate/jobgate/internal/store"
)

// workerServers are the asynq servers a worker runs: WorkerLoops for the
// board's deliveries and polls, and one for external channels, whose
// handlers mostly wait on the channel (or on a batch filling).
func (p *process) workerServers() []*asynq.Server {
	cfg := p.env.Cfg
	var out []*asynq.Server
	for range cfg.WorkerLoops {
		// Deliveries first; polls are rarer and can wait a moment.
		out = append(out, p.server(cfg.WorkerConcurrency, map[string]int{outbox.Queue: 3, poll.Queue: 1}))
	}
	out = append(out, p.server(cfg.ApplyConcurrency, map[string]int{outbox.ApplyQueue: 1}))
	return append(out, p.server(cfg.ChannelConcurrency, map[string]int{outbox.ChannelQueue: 1}))
}

func (p *process) server(concurrency int, queues map[string]int) *asynq.Server {
	cfg := p.env.Cfg
	return p.qc.Server(asynq.Config{
		Concurrency:              concurrency,
		Queues:                   queues,
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

func (p *process) workerMux(polls *poll.Service, ing *ingest.Service) *asynq.ServeMux {
	mux := asynq.NewServeMux()
	mux.Use(p.countTasks)
	p.outbox = p.env.outboxWorker(p.qc, p.m, p.channels, ing, p.opt.ApplyTimeout, healthOf(p.health))
	p.outbox.CountDelivered(countDelivered(p.stats))
	mux.Handle(outbox.TypeDeliver, p.outbox)
	mux.Handle(poll.TypePoll, poll.NewHandler(polls))
	return mux
}

// outboxWorker is the handler of delivery tasks: on channels, and of
// applications into the ATSs ing's sources and the apply webhook reach.
// Its slot shares match the concurrency workerServers gives the apply and
// channel queues; applyTimeout bounds one call to an ATS (zero: the
// connector's client's bound).
// health, when not nil, is told how each ATS answers (degraded apply).
func (e *Env) outboxWorker(qc *queue.Conn, m *metrics.Metrics, channels []connectors.Channel, ing *ingest.Service, applyTimeout time.Duration, health outbox.ApplyHealth) *outbox.Worker {
	var dispatch func(...store.Delivery)
	if ing.Dispatcher != nil {
		dispatch = ing.Dispatcher.Dispatch
	}
	return outbox.NewWorker(e.Store, m, e.Log, outbox.WorkerConfig{
		Channels:        channels,
		Appliers:        registry.Appliers(ing.Sources, e.Outbound),
		OpenIntegration: ing.OpenIntegration,
		Guard:           outbox.NewGuard(qc.Redis, m, outbox.BreakerSettings{Open: e.Cfg.CircuitOpen}),
		Policy:          outbox.Policy{Schedule: e.Cfg.RetrySchedule},
		JobURL:          func(id string) string { return board.JobURL(e.Cfg.PublicURL, id) },
		ChannelJobURL:   e.channelJobURL,
		Dispatch:        dispatch,
		ApplySlots:      e.Cfg.ApplyConcurrency,
		ChannelSlots:    e.Cfg.ChannelConcurrency,
		ChannelHosts:    e.channelHosts(),
		ApplyTimeout:    applyTimeout,
		Health:          health,
		AdLocks:         outbox.NewAdLocks(qc.Redis),
	})
}

// channelHosts names the host each external channel calls: a channel's
// breaker and its share of the slots are per channel and host.
func (e *Env) channelHosts() map[string]string {
	out := map[string]string{}
	for name, raw := range map[string]string{nav.Name: e.Cfg.NAVURL, finn.Name: cmp.Or(e.Cfg.FINNURL, finn.DefaultBaseURL)} {
		if u, err := url.Parse(raw); err == nil && u.Host != "" {
			out[name] = u.Host
		}
	}
	return out
}

// asynqLogger sends asynq's logs to slog.
type asynqLogger struct{ log *slog.Logger }

func (l asynqLogger) Debug(args ...any) { l.log.Debug("asynq: " + fmt.Sprint(args...)) }
func (l asynqLogger) Info(args ...any)  { l.log.Info("asynq: " + fmt.Sprint(args...)) }
func (l asynqLogger) Warn(args ...any)  { l.log.Warn("asynq: " + fmt.Sprint(args...)) }
func (l asynqLogger) Error(args ...any) { l.log.Error("asynq: " + fmt.Sprint(args...)) }
func (l asynqLogger) Fatal(args ...any) { l.log.Error("asynq: fatal: " + fmt.Sprint(args...)) }
