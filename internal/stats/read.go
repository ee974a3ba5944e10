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
}

// AdReport is an ad's report from the day it was created to today (UTC),
// as the portal and the console show it.
func AdReport(ctx context.Context, r Reader, ad store.AdRecord) (Report, error) {
	from, to := ad.CreatedAt.UTC().Format(time.DateOnly), time.Now().UTC().Format(time.DateOnly)
	rows, err := r.ListAdStats(ctx, ad.ID, from, to)
	if err != nil {
		return Report{}, fmt.Errorf("stats of ad %s: %w", ad.ID, err)
	}
	return Summarise(from, to, rows), nil
}
