package config

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/redisaddr"
)

// TestRedisSentinelSettings: the Sentinel settings are read into the Redis
// settings, trimmed, and make jobgate use a shared Redis.
func TestRedisSentinelSettings(t *testing.T) {
	c, err := FromEnv(env(map[string]string{"JOBGATE_REDIS_SENTINELS": " s1:26379, s2:26379 ", "JOBGATE_REDIS_MASTER": "mymaster",
		"JOBGATE_REDIS_PASSWORD": "pw", "JOBGATE_REDIS_SENTINEL_PASSWORD": "spw"}))
	require.NoError(t, err)
	require.Equal(t, redisaddr.Settings{Sentinels: []string{"s1:26379", "s2:26379"}, Master: "mymaster", Password: "pw", SentinelPassword: "spw"}, c.Redis())
	require.Equal(t, redisaddr.Sentinel, c.Redis().Kind())

	c, err = FromEnv(env(map[string]string{"REDIS_URL": "redis-cluster://:pw@n1:7000,n2:7000"}))
	require.NoError(t, err)
	require.Equal(t, redisaddr.Cluster, c.Redis().Kind())
}

// TestRedisSettingsRefused: a bad Redis setting stops start-up naming the
// variable, never the password.
func TestRedisSettingsRefused(t *testing.T) {
	for _, c := range []struct {
		vars map[string]string
		name string
	}{
		{map[string]string{"JOBGATE_REDIS_SENTINELS": "s1:26379"}, "JOBGATE_REDIS_MASTER"},
		{map[string]string{"JOBGATE_REDIS_SENTINELS": "s1", "JOBGATE_REDIS_MASTER": "m"}, "JOBGATE_REDIS_SENTINELS"},
		{map[string]string{"REDIS_URL": "redis://:hunter2-pw@h:6379/0", "JOBGATE_REDIS_SENTINELS": "s1:1", "JOBGATE_REDIS_MASTER": "m"}, "JOBGATE_REDIS_SENTINELS"},
		{map[string]string{"REDIS_URL": "redis-sentinel://:hunter2-pw@s1:26379/0"}, "REDIS_URL"},
		{map[string]string{"REDIS_URL": "redis-cluster://:hunter2-pw@n1:7000/3"}, "REDIS_URL"},
	} {
		_, err := FromEnv(env(c.vars))
		require.Error(t, err, c.name)
		require.Contains(t, err.Error(), c.name)
		require.NotContains(t, err.Error(), "hunter2-pw")
	}
}
