package metrics

import "github.com/prometheus/client_golang/prometheus"

// StatsCounters are the per-source counters of internal/stats, labelled
// by source class only (board, nav, finn, other, direct): never a site
// or an ad, so the label set stays five values.
type StatsCounters struct {
	Views        *prometheus.CounterVec
	ApplyStarts  *prometheus.CounterVec
	Applications *prometheus.CounterVec
	Delivered    *prometheus.CounterVec
	// Skipped counts events not counted, by reason: bot (a robot's
	// User-Agent) or overflow (the unflushed aggregate was full).
	Skipped *prometheus.CounterVec
	// FlushErrors counts flushes of the aggregate that failed (the counts
	// are kept for the next).
	FlushErrors prometheus.Counter
}

// NewStatsCounters makes the counters and registers them on r.
func NewStatsCounters(r prometheus.Registerer) *StatsCounters {
	c := &StatsCounters{
		Views: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "job_page_views_total",
			Help: "Job page views answered 200 to a visitor that is not an obvious robot, by source class."}, []string{"source"}),
		ApplyStarts: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "apply_starts_total",
			Help: "Apply forms started (first input on the job page's form, or the application form read through the API), by source class."}, []string{"source"}),
		Applications: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "applications_submitted_total",
			Help: "New applications stored, by source class."}, []string{"source"}),
		Delivered: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "applications_delivered_total",
			Help: "Applications delivered to the ATS, by the source class they came from."}, []string{"source"}),
		Skipped: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "stats_skipped_total",
			Help: "Statistics events not counted, by reason (bot, overflow)."}, []string{"reason"}),
		FlushErrors: prometheus.NewCounter(prometheus.CounterOpts{Namespace: namespace, Name: "stats_flush_errors_total",
			Help: "Failed writes of the per-ad statistics aggregate (kept for the next flush)."}),
	}
	r.MustRegister(c.Views, c.ApplyStarts, c.Applications, c.Delivered, c.Skipped, c.FlushErrors)
	return c
}
