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

// PublicationCounter counts ads' publications by channel and state; the
// store implements it.
type PublicationCounter interface {
	CountPublications(ctx context.Context) (map[[2]string]int, error)
}

// RegisterOutbox exports jobgate_outbox_deliveries{state}.
func (m *Metrics) RegisterOutbox(c DeliveryCounter, log *slog.Logger) {
	desc := prometheus.NewDesc(namespace+"_outbox_deliveries", "Outbox deliveries in the database that need attention, by state (pending, dead, needs_attention); delivered ones are counted by jobgate_outbox_attempts_total.", []string{"state"}, nil)
	m.Registry.MustRegister(&dbGauge{desc: desc, log: log, what: "count deliveries", read: func(ctx context.Context) ([]labelled, error) {
		counts, err := c.CountDeliveries(ctx)
		out := make([]labelled, 0, len(counts))
		for state, n := range counts {
			out = append(out, labelled{v: float64(n), values: []string{state}})
		}
		return out, err
	}})
}

// RegisterPublications exports jobgate_channel_publications{channel,state}.
func (m *Metrics) RegisterPublications(c PublicationCounter, log *slog.Logger) {
	desc := prometheus.NewDesc(namespace+"_channel_publications", "Ads by channel and their state there (pending, live, rejected, withdrawn, unknown), from the database.", []string{"channel", "state"}, nil)
	m.Registry.MustRegister(&dbGauge{desc: desc, log: log, what: "count publications", read: func(ctx context.Context) ([]labelled, error) {
		counts, err := c.CountPublications(ctx)
		out := make([]labelled, 0, len(counts))
		for key, n := range counts {
			out = append(out, labelled{v: float64(n), values: []string{key[0], key[1]}})
		}
		return out, err
	}})
}

// labelled is one gauge value with its label values.
type labelled struct {
	v      float64
	values []string
}

// dbGauge reads counts (or ages) from the database at scrape time: the
// database, not the queue, is the truth about deliveries and
// publications.
type dbGauge struct {
	desc *prometheus.Desc
	log  *slog.Logger
	what string
	read func(ctx context.Context) ([]labelled, error)
}

func (g *dbGauge) Describe(ch chan<- *prometheus.Desc) { ch <- g.desc }

func (g *dbGauge) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := g.read(ctx)
	if err != nil {
		g.log.Warn("metrics: "+g.what, "err", err)
		return
	}
	for _, c := range counts {
		ch <- prometheus.MustNewConstMetric(g.desc, prometheus.GaugeValue, c.v, c.values...)
	}
}
