package privacy

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/jobgate/jobgate/internal/ids"
)

// purgeLockKey is the Redis key whose holder purges: one replica an
// interval.
const purgeLockKey = "jobgate:privacy:purge"

// Purger runs the retention purge every interval in a worker. Replicas
// all run one; a Redis key taken with SET NX for the interval lets one of
// them purge per interval, and is left to expire (not released), so the
// next purge, by whichever replica, comes an interval later.
type Purger struct {
	svc      *Service
	redis    redis.UniversalClient
	interval time.Duration
	owner    string
}

// NewPurger returns a Purger; interval zero means one hour.
func NewPurger(svc *Service, rc redis.UniversalClient, interval time.Duration) *Purger {
	if interval <= 0 {
		interval = time.Hour
	}
	return &Purger{svc: svc, redis: rc, interval: interval, owner: ids.New("purger")}
}

// Run purges at start and every interval until ctx ends.
func (p *Purger) Run(ctx context.Context) {
	t := time.NewTicker(p.interval)
	defer t.Stop()
	for {
		_, _, _ = p.Pass(ctx) // Pass logs its failures
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Pass purges when this replica takes the interval's lock, and says
// whether it did.
func (p *Purger) Pass(ctx context.Context) (bool, PurgeReport, error) {
	log := p.svc.opt.Log
	took, err := p.redis.SetNX(ctx, purgeLockKey, p.owner, p.interval).Result()
	if err != nil {
		if ctx.Err() == nil {
			log.Warn("privacy: purge lock", "error", err.Error())
		}
		return false, PurgeReport{}, err
	}
	if !took {
		return false, PurgeReport{}, nil
	}
	report, err := p.svc.Purge(ctx)
	if err != nil && ctx.Err() == nil {
		apps, files := report.Totals()
		log.Warn("privacy: retention purge failed; it runs again next interval", "error", err.Error(), "applications", apps, "files", files)
		// Let the next tick (of any replica) try again.
		p.redis.Del(context.WithoutCancel(ctx), purgeLockKey)
	}
	return true, report, err
}
