package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/registry"
	"github.com/jobgate/jobgate/internal/ingest"
)

// EraseAtVendor asks the ATS of the integration to delete the application
// it holds as atsID, where the integration's applier documents such a
// call (connectors.Eraser: only the signed apply webhook does). called is
// false, with no error, when there is nothing to call: the applier offers
// no erasure, the delivery left no ATS id, or the integration is gone.
// The privacy service takes it as its vendor erasure (privacy.Options).
func (e *Env) EraseAtVendor(ctx context.Context, integrationID, atsID string) (called bool, err error) {
	if atsID == "" {
		return false, nil
	}
	ing := &ingest.Service{Store: e.Store, Box: e.Box}
	in, err := ing.OpenIntegration(ctx, integrationID)
	if errors.Is(err, connectors.ErrUnknownIntegration) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("vendor erasure: %w", err)
	}
	eraser, ok := e.eraserFor(in)
	if !ok {
		return false, nil
	}
	if err := eraser.Erase(ctx, in, atsID); err != nil {
		return true, fmt.Errorf("vendor erasure at %s for integration %s: %w", eraser.Name(), integrationID, err)
	}
	return true, nil
}

// eraserFor is the integration's applier (connectors.ApplierOf) when it
// can erase.
func (e *Env) eraserFor(in connectors.Integration) (connectors.Eraser, bool) {
	sources := registry.Sources(nil, e.registryConfig())
	name := connectors.ApplierOf(in)
	for _, a := range registry.Appliers(sources, e.Outbound) {
		if a.Name() == name {
			eraser, ok := a.(connectors.Eraser)
			return eraser, ok
		}
	}
	return nil, false
}
