// Package redisaddr reads where jobgate's Redis is: REDIS_URL in one of its
// forms (one server, a Sentinel-managed master, a Cluster), or the Sentinel
// settings JOBGATE_REDIS_SENTINELS and JOBGATE_REDIS_MASTER. It turns them
// into a go-redis client; every part of jobgate and asynq then shares that
// client through redis.UniversalClient.
//
// Its errors name the variable at fault and never repeat a password.
package redisaddr

import (
	"errors"
	"strings"

	"github.com/redis/go-redis/v9"
)

// The URL schemes REDIS_URL takes.
const (
	SchemeRedis    = "redis"
	SchemeTLS      = "rediss"
	SchemeSocket   = "redis-socket"
	SchemeSentinel = "redis-sentinel"
	SchemeCluster  = "redis-cluster"
)

// Kind is the shape of a Redis set-up.
type Kind int

// The Redis set-ups jobgate connects to.
const (
	// None is no shared Redis: jobgate runs its in-process one.
	None Kind = iota
	// Single is one server (redis://, rediss://, redis-socket://).
	Single
	// Sentinel is a master found through Redis Sentinel, followed across
	// failovers.
	Sentinel
	// Cluster is a Redis Cluster.
	Cluster
)

// String names the kind for logs.
func (k Kind) String() string {
	return [...]string{"none", "single", "sentinel", "cluster"}[k]
}

// Settings are the Redis settings of the environment.
type Settings struct {
	// URL is REDIS_URL.
	URL string
	// Sentinels is JOBGATE_REDIS_SENTINELS: host:port of each sentinel,
	// the alternative to a redis-sentinel:// URL.
	Sentinels []string
	// Master is JOBGATE_REDIS_MASTER: the master's name the sentinels
	// monitor (with Sentinels only).
	Master string
	// Password is JOBGATE_REDIS_PASSWORD: the master's and replicas'
	// password with Sentinels (a URL carries its own).
	Password string
	// SentinelPassword is JOBGATE_REDIS_SENTINEL_PASSWORD: the sentinels'
	// own password (their requirepass), in either Sentinel form. Empty: the
	// sentinels take none.
	SentinelPassword string
}

// Kind reports which set-up s names, without checking it.
func (s Settings) Kind() Kind {
	switch {
	case s.URL == "" && len(s.Sentinels) == 0:
		return None
	case len(s.Sentinels) > 0:
		return Sentinel
	}
	switch scheme, _, _ := strings.Cut(s.URL, "://"); scheme {
	case SchemeSentinel:
		return Sentinel
	case SchemeCluster:
		return Cluster
	}
	return Single
}

// Shared reports whether s names a Redis of its own (not the in-process
// one), which replicas can share.
func (s Settings) Shared() bool { return s.Kind() != None }

// errURL is the one message for a REDIS_URL that cannot be read: parsers'
// errors may quote the URL, password included, so none is wrapped.
var errURL = errors.New("REDIS_URL is not a valid Redis URL: redis://[:password@]host:port/db, rediss://..., " +
	"redis-socket:///path, redis-sentinel://[:password@]host:port[,host:port...][/db]?master=name, " +
	"redis-cluster://[:password@]host:port[,host:port...]")

// Check reports what is wrong with s, naming the variable.
func (s Settings) Check() error {
	_, err := s.options()
	return err
}

// NewClient returns a client for s, which must not be None. Nothing is
// dialled yet.
func (s Settings) NewClient() (redis.UniversalClient, error) {
	o, err := s.options()
	if err != nil {
		return nil, err
	}
	switch o.kind {
	case Single:
		rc, ok := o.single.MakeRedisClient().(redis.UniversalClient)
		if !ok {
			return nil, errURL
		}
		return rc, nil
	case Sentinel:
		return redis.NewFailoverClient(o.failover), nil
	case Cluster:
		return redis.NewClusterClient(o.cluster), nil
	}
	return nil, errors.New("redisaddr: no Redis configured")
}
