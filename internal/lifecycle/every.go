package lifecycle

import (
	"context"
	"log/slog"
	"time"
)

// every runs pass every interval until ctx ends, first at once when
// atStart, and logs a failed pass as what.
func every(ctx context.Context, interval time.Duration, atStart bool, log *slog.Logger, what string, pass func(context.Context) (int, error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for run := atStart; ; run = true {
		if run {
			if n, err := pass(ctx); err != nil && ctx.Err() == nil {
				log.Warn(what, "error", err.Error(), "done", n)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
