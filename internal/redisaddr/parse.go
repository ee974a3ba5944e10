package redisaddr

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
)

// options is s read into the client options of its kind.
type options struct {
	kind     Kind
	single   asynq.RedisConnOpt
	failover *redis.FailoverOptions
	cluster  *redis.ClusterOptions
}

func (s Settings) options() (options, error) {
	if len(s.Sentinels) > 0 || s.Master != "" {
		if s.URL != "" {
			return options{}, errors.New("REDIS_URL and JOBGATE_REDIS_SENTINELS are both set: use one")
		}
		return s.sentinelSettings()
	}
	if s.Password != "" && s.URL != "" {
		return options{}, errors.New("JOBGATE_REDIS_PASSWORD goes with JOBGATE_REDIS_SENTINELS; REDIS_URL carries its own password")
	}
	if s.SentinelPassword != "" && s.Kind() != Sentinel {
		return options{}, errors.New("JOBGATE_REDIS_SENTINEL_PASSWORD is set but no Sentinel is (REDIS_URL redis-sentinel://... or JOBGATE_REDIS_SENTINELS)")
	}
	switch s.Kind() {
	case None:
		return options{kind: None}, nil
	case Sentinel:
		return s.sentinelURL()
	case Cluster:
		return clusterURL(s.URL)
	}
	opt, err := asynq.ParseRedisURI(s.URL)
	if err != nil {
		return options{}, errURL
	}
	return options{kind: Single, single: opt}, nil
}

// sentinelSettings reads JOBGATE_REDIS_SENTINELS and its companions.
func (s Settings) sentinelSettings() (options, error) {
	if len(s.Sentinels) == 0 {
		return options{}, errors.New("JOBGATE_REDIS_MASTER is set without JOBGATE_REDIS_SENTINELS")
	}
	if s.Master == "" {
		return options{}, errors.New("JOBGATE_REDIS_SENTINELS needs JOBGATE_REDIS_MASTER, the master's name the sentinels monitor")
	}
	for _, a := range s.Sentinels {
		if err := checkHostPort(a); err != nil {
			return options{}, fmt.Errorf("JOBGATE_REDIS_SENTINELS: %q %w", a, err)
		}
	}
	return options{kind: Sentinel, failover: &redis.FailoverOptions{
		MasterName:       s.Master,
		SentinelAddrs:    s.Sentinels,
		SentinelPassword: s.SentinelPassword,
		Password:         s.Password,
	}}, nil
}

// sentinelURL reads redis-sentinel://[[user]:password@]host:port[,host:port...][/db]?master=name,
// asynq's form (asynq.ParseRedisURI), with the database it ignores. The
// password is the master's and replicas' (as in redis://), not, as asynq
// reads it, the sentinels': those take JOBGATE_REDIS_SENTINEL_PASSWORD.
func (s Settings) sentinelURL() (options, error) {
	u, addrs, err := parseMulti(s.URL)
	if err != nil {
		return options{}, err
	}
	db, err := database(u.Path)
	if err != nil {
		return options{}, err
	}
	master := u.Query().Get("master")
	if master == "" {
		return options{}, errors.New("REDIS_URL redis-sentinel://... needs ?master=<name>, the master's name the sentinels monitor")
	}
	pw, _ := u.User.Password()
	return options{kind: Sentinel, failover: &redis.FailoverOptions{
		MasterName:       master,
		SentinelAddrs:    addrs,
		SentinelPassword: s.SentinelPassword,
		Username:         u.User.Username(),
		Password:         pw,
		DB:               db,
	}}, nil
}

// clusterURL reads redis-cluster://[[user]:password@]host:port[,host:port...]:
// the seed nodes (any of the cluster's), the rest found from them. A
// Cluster has database 0 only.
func clusterURL(raw string) (options, error) {
	u, addrs, err := parseMulti(raw)
	if err != nil {
		return options{}, err
	}
	if db, err := database(u.Path); err != nil || db != 0 {
		return options{}, errors.New("REDIS_URL redis-cluster://... takes no database (a Redis Cluster has database 0 only)")
	}
	if len(u.Query()) > 0 {
		return options{}, errors.New("REDIS_URL redis-cluster://... takes no query parameters")
	}
	pw, _ := u.User.Password()
	return options{kind: Cluster, cluster: &redis.ClusterOptions{
		Addrs:    addrs,
		Username: u.User.Username(),
		Password: pw,
	}}, nil
}

// parseMulti parses a URL whose host is a comma-separated host:port list.
func parseMulti(raw string) (*url.URL, []string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return nil, nil, errURL
	}
	addrs := strings.Split(u.Host, ",")
	for i, a := range addrs {
		// Counted, not quoted: a mistyped URL may have a password there.
		if err := checkHostPort(a); err != nil {
			return nil, nil, fmt.Errorf("REDIS_URL: %s address %d of %d %w", u.Scheme, i+1, len(addrs), err)
		}
	}
	return u, addrs, nil
}

func checkHostPort(a string) error {
	host, port, err := net.SplitHostPort(a)
	if err != nil || host == "" {
		return errors.New("is not host:port")
	}
	if n, err := strconv.Atoi(port); err != nil || n <= 0 || n > 65535 {
		return errors.New("has no valid port")
	}
	return nil
}

// database reads the /db path of a URL: empty or "/" is database 0.
func database(path string) (int, error) {
	p := strings.Trim(path, "/")
	if p == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(p)
	if err != nil || n < 0 {
		return 0, errors.New("REDIS_URL: the path must be a database number (/0)")
	}
	return n, nil
}
