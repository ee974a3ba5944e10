package config

import (
	"errors"
	"time"
)

// productionShutdownDelay is JOBGATE_SHUTDOWN_DELAY's default with
// DATABASE_URL: longer than a load balancer takes to see /readyz fail
// (Kubernetes: a readiness probe period or two, and the endpoint update
// reaching every node's proxy).
const productionShutdownDelay = 5 * time.Second

// defaultShutdownDelay is JOBGATE_SHUTDOWN_DELAY's default: none in the
// embedded mode, which runs alone, with no load balancer to tell.
func defaultShutdownDelay(c Config) time.Duration {
	if c.Embedded() {
		return 0
	}
	return productionShutdownDelay
}

// nonNegative reads a duration that may be zero (a wait that can be
// turned off).
func (r *reader) nonNegative(name string, def time.Duration) time.Duration {
	v := r.str(name, "")
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		r.check(name, errors.New("must be a Go duration of 0 or more, such as 0s or 5s"))
		return def
	}
	return d
}
