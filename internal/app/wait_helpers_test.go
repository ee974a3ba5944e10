package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/store"
)

// deliveredApplications counts the job's delivered applications, and
// fails unless the job has exactly two application deliveries.
func deliveredApplications(t *testing.T, s *apptest.Server, job string) int {
	ds, err := s.Env.Store.ListDeliveries(t.Context(), store.DeliveryFilter{AdID: job})
	require.NoError(t, err)
	apply, delivered := 0, 0
	for _, d := range ds {
		if d.Kind == store.KindApply {
			apply++
			if d.State == store.DeliveryDelivered {
				delivered++
			}
		}
	}
	require.Equal(t, 2, apply, "one delivery per application")
	return delivered
}
