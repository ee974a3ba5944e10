package stats

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/jobgate/jobgate/internal/metrics"
)

// BenchmarkCountView is the hot path's whole cost of counting a view:
// classifying the Referer, the robot check and the in-memory increment.
//
//	go test ./internal/stats -run '^$' -bench CountView
func BenchmarkCountView(b *testing.B) {
	r := NewRecorder(&memWriter{}, Config{Metrics: metrics.NewStatsCounters(prometheus.NewRegistry())})
	c := NewClassifier("https://jobb.example.no")
	ua := "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			src := c.Classify("", "https://arbeidsplassen.nav.no/stillinger/stilling/4c1d")
			if !IsBot(ua) {
				r.Record("job_01kcz8m4q7v2r9t3w5x6y8z0ab", src, View)
			}
		}
	})
}
