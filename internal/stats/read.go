package stats

import (
	"context"
	"fmt"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// Reader reads stored counts (store.StatsStore's read).
type Reader interface {
	ListAdStats(ctx context.Context, adID, from, to string) ([]store.AdStats, error)
	ListChannelStats(ctx context.Context, adID string) ([]store.ChannelStat, error)
}

// AdReport is an ad's report from the day it was created to today (UTC),
// as the portal and the console show it.
func AdReport(ctx context.Context, r Reader, ad store.AdRecord) (Report, error) {
	return ReportBetween(ctx, r, ad.ID, ad.CreatedAt.UTC().Format(time.DateOnly), time.Now().UTC().Format(time.DateOnly))
}

// ReportBetween is an ad's report over the UTC days from to to
// (YYYY-MM-DD, inclusive), with the channels' own figures.
func ReportBetween(ctx context.Context, r Reader, adID, from, to string) (Report, error) {
	rows, err := r.ListAdStats(ctx, adID, from, to)
	if err != nil {
		return Report{}, fmt.Errorf("stats of ad %s: %w", adID, err)
	}
	chs, err := r.ListChannelStats(ctx, adID)
	if err != nil {
		return Report{}, fmt.Errorf("channel stats of ad %s: %w", adID, err)
	}
	rep := Summarise(from, to, rows)
	rep.Channels = Channels(chs)
	return rep, nil
}
