package console

import (
	"context"

	"github.com/jobgate/jobgate/internal/degrade"
	"github.com/jobgate/jobgate/internal/store"
)

// degradation returns the integration's degradation of direct apply, if
// it is degraded now (see README, Degraded apply).
func (o *Console) degradation(ctx context.Context, integrationID string) (store.ApplyDegradation, bool, error) {
	ds, err := o.d.Store.ApplyDegradations(ctx)
	if err != nil {
		return store.ApplyDegradation{}, false, err
	}
	for _, d := range ds {
		if d.IntegrationID == integrationID {
			return d, true, nil
		}
	}
	return store.ApplyDegradation{}, false, nil
}

// applyState is how candidates apply to the ad now, and why.
func (o *Console) applyState(ctx context.Context, a store.AdRecord) (degrade.State, error) {
	return degrade.Current(ctx, o.d.Store, a)
}
