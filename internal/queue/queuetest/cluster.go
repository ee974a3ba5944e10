package queuetest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// ClusterSet is a Redis Cluster of three masters (no replicas), real
// redis-server processes the test started and joined with
// `redis-cli --cluster create`.
type ClusterSet struct {
	Password string
	// Nodes are the masters' addresses.
	Nodes []string
}

// StartCluster starts a ClusterSet for the test (stopped when it ends),
// once every node reports the cluster ok with all slots served.
func StartCluster(t testing.TB) *ClusterSet {
	t.Helper()
	takeTurn(t)
	cli := Binary(t, "redis-cli")
	dir := t.TempDir()
	c := &ClusterSet{Password: "cluster-pw-7b3d"}
	for i := range 3 {
		port := ClusterPort0 + i
		requireFreePort(t, port+10000)
		c.Nodes = append(c.Nodes, startServer(t, port, c.Password, "--port", strconv.Itoa(port), "--bind", "127.0.0.1",
			"--save", "", "--appendonly", "no", "--dir", dir, "--requirepass", c.Password, "--masterauth", c.Password,
			"--cluster-enabled", "yes", "--cluster-config-file", fmt.Sprintf("nodes-%d.conf", port),
			"--cluster-node-timeout", "2000").Addr())
	}
	create := exec.Command(cli, append(append([]string{"--cluster", "create"}, c.Nodes...), "--cluster-replicas", "0", "--cluster-yes")...)
	// REDISCLI_AUTH, not -a: the password stays off the command line.
	create.Env = append(os.Environ(), "REDISCLI_AUTH="+c.Password)
	if out, err := create.CombinedOutput(); err != nil {
		t.Fatalf("redis-cli --cluster create: %v\n%s", err, out)
	}
	ctx := context.Background()
	for _, addr := range c.Nodes {
		rc := redis.NewClient(&redis.Options{Addr: addr, Password: c.Password, MaxRetries: -1})
		Eventually(t, 20*time.Second, func() error {
			info, err := rc.ClusterInfo(ctx).Result()
			if err != nil || !strings.Contains(info, "cluster_state:ok") || !strings.Contains(info, "cluster_known_nodes:3") {
				return fmt.Errorf("%q: %v", info, err)
			}
			return nil
		}, "cluster node %s not ready", addr)
		rc.Close()
	}
	return c
}

// URL is the cluster's REDIS_URL.
func (c *ClusterSet) URL() string {
	return fmt.Sprintf("redis-cluster://:%s@%s", c.Password, strings.Join(c.Nodes, ","))
}
