package ingest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/store"
)

// TestOutcomesAgree: the connectors' canonical outcomes are the store's,
// so no outcome a connector may send is refused.
func TestOutcomesAgree(t *testing.T) {
	require.ElementsMatch(t, store.ATSOutcomes, []string{connectors.OutcomeNew, connectors.OutcomeInReview, connectors.OutcomeOnHold,
		connectors.OutcomeRejected, connectors.OutcomeHired})
}
