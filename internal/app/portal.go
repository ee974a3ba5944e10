package app

import (
	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/portal"
)

// portalMount mounts the employer portal (/portal/, /v1/portal/) on the
// API's engine, over the process's identity service.
func (p *process) portalMount() func(*gin.Engine) {
	return portal.New(portal.Deps{Store: p.env.Store, Identity: p.env.Identity, Log: p.env.Log}).Mount
}
