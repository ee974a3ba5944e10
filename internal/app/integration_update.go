package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/registry"
	"github.com/jobgate/jobgate/internal/store"
)

// ErrNoChange is returned by UpdateIntegration given nothing to set or
// unset.
var ErrNoChange = errors.New("give at least one --set key=value or --unset key")

// UpdateIntegration sets and unsets an integration's settings, plain and
// secret alike, checked as CreateIntegration checks them (names, forms,
// what the vendor requires) on the settings as they will be; its secrets
// are sealed again. It returns the integration's view (secrets masked).
// The serving processes' caches of the integration (ingest's opened
// integrations, the outbox's and API's integration caches) keep it for at
// most 5 seconds, so they see the change within that.
func (e *Env) UpdateIntegration(ctx context.Context, id string, set map[string]string, unset []string) (IntegrationView, error) {
	if len(set) == 0 && len(unset) == 0 {
		return IntegrationView{}, ErrNoChange
	}
	in, err := e.Store.GetIntegration(ctx, id)
	if err != nil {
		return IntegrationView{}, err
	}
	if in.Status == store.IntegrationDeleted {
		return IntegrationView{}, fmt.Errorf("integration %s is deleted: %w", id, store.ErrDeleted)
	}
	c, err := registry.Source(in.Vendor)
	if err != nil {
		return IntegrationView{}, err
	}
	settings, err := e.allSettings(in)
	if err != nil {
		return IntegrationView{}, err
	}
	if err := checkChange(c, settings, set, unset); err != nil {
		return IntegrationView{}, err
	}
	maps.Copy(settings, set)
	for _, k := range unset {
		delete(settings, k)
	}
	if err := e.checkSettings(ctx, c, settings); err != nil {
		return IntegrationView{}, err
	}
	plain, sealed := e.splitSealed(c, in.ID, settings)
	if _, err := e.Store.UpdateIntegration(ctx, id, plain, sealed); err != nil {
		return IntegrationView{}, err
	}
	return e.ShowIntegration(ctx, id)
}

// checkChange refuses a change naming a setting the vendor does not take
// (unsetting one the integration holds is allowed: a name stored before
// names were checked), a setting both set and unset, and unsetting a
// required one.
func checkChange(c connectors.Connector, current, set map[string]string, unset []string) error {
	named := names(set)
	for _, k := range unset {
		if _, ok := set[k]; ok {
			return fmt.Errorf("setting %s is both set and unset", k)
		}
		if _, held := current[k]; !held {
			named = append(named, k)
		}
	}
	if err := checkSettingNames(c, named); err != nil {
		return err
	}
	return checkUnsetRequired(c, unset)
}

// allSettings are the integration's plain settings and its opened secrets
// in one map.
func (e *Env) allSettings(in store.Integration) (map[string]string, error) {
	out := maps.Clone(in.Settings)
	if out == nil {
		out = map[string]string{}
	}
	secrets, err := e.openSecrets(in)
	if err != nil {
		return nil, err
	}
	maps.Copy(out, secrets)
	return out, nil
}

// openSecrets opens the integration's sealed secrets (none: an empty map).
func (e *Env) openSecrets(in store.Integration) (map[string]string, error) {
	secrets := map[string]string{}
	if len(in.SealedSecrets) == 0 {
		return secrets, nil
	}
	plain, err := e.Box.Open(in.SealedSecrets, in.ID)
	if err != nil {
		return nil, fmt.Errorf("integration %s secrets: %w", in.ID, err)
	}
	if err := json.Unmarshal(plain, &secrets); err != nil {
		return nil, fmt.Errorf("integration %s secrets: %w", in.ID, err)
	}
	return secrets, nil
}

// splitSealed splits settings into the plain ones and the secrets the
// vendor's connector declares, sealed with the master key for the
// integration id (nil when there are none).
func (e *Env) splitSealed(c connectors.Connector, id string, settings map[string]string) (map[string]string, []byte) {
	plain, secrets := map[string]string{}, map[string]string{}
	for k, v := range settings {
		if slices.Contains(c.Capabilities().SecretSettings, k) {
			secrets[k] = v
		} else {
			plain[k] = v
		}
	}
	if len(secrets) == 0 {
		return plain, nil
	}
	b, _ := json.Marshal(secrets)
	return plain, e.Box.Seal(b, id)
}

// DeleteIntegration deletes an integration (store.DeleteIntegration: its
// ads withdrawn everywhere, its keys revoked, all or nothing) and hands
// the withdraw deliveries to the shared queue; without one, the serving
// process's reconciler enqueues them. queued reports which.
func (e *Env) DeleteIntegration(ctx context.Context, id string) (del store.IntegrationDeletion, queued bool, err error) {
	if del, err = e.Store.DeleteIntegration(ctx, id); err != nil {
		return del, false, err
	}
	// The deletion is committed: a queue that fails now only delays the
	// withdrawals, which the reconciler finds pending.
	queued, err = e.EnqueueShared(ctx, del.Deliveries)
	return del, queued, err
}
