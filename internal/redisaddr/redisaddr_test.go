package redisaddr

import (
	"errors"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

const secret = "s3cr3t-pw"

// TestSentinelURL: asynq's form, read with the database asynq drops and
// the password given to the master, the sentinels' from its own setting.
func TestSentinelURL(t *testing.T) {
	s := Settings{URL: "redis-sentinel://:" + secret + "@10.0.0.1:26379,10.0.0.2:26379,sentinel-3:26380/4?master=jobs",
		SentinelPassword: "sentinel-pw"}
	require.Equal(t, Sentinel, s.Kind())
	o, err := s.options()
	require.NoError(t, err)
	f := o.failover
	require.Equal(t, "jobs", f.MasterName)
	require.Equal(t, []string{"10.0.0.1:26379", "10.0.0.2:26379", "sentinel-3:26380"}, f.SentinelAddrs)
	require.Equal(t, secret, f.Password)
	require.Equal(t, "sentinel-pw", f.SentinelPassword)
	require.Equal(t, 4, f.DB)

	rc, err := s.NewClient()
	require.NoError(t, err)
	defer rc.Close()
	require.IsType(t, &redis.Client{}, rc, "a failover client is a *redis.Client following the master")
}

func TestSentinelSettings(t *testing.T) {
	s := Settings{Sentinels: []string{"a:26379", "b:26379"}, Master: "mymaster", Password: secret}
	require.Equal(t, Sentinel, s.Kind())
	require.True(t, s.Shared())
	o, err := s.options()
	require.NoError(t, err)
	require.Equal(t, "mymaster", o.failover.MasterName)
	require.Equal(t, []string{"a:26379", "b:26379"}, o.failover.SentinelAddrs)
	require.Equal(t, secret, o.failover.Password)
	require.Empty(t, o.failover.SentinelPassword, "the sentinels take no password unless told")
}

// TestClusterURL: one seed is enough (the others are found from it), and
// it still makes a cluster client, not a single-server one.
func TestClusterURL(t *testing.T) {
	for _, u := range []string{"redis-cluster://:" + secret + "@n1:7000,n2:7001", "redis-cluster://:" + secret + "@n1:7000/0", "redis-cluster://:" + secret + "@n1:7000/"} {
		s := Settings{URL: u}
		require.Equal(t, Cluster, s.Kind(), u)
		o, err := s.options()
		require.NoError(t, err, u)
		require.Equal(t, secret, o.cluster.Password)
		require.Equal(t, "n1:7000", o.cluster.Addrs[0])
		rc, err := s.NewClient()
		require.NoError(t, err)
		require.IsType(t, &redis.ClusterClient{}, rc, u)
		rc.Close()
	}
}

// TestSingleURL: the one-server forms are read as asynq reads them, as
// before.
func TestSingleURL(t *testing.T) {
	for _, u := range []string{"redis://127.0.0.1:6379/3", "rediss://:pw@host:6380/0", "redis-socket:///run/redis.sock?db=2"} {
		s := Settings{URL: u}
		require.Equal(t, Single, s.Kind(), u)
		rc, err := s.NewClient()
		require.NoError(t, err, u)
		require.IsType(t, &redis.Client{}, rc, u)
		rc.Close()
	}
	require.Equal(t, None, Settings{}.Kind())
	require.False(t, Settings{}.Shared())
	require.NoError(t, Settings{}.Check())
}

// TestInvalid: every mistake names the variable to fix and never repeats
// the password.
func TestInvalid(t *testing.T) {
	for _, c := range []struct {
		s    Settings
		name string
	}{
		{Settings{URL: "redis-sentinel://:" + secret + "@h:26379/0"}, "REDIS_URL"},
		{Settings{URL: "redis-sentinel://:" + secret + "@h:26379,h2/0?master=m"}, "REDIS_URL"},
		{Settings{URL: "redis-sentinel://:" + secret + "@h:26379/x?master=m"}, "REDIS_URL"},
		{Settings{URL: "redis-sentinel://:" + secret + "@/0?master=m"}, "REDIS_URL"},
		{Settings{URL: "redis-cluster://:" + secret + "@h:7000/2"}, "REDIS_URL"},
		{Settings{URL: "redis-cluster://:" + secret + "@h:7000?x=1"}, "REDIS_URL"},
		{Settings{URL: "redis-cluster://h:7000:" + secret}, "REDIS_URL"},
		{Settings{URL: "redis-cluster://h:99999"}, "REDIS_URL"},
		{Settings{URL: "redis://:" + secret + "@h:6379/db"}, "REDIS_URL"},
		{Settings{URL: "http://:" + secret + "@h"}, "REDIS_URL"},
		{Settings{URL: "redis://:" + secret + "@h:6379/0", SentinelPassword: secret}, "JOBGATE_REDIS_SENTINEL_PASSWORD"},
		{Settings{URL: "redis://h:6379/0", Password: secret}, "JOBGATE_REDIS_PASSWORD"},
		{Settings{URL: "redis://h:6379/0", Sentinels: []string{"a:1"}, Master: "m"}, "JOBGATE_REDIS_SENTINELS"},
		{Settings{Sentinels: []string{"a:1"}, Password: secret}, "JOBGATE_REDIS_MASTER"},
		{Settings{Master: "m", Password: secret}, "JOBGATE_REDIS_SENTINELS"},
		{Settings{Sentinels: []string{"a"}, Master: "m", Password: secret}, "JOBGATE_REDIS_SENTINELS"},
	} {
		err := c.s.Check()
		require.Error(t, err, "%+v", c.s.Kind())
		require.Contains(t, err.Error(), c.name)
		require.NotContains(t, err.Error(), secret)
		_, err = c.s.NewClient()
		require.Error(t, err)
	}
}

// FuzzSettings: no URL makes the parser panic, a refusal never repeats
// the URL's password, and what it accepts makes a client.
func FuzzSettings(f *testing.F) {
	for _, s := range []string{"redis-sentinel://:pw@a:1,b:2/3?master=m", "redis-cluster://u:pw@a:1,b:2", "redis://:pw@h:1/0",
		"redis-cluster://[::1]:7000,[::1]:7001", "redis-sentinel://a:1,,b:2?master=m", "rediss://h", "redis-socket:///x"} {
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, raw, sentinelPassword string) {
		s := Settings{URL: raw, SentinelPassword: sentinelPassword}
		err := s.Check()
		if err != nil {
			// errURL is a constant text: whatever it contains is not the URL's.
			if pw := urlPassword(raw); pw != "" && !errors.Is(err, errURL) && strings.Contains(err.Error(), pw) {
				// Unless the text is there anyway (the password "REDIS").
				other := Settings{URL: withPassword(raw, strings.Repeat("q", len(pw))), SentinelPassword: sentinelPassword}
				if oerr := other.Check(); oerr == nil || !strings.Contains(oerr.Error(), pw) {
					t.Fatalf("error %q repeats the password", err)
				}
			}
			return
		}
		if !s.Shared() {
			return
		}
		rc, err := s.NewClient()
		if err != nil {
			t.Fatalf("checked settings make no client: %v", err)
		}
		rc.Close()
	})
}

// urlPassword is the password in raw's userinfo, as a reader would take it.
// withPassword is raw with its password (urlPassword's) replaced by pw in
// place: the same URL otherwise, so a refusal that names the password only
// by chance ("address 1 of 1" with the password "1") still names it.
func withPassword(raw, pw string) string {
	scheme, rest, _ := strings.Cut(raw, "://")
	i := strings.LastIndex(rest, "@")
	user, _, _ := strings.Cut(rest[:i], ":")
	return scheme + "://" + user + ":" + pw + rest[i:]
}

func urlPassword(raw string) string {
	_, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return ""
	}
	i := strings.LastIndex(rest, "@")
	if i < 0 {
		return ""
	}
	_, pw, _ := strings.Cut(rest[:i], ":")
	return pw
}
