package ingest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/auth"
)

// Authenticate checks a jobgate key a vendor carries for its customer and
// returns the integration it selects (connectors.KeyAuthenticator).
func (s *Service) Authenticate(ctx context.Context, client, key string) (connectors.Integration, error) {
	p, err := s.Auth.Authenticate(ctx, client, "Bearer "+key)
	var locked *auth.ErrLockedOut
	var unauth *auth.ErrUnauthorized
	switch {
	case errors.As(err, &locked):
		return connectors.Integration{}, &connectors.LockedOutError{RetryAfter: locked.RetryAfter}
	case errors.As(err, &unauth):
		return connectors.Integration{}, connectors.ErrBadCredentials
	case err != nil:
		return connectors.Integration{}, err
	}
	in, err := s.Store.GetIntegration(ctx, p.IntegrationID)
	if err != nil {
		return connectors.Integration{}, err
	}
	return s.ConnectorIntegration(in)
}

// LockedOut implements connectors.Hub.
func (s *Service) LockedOut(ctx context.Context, client, credential string) (time.Duration, error) {
	wait, _, err := s.Auth.LockedFor(ctx, client, credential)
	return wait, err
}

// AuthFailed implements connectors.Hub.
func (s *Service) AuthFailed(ctx context.Context, client, credential, reason string) error {
	return s.Auth.Fail(ctx, client, credential, reason)
}

const firstUsePrefix = "jobgate:first-use:"

// FirstUse implements connectors.Hub with one SET NX, so the first replica
// to see a key wins and every other replica sees it used until ttl ends.
// A ttl that is not positive is refused: the key would never expire.
func (s *Service) FirstUse(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	if ttl <= 0 {
		return false, fmt.Errorf("ingest: first use of a key for %s", ttl)
	}
	first, err := s.Redis.SetNX(ctx, firstUsePrefix+key, "1", ttl).Result()
	if err != nil {
		return false, fmt.Errorf("ingest: first use: %w", err)
	}
	return first, nil
}
