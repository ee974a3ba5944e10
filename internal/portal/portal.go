// Package portal is the employer portal: server-rendered pages under
// /portal/ (sign-in, the ads a person may see with their recruiting teams,
// their applications with the delivery ledger and the CV) and the same
// data as JSON under /v1/portal/ for scripts and tests. It stands on
// internal/identity for users, sessions and CSRF, and on the store's
// PortalStore, which filters what a viewer may see in SQL: an admin sees
// its account, a user the ads whose team holds its e-mail. Whatever a
// viewer may not see answers 404, exactly as an id that does not exist.
package portal

import (
	"log/slog"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/identity"
	"github.com/jobgate/jobgate/internal/privacy"
	"github.com/jobgate/jobgate/internal/store"
)

// maxFormBytes bounds a portal form or JSON body.
const maxFormBytes = 64 << 10

// Deps is what the portal needs.
type Deps struct {
	Store    store.Store
	Identity *identity.Service
	Log      *slog.Logger
	// The account settings' needs: candidates' export and erasure, API
	// keys issued as the CLI issues them and the rotation's grace
	// (JOBGATE_KEY_GRACE), and the installation's default retention
	// (JOBGATE_RETENTION_DAYS) an account without its own has.
	Privacy              *privacy.Service
	IssueKey             IssueKeyFunc
	KeyGrace             time.Duration
	DefaultRetentionDays int
}

// Portal serves /portal/ and /v1/portal/.
type Portal struct {
	d Deps
}

// New returns the portal.
func New(d Deps) *Portal { return &Portal{d: d} }

// Mount registers the portal's routes on r.
func (p *Portal) Mount(r *gin.Engine) {
	pages := r.Group("/portal", guard)
	pages.GET("/", p.home)
	pages.POST("/login", p.postLogin)
	pages.GET("/password", p.passwordForm)
	pages.POST("/password", p.postPassword)
	pages.GET("/forgot", p.forgotForm)
	pages.POST("/forgot", p.postForgot)
	signed := pages.Group("", p.session(false))
	signed.POST("/logout", p.postLogout)
	signed.GET("/ads/:id", p.adPage)
	signed.POST("/ads/:id/team", p.postTeamMember)
	signed.POST("/ads/:id/team/remove", p.postTeamRemove)
	signed.GET("/applications", p.applicationsPage)
	signed.GET("/applications/:id", p.applicationPage)

	api := r.Group("/v1/portal", guard, p.session(true))
	api.GET("/session", p.getSession)
	api.GET("/ads", p.listAds)
	api.GET("/ads/:id/team", p.getTeam)
	api.PUT("/ads/:id/team", p.putTeam)
	api.GET("/applications", p.listApplications)
	api.GET("/applications/:id", p.getApplication)
	api.GET("/applications/:id/documents/:seq", p.getDocument)
	p.mountSettings(r)
}

// guard is identity's page guard with the portal's body cap.
var guard = identity.PageGuard(maxFormBytes)
