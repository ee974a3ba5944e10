package metrics

import (
	"context"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// DeliveryCounter counts outbox deliveries by state; the store implements it.
type DeliveryCounter interface {
	CountDeliveries(ctx context.Context) (map[string]int, error)
}

// outboxCollector reads the outbox's state counts from the database at
// scrape time: the database, not the queue, is the list of deliveries.
type outboxCollector struct {
	counter DeliveryCounter
	desc    *prometheus.Desc
	log     *slog.Logger
}

// RegisterOutbox exports jobgate_outbox_deliveries{state}.
func (m *Metrics) RegisterOutbox(c DeliveryCounter, log *slog.Logger) {
	m.Registry.MustRegister(&outboxCollector{counter: c, log: log,
		desc: prometheus.NewDesc(namespace+"_outbox_deliveries", "Outbox deliveries in the database that need attention, by state (pending, dead); delivered ones are counted by jobgate_outbox_attempts_total.", []string{"state"}, nil)})
}

func (c *outboxCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *outboxCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.counter.CountDeliveries(ctx)
	if err != nil {
		c.log.Warn("metrics: count deliveries", "err", err)
		return
	}
	for state, n := range counts {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n), state)
	}
}

// PublicationCounter counts ads' publications by channel and state; the
// store implements it.
type PublicationCounter interface {
	CountPublications(ctx context.Context) (map[[2]string]int, error)
}

// publicationCollector reads the per-channel publication states from the
// database at scrape time.
type publicationCollector struct {
	counter PublicationCounter
	desc    *prometheus.Desc
	log     *slog.Logger
}

// RegisterPublications exports jobgate_channel_publications{channel,state}.
func (m *Metrics) RegisterPublications(c PublicationCounter, log *slog.Logger) {
	m.Registry.MustRegister(&publicationCollector{counter: c, log: log,
		desc: prometheus.NewDesc(namespace+"_channel_publications", "Ads by channel and their state there (pending, live, rejected, withdrawn), from the database.", []string{"channel", "state"}, nil)})
}

func (c *publicationCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *publicationCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.counter.CountPublications(ctx)
	if err != nil {
		c.log.Warn("metrics: count publications", "err", err)
		return
	}
	for key, n := range counts {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n), key[0], key[1])
	}
}
