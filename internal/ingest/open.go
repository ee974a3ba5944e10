package ingest

import (
	"context"
	"sync"
	"time"

	"github.com/jobgate/jobgate/connectors"
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
	}
	c.mu.Lock()
	if len(c.items) >= maxOpened {
		c.items = map[string]openedIntegration{}
	}
	c.items[integrationID] = openedIntegration{in: in, expires: time.Now().Add(openTTL)}
	c.mu.Unlock()
	return in, nil
}
