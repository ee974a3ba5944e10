package queue

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/redis/go-redis/v9"
)

// go-redis prints its pool's dial failures to stderr with the standard
// logger, several lines a second while Redis is down. Every such failure
// also reaches jobgate as an error it reports once (a command's one line,
// /readyz, a delivery's retry), so the lines go to slog at debug level.
func init() { redis.SetLogger(debugLogger{}) }

// debugLogger is go-redis's logger on slog's default logger.
type debugLogger struct{}

func (debugLogger) Printf(ctx context.Context, format string, v ...any) {
	slog.Default().DebugContext(ctx, "redis: "+fmt.Sprintf(format, v...))
}
