// Package metrics defines jobgate's Prometheus metrics, all prefixed
// jobgate_ and with bounded labels (route templates, status codes, channel
// names, states, outcome classes; never personal data). The one id used
// as a label is an integration's, on the circuit breaker gauges: breakers
// are per destination, and the integrations (and channel hosts) are a set
// the board configures, not one that grows with traffic.
package metrics

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/jobgate/jobgate/internal/breaker"
)

const namespace = "jobgate"

// Metrics is the set of metrics one process exports.
type Metrics struct {
	Registry *prometheus.Registry
	// Breakers is where the process's circuit breaker Sets report their
	// state (BreakerState and PollBreaker export it as numbers; the
	// operator console reads it here, with when and why).
	Breakers *breaker.Registry

	HTTPRequests *prometheus.CounterVec
	HTTPDuration *prometheus.HistogramVec
	AuthFailures *prometheus.CounterVec
	AdChanges    *prometheus.CounterVec

	OutboxEnqueued *prometheus.CounterVec
	OutboxAttempts *prometheus.CounterVec
	OutboxDuration *prometheus.HistogramVec
	BreakerState   *prometheus.GaugeVec

	Polls        *prometheus.CounterVec
	PollDuration *prometheus.HistogramVec
	PollChanges  *prometheus.CounterVec
	PollBreaker  *prometheus.GaugeVec

	// Applications counts submissions by outcome; ApplicationLatency is
	// the time from submission to a confirmed delivery; ApplyUnauthorised
	// counts ATS refusals of an integration's credentials (alerted on).
	Applications       *prometheus.CounterVec
	ApplicationLatency *prometheus.HistogramVec
	ApplyUnauthorised  *prometheus.CounterVec
}

// New creates the metrics on a fresh registry, with the Go and process
// collectors.
func New() *Metrics {
	r := prometheus.NewRegistry()
	r.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m := &Metrics{
		Registry: r,
		Breakers: breaker.NewRegistry(),
		HTTPRequests: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "http_requests_total",
			Help: "HTTP requests answered, by route template and status code."}, []string{"route", "code"}),
		HTTPDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: namespace, Name: "http_request_duration_seconds",
			Help: "Time to answer HTTP requests, by route template.", Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5}}, []string{"route"}),
		AuthFailures: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "auth_failures_total",
			Help: "Failed API key authentications, by reason."}, []string{"reason"}),
		AdChanges: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "ad_changes_total",
			Help: "Ad writes accepted, by outcome (created, updated, unchanged, withdrawn, released: a scheduled ad whose publish time came)."}, []string{"outcome"}),
		OutboxEnqueued: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "outbox_enqueued_total",
			Help: "Outbox deliveries handed to the queue, by source (dispatch, reconcile) and result (enqueued, exists, error)."}, []string{"source", "result"}),
		OutboxAttempts: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "outbox_attempts_total",
			Help: "Delivery attempts, by channel and outcome (delivered, rejected, superseded, retryable, backpressure, permanent, unauthorised, dead, needs_attention)."}, []string{"channel", "outcome"}),
		OutboxDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: namespace, Name: "outbox_attempt_duration_seconds",
			Help: "Time a delivery attempt took, by channel.", Buckets: prometheus.DefBuckets}, []string{"channel"}),
		BreakerState: prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: namespace, Name: "circuit_breaker_state",
			Help: "Delivery circuit breaker state per destination: 0 closed, 1 half-open, 2 open. channel is the channel or applier; destination the channel's host (nav, finn) or the integration id (appliers)."}, []string{"channel", "destination"}),
		Polls: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "polls_total",
			Help: "Feed polls run, by vendor and outcome (ok, not_modified, held, failed)."}, []string{"vendor", "outcome"}),
		PollDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: namespace, Name: "poll_duration_seconds",
			Help: "Time a feed poll took, fetch and diff, by vendor.", Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60}}, []string{"vendor"}),
		PollChanges: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "poll_changes_total",
			Help: "What polls did to ads, by vendor and change (created, updated, withdrawn, unchanged, invalid, held)."}, []string{"vendor", "change"}),
		PollBreaker: prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: namespace, Name: "poll_circuit_breaker_state",
			Help: "Feed-poll circuit breaker state per integration: 0 closed, 1 half-open, 2 open."}, []string{"vendor", "integration"}),
	}
	m.Applications = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "applications_total",
		Help: "Applications submitted, by outcome (accepted, repeated, duplicate, key_reused, invalid, redirect, closed, not_found)."}, []string{"outcome"})
	m.ApplicationLatency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: namespace, Name: "application_delivery_seconds",
		Help:    "Time from an application's submission to its confirmed delivery, by applier.",
		Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2, 5, 10, 30, 60, 300, 3600}}, []string{"applier"})
	m.ApplyUnauthorised = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "apply_unauthorised_total",
		Help: "ATS answers refusing an integration's credentials (401/403), by applier; the integration's deliveries pause."}, []string{"applier"})
	r.MustRegister(m.Applications, m.ApplicationLatency, m.ApplyUnauthorised)
	r.MustRegister(m.Polls, m.PollDuration, m.PollChanges, m.PollBreaker)
	r.MustRegister(m.HTTPRequests, m.HTTPDuration, m.AuthFailures, m.AdChanges, m.OutboxEnqueued, m.OutboxAttempts, m.OutboxDuration, m.BreakerState)
	return m
}
