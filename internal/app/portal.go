package app

import (
	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/portal"
	"github.com/jobgate/jobgate/internal/privacy"
)

// portalMount mounts the employer portal (/portal/, /v1/portal/) on the
// API's engine, over the process's identity service; its account settings
// export and erase through privacySvc and issue keys as the CLI does.
func (p *process) portalMount(privacySvc *privacy.Service) func(*gin.Engine) {
	return portal.New(portal.Deps{Store: p.env.Store, Identity: p.env.Identity, Log: p.env.Log,
		Privacy: privacySvc, IssueKey: p.env.IssueKey, KeyGrace: p.env.Cfg.KeyGrace, DefaultRetentionDays: p.env.Cfg.RetentionDays}).Mount
}
