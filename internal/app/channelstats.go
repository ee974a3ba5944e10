package app

import (
	"context"
	"fmt"
	"time"

	"github.com/jobgate/jobgate/internal/lifecycle"
)

// channelStatsFetcher reads the statistics channels report (NAV's) once
// an interval per channel, of all the workers the one that takes the
// channel's Redis lease.
func (p *process) channelStatsFetcher() *lifecycle.ChannelStatsFetcher {
	rdb := p.qc.Redis
	lease := func(ctx context.Context, key string, ttl time.Duration) (bool, error) {
		ok, err := rdb.SetNX(ctx, key, "1", ttl).Result()
		if err != nil {
			return false, fmt.Errorf("channel stats lease: %w", err)
		}
		return ok, nil
	}
	return lifecycle.NewChannelStatsFetcher(p.env.Store, p.channels, lease, p.env.Log,
		lifecycle.ChannelStatsConfig{Interval: p.opt.ChannelStatsInterval, Now: p.opt.Now})
}
