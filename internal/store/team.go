package store

import (
	"context"
	"time"
)

// Team member sources: who put the e-mail on the ad's team.
const (
	// TeamFromATS is a recruiter the vendor names on the ad; added again
	// on every push that names them.
	TeamFromATS = "ats"
	// TeamFromPortal is a member a person added in the portal.
	TeamFromPortal = "portal"
)

// TeamMember is one e-mail on an ad's recruiting team, with the user it
// matches (UserID is "" while no user has that e-mail).
type TeamMember struct {
	Email   string
	Source  string
	AddedAt time.Time
	UserID  string
}

// TeamStore keeps the ads' recruiting teams, by lower-cased e-mail.
type TeamStore interface {
	// AddTeamMembers puts the e-mails (lower-cased by the caller) on the
	// ad's team with source, leaving those already on it as they are. It
	// returns ErrNotFound when the ad does not exist.
	AddTeamMembers(ctx context.Context, adID string, emails []string, source string) error
	// RemoveTeamMember takes an e-mail off the ad's team; ErrNotFound when
	// it was not on it.
	RemoveTeamMember(ctx context.Context, adID, email string) error
	// ListTeam lists the ad's team by e-mail, with the users they match.
	ListTeam(ctx context.Context, adID string) ([]TeamMember, error)
}
