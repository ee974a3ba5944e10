package metrics

// Known names the label values a process knows at start: the channels it
// publishes to, the appliers that deliver applications and the vendors
// whose feeds it polls.
type Known struct {
	Channels []string
	Appliers []string
	Vendors  []string
}

// AttemptOutcomes are the outcome labels of jobgate_outbox_attempts_total.
var AttemptOutcomes = []string{"delivered", "rejected", "superseded", "retryable", "backpressure", "permanent", "unauthorised", "dead", "needs_attention"}

// PollOutcomes are the outcome labels of jobgate_polls_total.
var PollOutcomes = []string{"ok", "not_modified", "held", "failed"}

// Initialise creates, at zero, every counter series the alert rules
// (deploy/prometheus/alerts.yml) read whose labels are known at start.
// A series born at 1 has no earlier sample, so increase() and rate() see
// nothing and the first failure would never fire an alert.
func (m *Metrics) Initialise(k Known) {
	for _, ch := range append(append([]string{}, k.Channels...), k.Appliers...) {
		for _, o := range AttemptOutcomes {
			m.OutboxAttempts.WithLabelValues(ch, o)
		}
	}
	for _, a := range k.Appliers {
		m.ApplyUnauthorised.WithLabelValues(a)
	}
	for _, v := range k.Vendors {
		for _, o := range PollOutcomes {
			m.Polls.WithLabelValues(v, o)
		}
	}
	m.AuthFailures.WithLabelValues("locked_out")
}
