package breaker

import (
	"errors"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
)

func TestSet(t *testing.T) {
	state := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "state"}, []string{"group", "destination"})
	unwell := func(err error) bool { return connectors.ClassOf(err) == connectors.Retryable }
	s := New[int](Settings{Open: 50 * time.Millisecond}, Settings{Failures: 3, Open: time.Hour}, unwell, state, "integration")
	acme, other := Key{"lever", "int_acme"}, Key{"lever", "int_other"}
	calls := 0
	fail := func(class func(error) error) func() (int, error) {
		return func() (int, error) { calls++; return 0, class(errors.New("boom")) }
	}
	permanent := fail(connectors.NewPermanent)
	retryable := fail(func(err error) error { return connectors.NewRetryable(err, 0) })

	for range 5 {
		_, err := s.Execute(acme, permanent)
		require.Equal(t, connectors.Permanent, connectors.ClassOf(err), "a permanent failure passes through")
	}
	require.Equal(t, 5, calls, "permanent failures do not trip the breaker")
	for range 3 {
		_, _ = s.Execute(acme, retryable)
	}
	require.Equal(t, float64(2), testutil.ToFloat64(state.WithLabelValues("lever", "int_acme")), "three retryable failures open it")
	_, err := s.Execute(acme, retryable)
	require.Equal(t, connectors.Backpressure, connectors.ClassOf(err))
	require.Equal(t, 50*time.Millisecond, connectors.RetryAfterOf(err))
	require.Equal(t, 8, calls, "an open breaker does not call")
	require.Contains(t, err.Error(), "lever integration int_acme")
	v, err := s.Execute(other, func() (int, error) { return 7, nil })
	require.NoError(t, err)
	require.Equal(t, 7, v, "another destination of the same vendor has its own breaker")
	require.Equal(t, float64(0), testutil.ToFloat64(state.WithLabelValues("lever", "int_other")), "and it stays closed")

	time.Sleep(100 * time.Millisecond)
	v, err = s.Execute(acme, func() (int, error) { return 1, nil })
	require.NoError(t, err, "after Open one call goes through")
	require.Equal(t, 1, v)
	require.Equal(t, float64(0), testutil.ToFloat64(state.WithLabelValues("lever", "int_acme")), "and its success closes it")
}
