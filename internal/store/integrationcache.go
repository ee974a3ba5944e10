package store

import (
	"context"
	"sync"
	"time"
)

// IntegrationCache keeps integrations for a few seconds: every ad write and
// every delivery to an external channel needs its integration's vendor and
// settings, which change rarely. A change is seen within the cache's ttl.
// Whether an integration takes ads is never judged from it: a push reads
// its integration's status with its key (APIKey.IntegrationStatus, or the
// hub's fresh read for a vendor's receiver), so a disable is seen at once.
type IntegrationCache struct {
	store Store
	ttl   time.Duration
	mu    sync.Mutex
	items map[string]cachedIntegration
}

type cachedIntegration struct {
	in      Integration
	expires time.Time
}

// maxCachedIntegrations bounds the cache; past it, it starts afresh.
const maxCachedIntegrations = 10000

// NewIntegrationCache reads through s, keeping each integration for ttl.
func NewIntegrationCache(s Store, ttl time.Duration) *IntegrationCache {
	return &IntegrationCache{store: s, ttl: ttl, items: map[string]cachedIntegration{}}
}

// Get returns the integration, from the cache while it is fresh.
func (ic *IntegrationCache) Get(ctx context.Context, id string) (Integration, error) {
	now := time.Now()
	ic.mu.Lock()
	item, ok := ic.items[id]
	ic.mu.Unlock()
	if ok && now.Before(item.expires) {
		return item.in, nil
	}
	in, err := ic.store.GetIntegration(ctx, id)
	if err != nil {
		return in, err
	}
	ic.mu.Lock()
	if len(ic.items) > maxCachedIntegrations {
		clear(ic.items)
	}
	ic.items[id] = cachedIntegration{in: in, expires: now.Add(ic.ttl)}
	ic.mu.Unlock()
	return in, nil
}
