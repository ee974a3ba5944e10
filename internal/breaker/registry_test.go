package breaker

import (
	"errors"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
)

// TestRegistry: the Sets that report to a Registry show each breaker's
// state, when it changed and its failures, open ones first; an open
// breaker whose time is up reads half-open.
func TestRegistry(t *testing.T) {
	state := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "state"}, []string{"group", "destination"})
	unwell := func(err error) bool { return connectors.ClassOf(err) == connectors.Retryable }
	reg := NewRegistry()
	hosts := New[int](Settings{Failures: 2, Open: 200 * time.Millisecond}, Settings{}, unwell, state, "host").ReportTo(reg)
	ints := New[int](Settings{Failures: 2, Open: time.Hour}, Settings{}, unwell, state, "integration").ReportTo(reg)
	fail := func() (int, error) { return 0, connectors.NewRetryable(errors.New("boom"), 0) }
	before := time.Now()
	_, _ = hosts.Execute(Key{"nav", "nav.example"}, fail)
	_, _ = ints.Execute(Key{"lever", "int_a"}, fail)
	_, _ = ints.Execute(Key{"lever", "int_a"}, fail)

	got := reg.Statuses()
	require.Len(t, got, 2)
	require.Equal(t, Status{Kind: "integration", Group: "lever", Destination: "int_a", State: StateOpen, Since: got[0].Since}, got[0], "open first")
	require.False(t, got[0].Since.Before(before), "since when it opened")
	require.Equal(t, Status{Kind: "host", Group: "nav", Destination: "nav.example", State: StateClosed, Failures: 1}, got[1],
		"closed since the start: no time, one failure so far")

	_, _ = hosts.Execute(Key{"nav", "nav.example"}, fail)
	require.Eventually(t, func() bool {
		for _, s := range reg.Statuses() {
			if s.Destination == "nav.example" {
				return s.State == StateHalfOpen
			}
		}
		return false
	}, 5*time.Second, 20*time.Millisecond, "an open breaker whose time is up reads half-open")
	require.Empty(t, (*Registry)(nil).Statuses(), "no registry, no breakers")
}
