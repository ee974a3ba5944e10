package ingest

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/store"
)

// openTTL is how long an opened integration is reused: delivering an
// application needs its secrets and current key, which change rarely (a
// rotation is seen within this). Its status does not matter here:
// applications are delivered whether the integration takes ads or not, and
// pushes never read this cache.
const openTTL = 5 * time.Second

// maxOpened bounds the cache of opened integrations; past it, it starts
// afresh.
const maxOpened = 10000

// openedCache keeps opened integrations for openTTL.
type openedCache struct {
	mu    sync.Mutex
	items map[string]openedIntegration
}

type openedIntegration struct {
	in      connectors.Integration
	expires time.Time
}

// OpenIntegration returns the integration as its connector is told of it
// when it delivers an application: settings, opened secrets, and APIKey,
// the newest key valid now (the whole key string the vendor was given).
func (s *Service) OpenIntegration(ctx context.Context, integrationID string) (connectors.Integration, error) {
	s.openOnce.Do(func() { s.opened = &openedCache{items: map[string]openedIntegration{}} })
	c := s.opened
	c.mu.Lock()
	it, ok := c.items[integrationID]
	c.mu.Unlock()
	if ok && time.Now().Before(it.expires) {
		return it.in, nil
	}
	in, keys, err := s.SigningKeys(ctx, integrationID)
	if err != nil {
		return in, err
	}
	if len(keys) > 0 {
		in.APIKey = keys[0]
	} else if in.APIKey, err = s.deletedKey(ctx, integrationID); err != nil {
		return in, err
	}
	c.mu.Lock()
	if len(c.items) >= maxOpened {
		c.items = map[string]openedIntegration{}
	}
	c.items[integrationID] = openedIntegration{in: in, expires: time.Now().Add(openTTL)}
	c.mu.Unlock()
	return in, nil
}

// deletedKey is the newest key of a deleted integration, whose keys are
// all revoked: its applications still on their way are delivered (an
// application is never lost), signed as the ATS expects. For an
// integration not deleted it is "": a revoked key signs nothing more.
func (s *Service) deletedKey(ctx context.Context, integrationID string) (string, error) {
	in, err := s.Store.GetIntegration(ctx, integrationID)
	if err != nil || in.Status != store.IntegrationDeleted {
		return "", err
	}
	keys, err := s.Store.ListKeys(ctx, integrationID)
	if err != nil || len(keys) == 0 {
		return "", err
	}
	full, err := s.Store.LookupKey(ctx, keys[0].ID)
	if err != nil || full.SealedSecret == nil {
		return "", err
	}
	key, err := s.Box.Open(full.SealedSecret, full.ID)
	if err != nil {
		return "", fmt.Errorf("open key %s: %w", full.ID, err)
	}
	return string(key), nil
}
