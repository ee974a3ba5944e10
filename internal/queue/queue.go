// Package queue connects jobgate to Redis, which carries the asynq queues,
// rate limits and lockout counters. With no Redis URL it runs an in-process
// Redis-compatible server (miniredis) for the embedded mode; its content is a
// work list that the outbox reconciler rebuilds from the database, so
// nothing is lost when the process restarts.
package queue

import (
	"context"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"github.com/jobgate/jobgate/internal/redisaddr"
)

// Conn is one process's connection to Redis.
type Conn struct {
	// Redis is the client every part of jobgate shares.
	Redis redis.UniversalClient
	// Embedded is true when Redis is the in-process miniredis.
	Embedded bool

	mini     *miniredis.Miniredis
	stopTick chan struct{}
	once     sync.Once
}

// Open connects to the Redis at url (REDIS_URL's forms: redis://,
// rediss://, redis-socket://, redis-sentinel://, redis-cluster://), or
// starts an in-process server when url is empty.
func Open(ctx context.Context, url string) (*Conn, error) {
	return OpenSettings(ctx, redisaddr.Settings{URL: url})
}

// OpenSettings connects to the Redis s names (one server, a Sentinel
// master, a Cluster), or starts an in-process server when s names none.
func OpenSettings(ctx context.Context, s redisaddr.Settings) (*Conn, error) {
	if !s.Shared() {
		return openEmbedded(), nil
	}
	rc, err := s.NewClient()
	if err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	c := &Conn{Redis: rc}
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := rc.Ping(pctx).Err(); err != nil {
		rc.Close()
		if s.Kind() == redisaddr.Sentinel {
			// go-redis tries the sentinels until the deadline, which then
			// hides why: say what to check.
			return nil, fmt.Errorf("queue: connect to Redis through Sentinel (no sentinel answered with the master's "+
				"address, or the master refused: check the sentinels' addresses and password, the master's name and password): %w", err)
		}
		return nil, fmt.Errorf("queue: connect to Redis (%s): %w", s.Kind(), err)
	}
	return c, nil
}

// openEmbedded starts miniredis, reached through Dial (an in-memory pipe,
// no port), with a goroutine that moves its clock on every second: miniredis
// does not expire keys by itself, and asynq's locks and our counters rely on
// expiry.
func openEmbedded() *Conn {
	m := miniredis.NewMiniRedis()
	c := &Conn{Embedded: true, mini: m, stopTick: make(chan struct{})}
	c.Redis = redis.NewClient(&redis.Options{
		Addr:     "miniredis",
		Dialer:   func(context.Context, string, string) (net.Conn, error) { return m.Dial() },
		PoolSize: 64,
	})
	go c.tick()
	return c
}

func (c *Conn) tick() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			c.mini.FastForward(time.Second)
		case <-c.stopTick:
			return
		}
	}
}

// Ping reports whether Redis answers.
func (c *Conn) Ping(ctx context.Context) error {
	return c.Redis.Ping(ctx).Err()
}

// Close closes the client and stops the embedded server.
func (c *Conn) Close() error {
	var err error
	c.once.Do(func() {
		err = c.Redis.Close()
		if c.mini != nil {
			close(c.stopTick)
			c.mini.Close()
		}
	})
	return err
}

// Client returns an asynq client on the shared connection.
func (c *Conn) Client() *asynq.Client { return asynq.NewClientFromRedisClient(c.Redis) }

// Inspector returns an asynq inspector on the shared connection.
func (c *Conn) Inspector() *asynq.Inspector { return asynq.NewInspectorFromRedisClient(c.Redis) }

// Server returns an asynq server on the shared connection.
func (c *Conn) Server(cfg asynq.Config) *asynq.Server {
	return asynq.NewServerFromRedisClient(c.Redis, cfg)
}

// FlushForTest empties the Redis database, as a Redis restart without
// persistence would. Only tests call it. A Cluster's keys are spread over
// its masters: each is flushed.
func (c *Conn) FlushForTest(ctx context.Context) error {
	if cc, ok := c.Redis.(*redis.ClusterClient); ok {
		return cc.ForEachMaster(ctx, func(ctx context.Context, m *redis.Client) error {
			return m.FlushDB(ctx).Err()
		})
	}
	return c.Redis.FlushDB(ctx).Err()
}
