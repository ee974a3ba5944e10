package ingest

import (
	"context"
	"fmt"

	"github.com/jobgate/jobgate/internal/store"
)

// addRecruiters puts the ad's recruiters on its recruiting team, where
// they meet the users with their e-mails. It runs on every stored push
// that names them (adding is idempotent), after the ad is committed: a
// failure here fails the push, and the vendor's retry adds them.
func (s *Service) addRecruiters(ctx context.Context, adID string, recruiters []string) error {
	if len(recruiters) == 0 {
		return nil
	}
	if err := s.Store.AddTeamMembers(ctx, adID, recruiters, store.TeamFromATS); err != nil {
		return fmt.Errorf("ad %s: recruiting team: %w", adID, err)
	}
	return nil
}
