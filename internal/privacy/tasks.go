package privacy

import (
	"errors"

	"github.com/hibiken/asynq"

	"github.com/jobgate/jobgate/internal/outbox"
	"github.com/jobgate/jobgate/internal/store"
)

// deleteTasks removes the queued tasks of the targets' deliveries in every
// state (pending, scheduled for a retry, archived as dead) and of every
// generation, since a replay leaves the previous generation's archived
// task with its last error. A task being processed cannot be deleted: it
// finds its delivery gone and ends without a retry.
func (s *Service) deleteTasks(targets []store.ExpiringApplication) {
	if s.opt.Tasks == nil {
		return
	}
	for _, t := range targets {
		d := t.Delivery
		for g := 0; g <= d.Generation; g++ {
			id := store.Delivery{ID: d.ID, Generation: g}.TaskID()
			err := s.opt.Tasks.DeleteTask(outbox.QueueOf(d), id)
			if err != nil && !errors.Is(err, asynq.ErrTaskNotFound) && !errors.Is(err, asynq.ErrQueueNotFound) {
				s.opt.Log.Info("privacy: a deleted application's task was left to end by itself", "delivery", d.ID, "task", id, "error", err.Error())
			}
		}
	}
}
