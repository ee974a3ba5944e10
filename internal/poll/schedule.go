package poll

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/hibiken/asynq"

	"github.com/jobgate/jobgate/internal/store"
)

// TypePoll is the asynq task type of a scheduled poll.
const TypePoll = "poll:integration"

// Queue is the asynq queue polls run on.
const Queue = "polls"

// Enqueuer is the part of asynq.Client the scheduler uses.
type Enqueuer interface {
	EnqueueContext(ctx context.Context, task *asynq.Task, opts ...asynq.Option) (*asynq.TaskInfo, error)
}

type payload struct {
	IntegrationID string `json:"integration_id"`
}

// NewTask returns the poll task of an integration that fell due at due.
// Its id names that time, so a due integration listed again while its
// task waits, by this replica or another, is a conflict, not a second
// task; a task that does run twice polls once (PollIfDue and the lease).
func NewTask(integrationID string, due time.Time) (*asynq.Task, []asynq.Option) {
	b, _ := json.Marshal(payload{IntegrationID: integrationID})
	id := "poll:" + integrationID + ":" + strconv.FormatInt(due.UnixMicro(), 10)
	return asynq.NewTask(TypePoll, b), []asynq.Option{asynq.TaskID(id), asynq.Queue(Queue), asynq.MaxRetry(0), asynq.Timeout(10 * time.Minute)}
}

// SchedulerConfig configures a Scheduler.
type SchedulerConfig struct {
	// Tick is the time between looks for due integrations. Zero means 5 s.
	Tick time.Duration
	// Batch is the most polls enqueued per tick. Zero means 500.
	Batch int
}

// Scheduler enqueues a poll task for every due integration. Any number of
// replicas may run one: task ids and the lease keep polls single.
type Scheduler struct {
	svc *Service
	q   Enqueuer
	log *slog.Logger
	cfg SchedulerConfig
	// recent maps the integrations enqueued lately to the due time they
	// were enqueued for, and when.
	recent map[string]enqueued
}

type enqueued struct{ due, at time.Time }

// NewScheduler returns a Scheduler; call Run to start it.
func NewScheduler(svc *Service, q Enqueuer, log *slog.Logger, cfg SchedulerConfig) *Scheduler {
	if cfg.Tick <= 0 {
		cfg.Tick = 5 * time.Second
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 500
	}
	return &Scheduler{svc: svc, q: q, log: log, cfg: cfg, recent: map[string]enqueued{}}
}

// Run enqueues due polls every tick, the first one tick after it starts,
// until ctx ends.
func (s *Scheduler) Run(ctx context.Context) {
	t := time.NewTicker(s.cfg.Tick)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := s.Tick(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("poll scheduler", "error", err.Error())
		}
	}
}

// recentWindow is how long an integration enqueued for a due time is not
// enqueued again for the same due time (its task waits in the queue); a
// task lost with Redis is enqueued again after it.
const recentWindow = time.Minute

// Tick enqueues the integrations due now.
func (s *Scheduler) Tick(ctx context.Context) error {
	now := time.Now()
	due, err := s.svc.store.DuePolls(ctx, s.svc.Vendors(), now, s.cfg.Batch)
	if err != nil {
		return err
	}
	for id, e := range s.recent {
		if now.Sub(e.at) > recentWindow {
			delete(s.recent, id)
		}
	}
	for _, d := range due {
		if e, ok := s.recent[d.IntegrationID]; ok && e.due.Equal(d.NextPollAt) {
			continue
		}
		task, opts := NewTask(d.IntegrationID, d.NextPollAt)
		if _, err := s.q.EnqueueContext(ctx, task, opts...); err != nil && !errors.Is(err, asynq.ErrTaskIDConflict) {
			return fmt.Errorf("enqueue poll %s: %w", d.IntegrationID, err)
		}
		s.recent[d.IntegrationID] = enqueued{due: d.NextPollAt, at: now}
	}
	return nil
}

// Handler runs poll tasks.
type Handler struct{ svc *Service }

// NewHandler returns the asynq handler of TypePoll.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// ProcessTask polls the task's integration if it is still due. A failed
// poll is recorded in its state and retried by the schedule, not by asynq,
// so the handler fails only on a payload it cannot read.
func (h *Handler) ProcessTask(ctx context.Context, t *asynq.Task) error {
	var p payload
	if err := json.Unmarshal(t.Payload(), &p); err != nil || p.IntegrationID == "" {
		return fmt.Errorf("poll: bad task payload: %w", asynq.SkipRetry)
	}
	_, err := h.svc.PollIfDue(ctx, p.IntegrationID)
	switch {
	case err == nil, errors.Is(err, ErrNotDue), errors.Is(err, ErrBusy), errors.Is(err, store.ErrNotFound), errors.Is(err, ErrNotPolled),
		errors.Is(err, ErrDisabled), // disabled after the task was queued
		errors.Is(err, store.ErrDeleted):
		return nil
	default:
		h.svc.log.Warn("poll", "integration", p.IntegrationID, "error", err.Error())
		return nil
	}
}
