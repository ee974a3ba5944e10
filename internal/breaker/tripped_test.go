package breaker

import (
	"errors"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
)

// TestTripped: a breaker's trip time is when it left closed; opening again
// after a failed trial keeps it, a success clears it, and another
// destination's breaker has none.
func TestTripped(t *testing.T) {
	state := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "state"}, []string{"group", "destination"})
	unwell := func(err error) bool { return connectors.ClassOf(err) == connectors.Retryable }
	s := New[int](Settings{Failures: 2, Open: 20 * time.Millisecond}, Settings{}, unwell, state, "integration")
	acme, other := Key{"webhook", "int_acme"}, Key{"webhook", "int_other"}
	retryable := func() (int, error) { return 0, connectors.NewRetryable(errors.New("boom"), 0) }
	ok := func() (int, error) { return 1, nil }

	_, _ = s.Execute(other, ok)
	_, _ = s.Execute(acme, retryable)
	_, tripped := s.TrippedSince(acme)
	require.False(t, tripped, "one failure does not trip it")
	before := time.Now()
	_, _ = s.Execute(acme, retryable)
	since, tripped := s.TrippedSince(acme)
	require.True(t, tripped)
	require.False(t, since.Before(before))

	// Open, half-open, a failed trial, open again: the same stretch.
	require.Eventually(t, func() bool {
		_, err := s.Execute(acme, retryable)
		return connectors.ClassOf(err) == connectors.Retryable
	}, time.Second, 5*time.Millisecond, "a trial call goes through once the open time is over")
	again, tripped := s.TrippedSince(acme)
	require.True(t, tripped)
	require.True(t, again.Equal(since), "a failed trial keeps when it tripped")
	require.Equal(t, map[Key]time.Time{acme: since}, s.Tripped(), "the other destination is not tripped")

	require.Eventually(t, func() bool {
		_, err := s.Execute(acme, ok)
		return err == nil
	}, time.Second, 5*time.Millisecond)
	_, tripped = s.TrippedSince(acme)
	require.False(t, tripped, "a success closes it")
	require.Empty(t, s.Tripped())
}
