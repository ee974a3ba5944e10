package ingest

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/store"
)

// RecordOutcome records a later ATS status on the integration's
// application with that ATS id (connectors.OutcomeRecorder): an
// ats_status event of its ledger. An outcome outside the canonical set is
// refused (a connector's bug, not the vendor's).
func (s *Service) RecordOutcome(ctx context.Context, in connectors.Integration, o connectors.ApplicationOutcome) error {
	if !slices.Contains(store.ATSOutcomes, o.Outcome) {
		return fmt.Errorf("record outcome: %q is not a canonical outcome", o.Outcome)
	}
	_, err := s.Store.RecordATSOutcome(ctx, store.ATSOutcome{IntegrationID: in.ID, ATSID: o.ATSID, Outcome: o.Outcome, Detail: o.Event})
	if errors.Is(err, store.ErrNotFound) {
		return connectors.ErrUnknownApplication
	}
	return err
}
