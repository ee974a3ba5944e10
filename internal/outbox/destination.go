package outbox

import (
	"context"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/breaker"
	"github.com/jobgate/jobgate/internal/store"
)

// channelDest is the destination a channel delivery calls: the channel
// and its host. Its breaker and its share of the slots are its own.
func (w *Worker) channelDest(channel string) breaker.Key {
	host := w.channelHosts[channel]
	if host == "" {
		host = channel
	}
	return breaker.Key{Group: channel, Destination: host}
}

// applyDest is the destination an application delivery calls: the ATS
// of its integration, through its applier.
func applyDest(d store.Delivery) breaker.Key {
	return breaker.Key{Group: d.Channel, Destination: d.IntegrationID}
}

// channelSlot takes one of the channel queue's slots for dest. Board
// deliveries (their own queue, no far side) take none. A batching
// channel's share is at least its batch size, so its batches still fill.
func (w *Worker) channelSlot(ctx context.Context, d store.Delivery, ch connectors.Channel, dest breaker.Key) (func(), error) {
	if QueueOf(d) != ChannelQueue {
		return func() {}, nil
	}
	floor := 0
	if b, ok := ch.(connectors.BatchPublisher); ok {
		floor = b.MaxBatch()
	}
	return w.channelShares.Take(ctx, dest.Group+" host "+dest.Destination, floor)
}

// applySlot takes one of the apply queue's slots for the integration's
// ATS.
func (w *Worker) applySlot(ctx context.Context, dest breaker.Key) (func(), error) {
	return w.applyShares.Take(ctx, dest.Group+" integration "+dest.Destination, 0)
}
