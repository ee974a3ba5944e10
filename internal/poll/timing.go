package poll

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// Settings every polled integration may carry, whatever its vendor.
const (
	// SettingInterval is the time between polls, a Go duration ("5m").
	SettingInterval = "poll_interval"
	// SettingTimeout bounds one poll, fetch and diff, a Go duration.
	SettingTimeout = "poll_timeout"
)

// Config configures polling.
type Config struct {
	// Interval is the time between polls of an integration that sets no
	// poll_interval. Zero means 5 minutes.
	Interval time.Duration
	// Timeout bounds one poll where no poll_timeout is set. Zero means 2
	// minutes.
	Timeout time.Duration
	// MaxBackoff caps the wait after consecutive failed polls. Zero means
	// one hour.
	MaxBackoff time.Duration
	// Jitter spreads every wait by up to this fraction either way, so
	// integrations created together do not poll together. Zero means 0.1;
	// negative means none.
	Jitter float64
	// Breaker configures the per-integration circuit breakers.
	Breaker BreakerSettings
}

// MinInterval is the shortest poll_interval accepted: vendors' feeds are
// public endpoints we must not hammer.
const MinInterval = time.Second

func (c Config) withDefaults() Config {
	if c.Interval <= 0 {
		c.Interval = 5 * time.Minute
	}
	if c.Timeout <= 0 {
		c.Timeout = 2 * time.Minute
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = time.Hour
	}
	if c.Jitter == 0 {
		c.Jitter = 0.1
	}
	return c
}

// Timing is one integration's poll schedule.
type Timing struct {
	Interval time.Duration
	Timeout  time.Duration
	Jitter   float64
}

// TimingOf reads an integration's poll_interval and poll_timeout, with
// cfg's defaults; a bad value is an error naming the setting.
func TimingOf(settings map[string]string, cfg Config) (Timing, error) {
	cfg = cfg.withDefaults()
	t := Timing{Interval: cfg.Interval, Timeout: cfg.Timeout, Jitter: cfg.Jitter}
	for name, dst := range map[string]*time.Duration{SettingInterval: &t.Interval, SettingTimeout: &t.Timeout} {
		v, ok := settings[name]
		if !ok || v == "" {
			continue
		}
		d, err := time.ParseDuration(v)
		if err != nil || d < MinInterval {
			return t, fmt.Errorf("setting %s: want a Go duration of at least %s, such as 5m", name, MinInterval)
		}
		*dst = d
	}
	return t, nil
}

// CheckSettings validates the poll settings of a new integration.
func CheckSettings(settings map[string]string) error {
	_, err := TimingOf(settings, Config{})
	return err
}

// maxDoublings bounds the backoff's exponent.
const maxDoublings = 16

// next is when to poll after st: one interval after a success; after n
// consecutive failures, the interval doubled n-1 times up to maxBackoff,
// and never sooner than the vendor's Retry-After. Every wait is jittered.
func (t Timing) next(st store.PollState, now time.Time, maxBackoff, retryAfter time.Duration) time.Time {
	wait := t.Interval
	if st.Outcome == store.PollFailed && st.Failures > 1 {
		wait = t.Interval << min(st.Failures-1, maxDoublings)
		wait = min(wait, max(maxBackoff, t.Interval))
	}
	wait = max(wait, retryAfter)
	if t.Jitter > 0 {
		spread := float64(wait) * t.Jitter
		wait += time.Duration((rand.Float64()*2 - 1) * spread)
	}
	return now.Add(wait)
}
