package metrics

import (
	"context"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/jobgate/jobgate/internal/store"
)

// DegradedReader lists the integrations whose direct apply is degraded;
// the store implements it.
type DegradedReader interface {
	ApplyDegradations(ctx context.Context) ([]store.ApplyDegradation, error)
}

// RegisterDegraded exports jobgate_apply_degraded_integrations{reason}:
// how many integrations' direct apply is degraded to redirect now, by
// reason (ats_unavailable, ats_unauthorised; both exported, 0 when none),
// from the database at scrape time. No integration id: which ones is the
// console's and GET /v1/ads/{reference}'s to say.
func (m *Metrics) RegisterDegraded(r DegradedReader, log *slog.Logger) {
	desc := prometheus.NewDesc(namespace+"_apply_degraded_integrations",
		"Integrations whose direct apply is degraded to redirect now (their ATS kept failing, or refused their credentials), by reason (ats_unavailable, ats_unauthorised), from the database.",
		[]string{"reason"}, nil)
	m.Registry.MustRegister(&dbGauge{desc: desc, log: log, what: "count degraded integrations", read: func(ctx context.Context) ([]labelled, error) {
		ds, err := r.ApplyDegradations(ctx)
		if err != nil {
			return nil, err
		}
		counts := map[string]int{store.DegradedUnavailable: 0, store.DegradedUnauthorised: 0}
		for _, d := range ds {
			if _, ok := counts[d.Reason]; ok {
				counts[d.Reason]++
			}
		}
		out := make([]labelled, 0, len(counts))
		for reason, n := range counts {
			out = append(out, labelled{v: float64(n), values: []string{reason}})
		}
		return out, nil
	}})
}
