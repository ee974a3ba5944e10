package queuetest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// SentinelSet is a Redis master, its replica and three sentinels
// monitoring it, real redis-server processes the test started. The
// master and replica take Password, the sentinels SentinelPassword.
type SentinelSet struct {
	MasterName       string
	Password         string
	SentinelPassword string
	// Sentinels are the sentinels' addresses.
	Sentinels []string
	// Master and Replica are the addresses the master and the replica
	// started on; Failover swaps their roles.
	Master, Replica string

	servers map[string]*server
}

// StartSentinel starts a SentinelSet for the test (stopped when it ends),
// once every sentinel knows the replica and the other sentinels.
func StartSentinel(t testing.TB) *SentinelSet {
	t.Helper()
	takeTurn(t)
	dir := t.TempDir()
	s := &SentinelSet{MasterName: "jobgate-test", Password: "master-pw-4c1e", SentinelPassword: "sentinel-pw-9f2a"}
	data := func(port int) []string {
		// masterauth: after a failover the old master replicates from the
		// new one, which asks for the password.
		return []string{"--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
			"--dir", dir, "--requirepass", s.Password, "--masterauth", s.Password}
	}
	m := startServer(t, MasterPort, s.Password, data(MasterPort)...)
	r := startServer(t, ReplicaPort, s.Password, append(data(ReplicaPort), "--replicaof", "127.0.0.1", strconv.Itoa(MasterPort))...)
	s.Master, s.Replica = m.Addr(), r.Addr()
	s.servers = map[string]*server{s.Master: m, s.Replica: r}
	for i := range 3 {
		port := SentinelPort0 + i
		conf := filepath.Join(dir, fmt.Sprintf("sentinel-%d.conf", port))
		require.NoError(t, os.WriteFile(conf, []byte(s.sentinelConf(port, dir)), 0o600))
		s.Sentinels = append(s.Sentinels, startServer(t, port, s.SentinelPassword, conf, "--sentinel").Addr())
	}
	s.waitKnown(t)
	return s
}

// sentinelConf is a sentinel's configuration file (sentinels rewrite it,
// so it is a file, not options). down-after 1 s and failover-timeout 5 s
// keep a failover within the test's time.
func (s *SentinelSet) sentinelConf(port int, dir string) string {
	return strings.Join([]string{
		"port " + strconv.Itoa(port),
		"bind 127.0.0.1",
		"dir " + dir,
		"requirepass " + s.SentinelPassword,
		"sentinel sentinel-pass " + s.SentinelPassword,
		fmt.Sprintf("sentinel monitor %s 127.0.0.1 %d 2", s.MasterName, MasterPort),
		"sentinel auth-pass " + s.MasterName + " " + s.Password,
		"sentinel down-after-milliseconds " + s.MasterName + " 1000",
		"sentinel failover-timeout " + s.MasterName + " 5000",
		"sentinel parallel-syncs " + s.MasterName + " 1",
	}, "\n") + "\n"
}

// URL is the set's REDIS_URL (database db); the sentinels' password goes
// in JOBGATE_REDIS_SENTINEL_PASSWORD.
func (s *SentinelSet) URL(db int) string {
	return fmt.Sprintf("redis-sentinel://:%s@%s/%d?master=%s", s.Password, strings.Join(s.Sentinels, ","), db, s.MasterName)
}

// sentinel returns a client of the i-th sentinel.
func (s *SentinelSet) sentinel(i int) *redis.SentinelClient {
	return redis.NewSentinelClient(&redis.Options{Addr: s.Sentinels[i], Password: s.SentinelPassword, MaxRetries: -1})
}

// waitKnown waits until every sentinel has found the replica and the two
// other sentinels (through the master and its hello channel): before that
// a failover finds no replica to promote.
func (s *SentinelSet) waitKnown(t testing.TB) {
	t.Helper()
	ctx := context.Background()
	for i := range s.Sentinels {
		sc := s.sentinel(i)
		Eventually(t, 20*time.Second, func() error {
			reps, err := sc.Replicas(ctx, s.MasterName).Result()
			if err != nil || len(reps) != 1 || reps[0]["flags"] != "slave" || reps[0]["master-link-status"] != "ok" {
				return fmt.Errorf("replicas %v: %v", reps, err)
			}
			peers, err := sc.Sentinels(ctx, s.MasterName).Result()
			if err != nil || len(peers) != 2 {
				return fmt.Errorf("%d other sentinels: %v", len(peers), err)
			}
			return nil
		}, "sentinel %s does not know the set", s.Sentinels[i])
		sc.Close()
	}
}

// Failover makes the sentinels promote the replica (SENTINEL FAILOVER,
// which needs no agreement among them), waits until every sentinel names
// it, then kills the old master, as a failover usually follows its loss:
// nothing can still write to it (the sentinels would turn it into a
// replica only at their next look, up to 10 s on). Master names the
// promoted replica afterwards, and Replica is empty.
func (s *SentinelSet) Failover(t testing.TB) {
	t.Helper()
	ctx := context.Background()
	sc := s.sentinel(0)
	defer sc.Close()
	Eventually(t, 10*time.Second, func() error { return sc.Failover(ctx, s.MasterName).Err() }, "SENTINEL FAILOVER")
	old := s.servers[s.Master]
	s.Master, s.Replica = s.Replica, ""
	for i := range s.Sentinels {
		c := s.sentinel(i)
		Eventually(t, 20*time.Second, func() error {
			addr, err := c.GetMasterAddrByName(ctx, s.MasterName).Result()
			if err != nil || strings.Join(addr, ":") != s.Master {
				return fmt.Errorf("master %v: %v", addr, err)
			}
			return nil
		}, "sentinel %s does not name the promoted replica", s.Sentinels[i])
		c.Close()
	}
	old.kill()
}
