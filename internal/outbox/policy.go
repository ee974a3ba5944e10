package outbox

import (
	"errors"
	"math/rand/v2"
	"time"

	"github.com/hibiken/asynq"

	"github.com/jobgate/jobgate/connectors"
)

// DefaultSchedule is the wait before each retry, like Svix's: at once, then
// about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (about 27 h in all),
// then dead. Its length is the number of attempts.
var DefaultSchedule = []time.Duration{0, 5 * time.Second, 5 * time.Minute, 30 * time.Minute,
	2 * time.Hour, 5 * time.Hour, 10 * time.Hour, 10 * time.Hour}

// Policy decides when a failed delivery is tried again.
type Policy struct {
	// Schedule is the wait before attempt n+1 after attempt n failed;
	// Schedule[0] is the wait before the first attempt and is not used.
	// Empty means DefaultSchedule.
	Schedule []time.Duration
	// Jitter is the random spread around each wait, as a fraction. Zero
	// means 0.2 (plus or minus 20 %); negative means none.
	Jitter float64
}

// MaxAttempts is how many attempts a delivery gets before it is dead.
func (p Policy) MaxAttempts() int { return len(p.schedule()) }

func (p Policy) schedule() []time.Duration {
	if len(p.Schedule) == 0 {
		return DefaultSchedule
	}
	return p.Schedule
}

// Delay is the wait after failed attempt number attempt (1-based), with
// jitter, but never less than what the vendor asked for (Retry-After).
func (p Policy) Delay(attempt int, asked time.Duration) time.Duration {
	s := p.schedule()
	i := min(max(attempt, 1), len(s)-1)
	d := p.jitter(s[i])
	return max(d, asked, time.Second)
}

func (p Policy) jitter(d time.Duration) time.Duration {
	j := p.Jitter
	if j == 0 {
		j = 0.2
	}
	if j < 0 || d == 0 {
		return d
	}
	f := 1 + j*(2*rand.Float64()-1)
	return time.Duration(float64(d) * f)
}

// retryIn carries the delay the Worker chose to asynq's RetryDelayFunc, so
// the row's next attempt and asynq's agree.
type retryIn struct {
	delay time.Duration
	err   error
}

func (e *retryIn) Error() string { return e.err.Error() }
func (e *retryIn) Unwrap() error { return e.err }

// RetryDelay is asynq's RetryDelayFunc: it uses the delay the Worker put on
// the error, or asynq's default for errors from elsewhere (a panic).
func RetryDelay(n int, err error, t *asynq.Task) time.Duration {
	var r *retryIn
	if errors.As(err, &r) {
		return r.delay
	}
	return asynq.DefaultRetryDelayFunc(n, err, t)
}

// IsFailure is asynq's IsFailure: backpressure (open breaker, rate limit)
// is not a failed attempt and must not use up retries.
func IsFailure(err error) bool {
	return connectors.ClassOf(err) != connectors.Backpressure
}
