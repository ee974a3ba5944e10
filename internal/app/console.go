package app

import (
	"github.com/gin-gonic/gin"
	"github.com/hibiken/asynqmon"
	"github.com/redis/go-redis/v9"

	"github.com/jobgate/jobgate/internal/console"
	"github.com/jobgate/jobgate/internal/outbox"
	"github.com/jobgate/jobgate/internal/privacy"
)

// sharedRedis hands asynqmon the process's own Redis client (the embedded
// in-process Redis too, which has no address another client could dial).
type sharedRedis struct{ c redis.UniversalClient }

// MakeRedisClient implements asynq.RedisConnOpt.
func (s sharedRedis) MakeRedisClient() any { return s.c }

// faces mounts the server-rendered faces on the API's engine: the employer
// portal and the operator console with its queue monitor. The console's
// replays go to the queue through dispatcher.
func (p *process) faces(privacySvc *privacy.Service, dispatcher *outbox.Dispatcher) func(*gin.Engine) {
	portalMount := p.portalMount(privacySvc)
	queues := asynqmon.New(asynqmon.Options{RootPath: "/ops/queues", RedisConnOpt: sharedRedis{p.qc.Redis},
		// Read-only: every operator action goes through the console's
		// own forms, which carry the CSRF token and are audited.
		ReadOnly: true})
	ops := console.New(console.Deps{Store: p.env.Store, Identity: p.env.Identity, Log: p.env.Log, Queues: queues,
		Dispatch: dispatcher.Dispatch, Breakers: p.m.Breakers, Workers: p.worker,
		Inspector: p.qc.Inspector(), Integrations: p.integrationActions()})
	return func(r *gin.Engine) {
		portalMount(r)
		ops.Mount(r)
	}
}

// integrationActions are the console's integration actions, each what the
// CLI or the API does: show (as `integrations show`), rotate a key (as
// `keys rotate`), sync (as POST /v1/integrations/{id}/sync, on the
// process's poll service).
func (p *process) integrationActions() console.IntegrationActions {
	return console.IntegrationActions{Show: p.env.ShowIntegration, IssueKey: p.env.IssueKey, KeyGrace: p.env.Cfg.KeyGrace,
		Polled: p.polls.Polls, Sync: p.polls.Poll}
}
