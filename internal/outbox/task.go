package outbox

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/hibiken/asynq"

	"github.com/jobgate/jobgate/internal/board"
	"github.com/jobgate/jobgate/internal/store"
)

// TypeDeliver is the asynq task type of an outbox delivery.
const TypeDeliver = "outbox:deliver"

// Queue is the asynq queue the board's deliveries run on.
const Queue = "outbox"

// ChannelQueue is the asynq queue deliveries to external channels (NAV,
// FINN) run on: their calls wait on the channel (and, for a batching
// channel, on the batch), so they get workers of their own and never hold
// up the board.
const ChannelQueue = "outbox-channels"

// QueueOf is the queue a delivery runs on.
func QueueOf(d store.Delivery) string {
	if d.Kind == store.KindApply {
		return ApplyQueue
	}
	if d.Channel == board.Name {
		return Queue
	}
	return ChannelQueue
}

// maxAsynqRetry is asynq's own retry budget: high, because the Worker
// counts attempts in the database and declares a delivery dead itself.
const maxAsynqRetry = 1000

type payload struct {
	DeliveryID string `json:"delivery_id"`
	Generation int    `json:"generation"`
}

// NewTask returns the task for a delivery's current generation and the
// options that make its id deterministic.
func NewTask(d store.Delivery) (*asynq.Task, []asynq.Option) {
	b, _ := json.Marshal(payload{DeliveryID: d.ID, Generation: d.Generation})
	return asynq.NewTask(TypeDeliver, b), []asynq.Option{
		asynq.TaskID(d.TaskID()),
		asynq.Queue(QueueOf(d)),
		asynq.MaxRetry(maxAsynqRetry),
		asynq.Timeout(2 * time.Minute),
	}
}

func parsePayload(t *asynq.Task) (payload, error) {
	var p payload
	if err := json.Unmarshal(t.Payload(), &p); err != nil || p.DeliveryID == "" {
		return p, fmt.Errorf("outbox: bad task payload: %v: %w", err, asynq.SkipRetry)
	}
	return p, nil
}
