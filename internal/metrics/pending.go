package metrics

import (
	"context"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/jobgate/jobgate/internal/store"
)

// OldestPendingReader reads when the oldest pending delivery of each kind
// and channel was created; the store implements it.
type OldestPendingReader interface {
	OldestPendingDeliveries(ctx context.Context) ([]store.PendingSince, error)
}

// Delivery kinds as the gauge's kind label: channels publish and
// withdraw, appliers apply.
var (
	channelKinds = []string{store.KindPublish, store.KindWithdraw}
	applierKinds = []string{store.KindApply}
)

// RegisterOldestPending exports
// jobgate_outbox_oldest_pending_seconds{kind,channel}: how long the oldest
// pending delivery of each kind on each channel (or applier) has waited
// since it was created, from the database at scrape time. The known
// channels and appliers are exported at 0 while nothing of theirs is
// pending, as asynq_queue_latency_seconds is for an empty queue, so a
// dashboard draws a line from the start. The labels are bounded: three
// kinds, and the channels and appliers the process knows.
func (m *Metrics) RegisterOldestPending(r OldestPendingReader, k Known, now func() time.Time, log *slog.Logger) {
	desc := prometheus.NewDesc(namespace+"_outbox_oldest_pending_seconds",
		"Seconds since the oldest pending delivery was created, by kind (publish, withdraw, apply) and channel (the channel, or the applier for apply); 0 when none is pending. A replayed delivery counts from its creation.",
		[]string{"kind", "channel"}, nil)
	m.Registry.MustRegister(&dbGauge{desc: desc, log: log, what: "oldest pending deliveries", read: func(ctx context.Context) ([]labelled, error) {
		groups, err := r.OldestPendingDeliveries(ctx)
		if err != nil {
			return nil, err
		}
		return pendingAges(groups, k, now()), nil
	}})
}

// pendingAges is the gauge's values: each group's wait in seconds, and 0
// for every known kind and channel without a pending delivery.
func pendingAges(groups []store.PendingSince, k Known, now time.Time) []labelled {
	seen := map[[2]string]bool{}
	out := make([]labelled, 0, len(groups))
	for _, g := range groups {
		seen[[2]string{g.Kind, g.Channel}] = true
		out = append(out, labelled{v: max(now.Sub(g.Oldest).Seconds(), 0), values: []string{g.Kind, g.Channel}})
	}
	idle := func(kinds, names []string) {
		for _, kind := range kinds {
			for _, name := range names {
				if !seen[[2]string{kind, name}] {
					seen[[2]string{kind, name}] = true
					out = append(out, labelled{values: []string{kind, name}})
				}
			}
		}
	}
	idle(channelKinds, k.Channels)
	idle(applierKinds, k.Appliers)
	return out
}
