// Package console is the operator console: server-rendered pages under
// /ops/ for the people who run the installation (overview, integrations,
// ads, applications, dead deliveries, breakers) and the asynq queue
// monitor at /ops/queues/. It stands on internal/identity for operators
// (role "operator"), sessions, lockout and CSRF, exactly as the employer
// portal does for an account's users; the two never share a session (an
// operator's session is refused by the portal, a user's by the console).
//
// Pages work without JavaScript; every change is a POST form carrying the
// session's CSRF token, and every operator action is written to the audit
// log as "operator:<id>".
package console

import (
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/hibiken/asynq"

	"github.com/jobgate/jobgate/internal/breaker"
	"github.com/jobgate/jobgate/internal/identity"
	"github.com/jobgate/jobgate/internal/store"
)

// maxFormBytes bounds a console form.
const maxFormBytes = 64 << 10

// Deps is what the console needs.
type Deps struct {
	Store    store.Store
	Identity *identity.Service
	Log      *slog.Logger
	// Queues, when set, serves the queue monitor (asynqmon) under
	// /ops/queues/, behind the operator sign-in.
	Queues http.Handler
	// Dispatch, when set, hands replayed deliveries to the queue at once;
	// without it the reconciler enqueues them on its next pass.
	Dispatch func(...store.Delivery)
	// Breakers is this process's circuit breakers' state; Workers says
	// whether this process runs the workers whose breakers they are.
	Breakers *breaker.Registry
	Workers  bool
	// Inspector reads the queues' backlog for the overview; nil shows
	// none.
	Inspector *asynq.Inspector
	// Integrations are the integrations page's actions (integrations.go).
	Integrations IntegrationActions
}

// Console serves /ops/.
type Console struct {
	d Deps
}

// New returns the console.
func New(d Deps) *Console { return &Console{d: d} }

// Mount registers the console's routes on r.
func (o *Console) Mount(r *gin.Engine) {
	pages := r.Group("/ops", guard)
	pages.GET("/", o.home)
	pages.POST("/login", o.postLogin)
	pages.GET("/password", o.passwordForm)
	pages.POST("/password", o.postPassword)
	signed := pages.Group("", o.session)
	signed.POST("/logout", o.postLogout)
	signed.GET("/ads", o.adsPage)
	signed.GET("/ads/:id", o.adPage)
	signed.GET("/applications", o.applicationsPage)
	signed.GET("/applications/:id", o.applicationPage)
	signed.GET("/dead", o.deadPage)
	signed.POST("/dead/replay", o.replayAll)
	signed.GET("/deliveries/:id", o.deliveryPage)
	signed.POST("/deliveries/:id/replay", o.replayOne)
	signed.GET("/breakers", o.breakersPage)
	signed.GET("/integrations", o.integrationsPage)
	signed.GET("/integrations/:id", o.integrationPage)
	signed.POST("/integrations/:id/disable", o.postDisable)
	signed.POST("/integrations/:id/enable", o.postEnable)
	signed.POST("/integrations/:id/sync", o.postSync)
	signed.POST("/integrations/:id/rotate-key", o.postRotateKey)
	if o.d.Queues != nil {
		signed.Any("/queues/*path", gin.WrapH(o.d.Queues))
	}
}

// pageGuard is identity's page guard with the console's body cap.
var pageGuard = identity.PageGuard(maxFormBytes)

// guard is pageGuard, and the console is never framed.
func guard(c *gin.Context) {
	pageGuard(c)
	c.Header("X-Frame-Options", "DENY")
}
