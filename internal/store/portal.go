package store

import (
	"context"
	"time"
)

// Viewer roles: who reads through PortalStore. They are the account roles
// of internal/identity, repeated here because the store cannot import it.
const (
	// ViewerAdmin sees every ad of its account and their applications.
	ViewerAdmin = "admin"
	// ViewerUser sees the ads of its account whose recruiting team holds
	// its e-mail, and their applications.
	ViewerUser = "user"
)

// Viewer is the signed-in person a PortalStore read is for. The store
// filters by it in SQL: nothing of another account, ever, and for a
// ViewerUser only its teams' ads. A viewer of any other role, or without
// an account, sees nothing.
type Viewer struct {
	AccountID string
	// Email is matched lower-cased against ad_team.
	Email string
	Role  string
}

// PortalAd is an ad as the portal lists it.
type PortalAd struct {
	// Ad has its Publications (the state per channel).
	Ad    AdRecord
	Title string
	// Applications counts the ad's stored applications.
	Applications int
}

// PortalQuery pages a portal list, newest first.
type PortalQuery struct {
	// AdID, when set, keeps one ad's applications.
	AdID string
	// Cursor is the next cursor of the previous page; empty for the first.
	Cursor string
	// Limit is the page size; zero means 50, at most 200.
	Limit int
}

// PortalApplication is an application as the portal lists it.
type PortalApplication struct {
	// Application has its Content (personal data: the portal shows only
	// what the page needs) and its delivery's state.
	Application ApplicationRecord
	AdTitle     string
	AdReference string
}

// PortalFile is an application's file as the portal lists it: its
// metadata and its place (Seq) among the application's files, not its bytes.
type PortalFile struct {
	Seq         int
	Kind        string
	FileName    string
	ContentType string
	Size        int64
	SHA256      string
}

// PortalApplicationDetail is one application with its files' metadata and
// its delivery ledger.
type PortalApplicationDetail struct {
	PortalApplication
	// Delivery is the apply delivery that takes it to the ATS.
	Delivery  Delivery
	Documents []PortalFile
	// FilesDeletedAt is when the files were deleted ahead of the
	// application (retention), or nil.
	FilesDeletedAt *time.Time
}

// PortalStore reads the ads and applications a signed-in user may see;
// internal/portal stands on it. Whatever the viewer may not see is
// ErrNotFound, exactly as an id that does not exist.
type PortalStore interface {
	// PortalAds lists the ads v may see, newest first, with their
	// publications and application counts, and the next page's cursor.
	PortalAds(ctx context.Context, v Viewer, q PortalQuery) ([]PortalAd, string, error)
	// PortalAd returns one ad v may see.
	PortalAd(ctx context.Context, v Viewer, adID string) (PortalAd, error)
	// PortalApplications lists the applications v may see (of q.AdID when
	// set), newest first, and the next page's cursor.
	PortalApplications(ctx context.Context, v Viewer, q PortalQuery) ([]PortalApplication, string, error)
	// PortalApplication returns one application v may see, with its files'
	// metadata and its delivery.
	PortalApplication(ctx context.Context, v Viewer, id string) (PortalApplicationDetail, error)
	// PortalDocument returns an application's file with its bytes.
	PortalDocument(ctx context.Context, v Viewer, applicationID string, seq int) (ApplicationDocument, error)
	// PortalCandidateApplications lists the candidate's other applications
	// (the same candidate_key) that v may see, newest first; none when the
	// application has no candidate key.
	PortalCandidateApplications(ctx context.Context, v Viewer, applicationID string) ([]PortalApplication, error)
	// SetPortalTeam makes emails (lower-cased by the caller) the ad's
	// portal-added team members: adds the missing, removes other portal
	// members; members the ATS names stay. v must see the ad.
	SetPortalTeam(ctx context.Context, v Viewer, adID string, emails []string) error
}
