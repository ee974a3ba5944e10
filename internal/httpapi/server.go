// Package httpapi is jobgate's public HTTP API on gin: the generic ad API
// for ATSs (PUT/DELETE/GET /v1/ads/{reference} with an API key), the
// board's read API (GET /v1/jobs, /v1/jobs/{id}), the OpenAPI document, and
// the operational endpoints (/healthz, /readyz, /metrics). Vendor receivers
// are mounted by their connectors under /connectors/<vendor>/.
package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/auth"
	"github.com/jobgate/jobgate/internal/ingest"
	"github.com/jobgate/jobgate/internal/intake"
	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/poll"
	"github.com/jobgate/jobgate/internal/privacy"
	"github.com/jobgate/jobgate/internal/stats"
	"github.com/jobgate/jobgate/internal/store"
)

// MaxBodyBytes is the largest JSON body the API reads.
const MaxBodyBytes = 1 << 20

// ReasonShuttingDown is /readyz's reason while the process shuts down.
const ReasonShuttingDown = "shutting down"

// expectedKey marks a 5xx answer that is the process's intended state (a
// 503 from /readyz while it shuts down), logged as info, not as an error.
const expectedKey = "jobgate.expected"

// Check is one readiness check (the store, Redis).
type Check struct {
	Name string
	Ping func(ctx context.Context) error
}

// Deps is what the API needs.
type Deps struct {
	Store   store.Store
	Auth    *auth.Authenticator
	Ingest  *ingest.Service
	Metrics *metrics.Metrics
	Log     *slog.Logger
	// PublicURL is where the board is reached from outside, without a
	// trailing slash.
	PublicURL string
	// Pushers are the push connectors, each mounted at /connectors/<name>/.
	Pushers []connectors.Pusher
	// Ready lists the readiness checks.
	Ready []Check
	// Stopping, when set and true, makes /readyz answer 503 "shutting
	// down" at once, whatever the checks say: the process has begun a
	// graceful shutdown, and load balancers must stop sending to it.
	Stopping func() bool
	// TrustedProxies are the proxies whose X-Forwarded-For is believed;
	// empty trusts none, so the client address is the peer's.
	TrustedProxies []string
	// APIOnly is false for a worker-only process, which serves only the
	// operational endpoints.
	APIOnly bool
	// Polls runs and describes feed polls (the sync view).
	Polls *poll.Service
	// Intake takes applications (the application form, submissions and
	// their status).
	Intake *intake.Service
	// Privacy erases an application for the holder of its status token;
	// nil answers that erasure is unavailable.
	Privacy *privacy.Service
	// OperatorToken, when set, is a bearer token that reads every
	// integration's operator views.
	OperatorToken string
	// MetricsEndpoint serves /metrics (behind JOBGATE_METRICS_TOKEN when
	// set); nil serves Metrics.Registry openly.
	MetricsEndpoint http.Handler
	// MetricsElsewhere leaves /metrics off this handler (404): it is
	// served on its own address (JOBGATE_METRICS_ADDR).
	MetricsElsewhere bool
	// Stats counts job page views, apply starts and applications per ad
	// and source (internal/stats); nil counts nothing.
	Stats *stats.Recorder
	// Mount, when set, adds the server-rendered faces' routes (the
	// employer portal, internal/portal) to the API's engine.
	Mount func(*gin.Engine)
}

// New returns the HTTP handler.
func New(d Deps) (http.Handler, error) {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	if err := r.SetTrustedProxies(d.TrustedProxies); err != nil {
		return nil, err
	}
	r.ContextWithFallback = true
	r.HandleMethodNotAllowed = true
	r.Use(requestID(), observe(d.Log, d.Metrics), recovery(d.Log))
	r.NoRoute(func(c *gin.Context) { abort(c, http.StatusNotFound, codeNotFound, "no such endpoint") })
	r.NoMethod(func(c *gin.Context) {
		abort(c, http.StatusMethodNotAllowed, "method_not_allowed", "method not allowed")
	})

	r.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })
	r.GET("/readyz", readyz(d.Ready, d.Stopping))
	if !d.MetricsElsewhere {
		endpoint := d.MetricsEndpoint
		if endpoint == nil {
			endpoint = promhttp.HandlerFor(d.Metrics.Registry, promhttp.HandlerOpts{})
		}
		r.GET("/metrics", gin.WrapH(endpoint))
	}
	if !d.APIOnly {
		return r, nil
	}
	h := &handlers{d: d, integrations: store.NewIntegrationCache(d.Store, 5*time.Second), classifier: stats.NewClassifier(d.PublicURL)}
	r.GET("/openapi.json", serveOpenAPI)

	v1 := r.Group("/v1")
	ads := v1.Group("/ads", h.authenticate)
	ads.PUT("/:reference", takesAds, h.putAd)
	ads.DELETE("/:reference", takesAds, h.deleteAd)
	ads.GET("/:reference", h.getAd)
	ads.GET("/:reference/stats", h.getAdStats)
	v1.GET("/integrations/:id/sync", h.getSync)
	v1.POST("/integrations/:id/sync", h.postSync)
	v1.GET("/jobs", h.listJobs)
	v1.GET("/jobs/:id", h.getJob)
	v1.GET("/jobs/:id/application-form", h.getApplicationForm)
	v1.POST("/jobs/:id/applications", h.postApplication)
	v1.GET("/applications/:id", h.getApplication)
	v1.DELETE("/applications/:id", h.deleteApplication)
	r.GET("/feed.rss", h.feed)
	r.GET("/feed.xml", h.feed)
	r.GET("/jobs/:id", h.jobPage)
	r.POST("/jobs/:id/apply", h.postJobApply)
	r.POST("/jobs/:id/start", h.postApplyStart)
	r.GET("/jobs/:id/applied/:application_id", h.jobApplied)
	r.POST("/jobs/:id/applied/:application_id/erase", h.jobErase)
	for _, p := range d.Pushers {
		p.Mount(r.Group("/connectors/" + p.Name()))
	}
	if d.Mount != nil {
		d.Mount(r)
	}
	return r, nil
}

type handlers struct {
	d            Deps
	integrations *store.IntegrationCache
	classifier   stats.Classifier
}

func readyz(checks []Check, stopping func() bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		if stopping != nil && stopping() {
			// No checks: whatever they say, this process is leaving. Every
			// probe says so until it exits: logged as info, not an error.
			c.Set(expectedKey, true)
			c.JSON(http.StatusServiceUnavailable, gin.H{"ready": false, "reason": ReasonShuttingDown, "checks": gin.H{}})
			return
		}
		status, out := http.StatusOK, gin.H{}
		for _, ch := range checks {
			if err := ch.Ping(c.Request.Context()); err != nil {
				status, out[ch.Name] = http.StatusServiceUnavailable, "unreachable"
				continue
			}
			out[ch.Name] = "ok"
		}
		c.JSON(status, gin.H{"ready": status == http.StatusOK, "checks": out})
	}
}
