// Package config reads jobgate's configuration from the environment. Every
// variable has a default that makes the embedded mode work with nothing
// set; an invalid value stops start-up with a message naming the variable.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jobgate/jobgate/internal/mail"
	"github.com/jobgate/jobgate/internal/outbound"
	"github.com/jobgate/jobgate/internal/redisaddr"
)

// Config is jobgate's process configuration.
type Config struct {
	// Addr is where HTTP is served (JOBGATE_ADDR, default ":8080").
	Addr string
	// DataDir holds the SQLite file and the generated master key in
	// embedded mode (JOBGATE_DATA_DIR, default "./data").
	DataDir string
	// DatabaseURL selects Postgres; empty means SQLite in DataDir
	// (DATABASE_URL).
	DatabaseURL string
	// RedisURL selects Redis; empty means in-process (REDIS_URL).
	RedisURL string
	// RedisSentinels, RedisMaster and RedisPassword find Redis through
	// Sentinel instead of REDIS_URL (JOBGATE_REDIS_SENTINELS,
	// JOBGATE_REDIS_MASTER, JOBGATE_REDIS_PASSWORD); RedisSentinelPassword
	// is the sentinels' own password in either Sentinel form
	// (JOBGATE_REDIS_SENTINEL_PASSWORD). See redisaddr.Settings.
	RedisSentinels        []string
	RedisMaster           string
	RedisPassword         string
	RedisSentinelPassword string
	// MasterKey encrypts secrets at rest, base64 of 32 bytes
	// (JOBGATE_MASTER_KEY). Required with DATABASE_URL; in embedded mode a
	// key is generated into DataDir/master.key when unset.
	MasterKey string
	// PublicURL is the board's address from outside (JOBGATE_PUBLIC_URL,
	// default http://localhost:<port of Addr>).
	PublicURL string
	// LogLevel is debug, info, warn or error (JOBGATE_LOG_LEVEL, default info).
	LogLevel slog.Level
	// KeyGrace is how long a rotated key stays valid (JOBGATE_KEY_GRACE,
	// default 24h).
	KeyGrace time.Duration
	// WorkerConcurrency is how many deliveries one worker runs at once
	// (JOBGATE_WORKER_CONCURRENCY, default 20).
	WorkerConcurrency int
	// WorkerLoops is how many asynq servers a worker runs, each with its
	// own dequeue loop and WorkerConcurrency handlers
	// (JOBGATE_WORKER_LOOPS, default 2): asynq dequeues one task at a
	// time per server, so one loop caps a worker's throughput.
	WorkerLoops int
	// ChannelConcurrency is how many deliveries to external channels (NAV,
	// FINN) a worker runs at once (JOBGATE_CHANNEL_CONCURRENCY, default
	// 200): they wait on the channel, and NAV's batches of 100 fill from
	// them.
	ChannelConcurrency int
	// ApplyConcurrency is how many application deliveries a worker runs at
	// once (JOBGATE_APPLY_CONCURRENCY, default 64), on their own queue. One
	// integration's ATS holds at most a quarter of them (outbox.ShareOf),
	// so the default leaves one busy employer 16: deliveries wait on the
	// ATS, not on the CPU, and 8 could not keep up with 200 a second.
	ApplyConcurrency int
	// ApplyFormTTL is how long an ATS's application form (Teamtailor's
	// /inquiry) is used before it is read again (JOBGATE_APPLY_FORM_TTL,
	// default 3m).
	ApplyFormTTL time.Duration
	// BoardName is the board's name as the ATS shows the source of an
	// application (JOBGATE_BOARD_NAME, default "jobgate").
	BoardName string
	// TeamtailorApplyURL is the base URL of Teamtailor's Direct Apply API
	// (JOBGATE_TEAMTAILOR_APPLY_URL, default the documented production
	// URL); TeamtailorJobBoardID the board's id at Teamtailor, sent as
	// JobBoardId (JOBGATE_TEAMTAILOR_JOB_BOARD_ID; an integration's
	// job_board_id setting overrides it).
	TeamtailorApplyURL   string
	TeamtailorJobBoardID string
	// CircuitOpen is how long a channel's open circuit breaker refuses
	// calls before it lets one through (JOBGATE_CIRCUIT_OPEN, default 30s).
	CircuitOpen time.Duration
	// ApplyDegradeAfter is how long an integration's ATS breaker stays
	// tripped before its direct-apply ads redirect to the vendor's apply
	// page (JOBGATE_APPLY_DEGRADE_AFTER, default 15m; see internal/degrade).
	ApplyDegradeAfter time.Duration
	// ShutdownTimeout bounds a graceful shutdown (JOBGATE_SHUTDOWN_TIMEOUT,
	// default 25s): after ShutdownDelay, in-flight requests and running
	// deliveries finish within it, or deliveries are handed back.
	ShutdownTimeout time.Duration
	// ShutdownDelay is how long an API keeps accepting after SIGTERM, its
	// /readyz already 503, so load balancers take it out of rotation
	// before its listener closes (JOBGATE_SHUTDOWN_DELAY; default 5s with
	// DATABASE_URL, 0 embedded; see shutdown.go).
	ShutdownDelay time.Duration
	// ReconcileInterval is the time between outbox reconciler passes
	// (JOBGATE_RECONCILE_INTERVAL, default 15s).
	ReconcileInterval time.Duration
	// RetrySchedule is the wait before each retry of a delivery
	// (JOBGATE_RETRY_SCHEDULE, comma-separated durations; default
	// "0s,5s,5m,30m,2h,5h,10h,10h"; its length is the number of attempts).
	RetrySchedule []time.Duration
	// DBMaxConns bounds the Postgres pool (JOBGATE_DB_MAX_CONNS, default 32).
	DBMaxConns int
	// DBPipelineLanes is how many Postgres connections batch the hot
	// writes (JOBGATE_DB_PIPELINE_LANES, default 2; README "Benchmark").
	DBPipelineLanes int
	// TrustedProxies are CIDRs or addresses whose X-Forwarded-For is
	// believed (JOBGATE_TRUSTED_PROXIES, comma-separated, default none).
	TrustedProxies []string
	// TeamtailorSecret is the job board's API key from Teamtailor's
	// Integrations Hub: it signs Teamtailor's requests and their activation
	// JWT (JOBGATE_TEAMTAILOR_SECRET, default none: Teamtailor refused).
	TeamtailorSecret string
	// LockoutFailures is how many failed authentications with one
	// credential (a key id, the operator token, a Ponty integration's keys)
	// from one client address within LockoutWindow lock that credential out
	// from that address (JOBGATE_LOCKOUT_FAILURES, default 10).
	LockoutFailures int
	// LockoutAddressFailures is how many failed authentications of any kind
	// from one client address within LockoutWindow lock the address out
	// for every credential (JOBGATE_LOCKOUT_ADDRESS_FAILURES, default 100):
	// higher, because many tenants may share an ATS's egress address.
	LockoutAddressFailures int
	// LockoutWindow is the counting window and the lockout's length
	// (JOBGATE_LOCKOUT_WINDOW, default 15m).
	LockoutWindow time.Duration
	// PollInterval is the time between polls of a feed whose integration
	// sets no poll_interval (JOBGATE_POLL_INTERVAL, default 5m).
	PollInterval time.Duration
	// PollTick is how often a worker looks for integrations due a poll
	// (JOBGATE_POLL_TICK, default 5s).
	PollTick time.Duration
	// ChannelStatusInterval is how long a moderating channel (NAV) is
	// left before it is asked again what became of an ad it accepted
	// (JOBGATE_CHANNEL_STATUS_INTERVAL, default 1h).
	ChannelStatusInterval time.Duration
	// PublishInterval is the time between a worker's passes that publish
	// scheduled ads whose publish time came (JOBGATE_PUBLISH_INTERVAL,
	// default 1m).
	PublishInterval time.Duration
	// NAVURL, NAVProviderID and NAVToken configure the NAV arbeidsplassen
	// channel (JOBGATE_NAV_URL: the import API's root including
	// /stillingsimport; JOBGATE_NAV_PROVIDER_ID; JOBGATE_NAV_TOKEN). Unset
	// URL: no NAV channel.
	NAVURL, NAVProviderID, NAVToken string
	// NAVFilingGrace is how long after an upload a 404 from NAV on the ad
	// means NAV has not filed it yet, so a stop is asked again rather
	// than taken as done (JOBGATE_NAV_FILING_GRACE, default 10m).
	NAVFilingGrace time.Duration
	// FINNURL and FINNPartnerID configure the FINN channel
	// (JOBGATE_FINN_URL, default FINN's import host; JOBGATE_FINN_PARTNER_ID).
	// Unset partner id: no FINN channel.
	FINNURL, FINNPartnerID string
	// OperatorToken, when set, is a bearer token that reads any
	// integration's operator views such as GET /v1/integrations/{id}/sync
	// (JOBGATE_OPERATOR_TOKEN, default none: only the integration's
	// account's keys read them).
	OperatorToken string
	// OutboundAllow lists the addresses outbound calls (ATSs, feeds, NAV,
	// FINN) may reach although they are loopback, private, link-local or
	// otherwise refused (JOBGATE_OUTBOUND_ALLOW, comma-separated CIDRs,
	// default none: see internal/outbound). The demo, the tests and the
	// vendor simulators on this host need 127.0.0.0/8.
	OutboundAllow []netip.Prefix
	// MetricsAddr, when set, is the address /metrics is served on, and
	// then only there, not on Addr (JOBGATE_METRICS_ADDR, default none:
	// /metrics on Addr).
	MetricsAddr string
	// MetricsToken, when set, is the bearer token /metrics requires
	// (JOBGATE_METRICS_TOKEN, default none: /metrics open).
	MetricsToken string
	// PrivacyURL is the board's privacy notice, linked from every consent
	// of the job page and given in the application form
	// (JOBGATE_PRIVACY_URL, an absolute http(s) URL; default none).
	PrivacyURL string
	// RetentionDays is how many days applications are kept where an
	// account sets no retention of its own (JOBGATE_RETENTION_DAYS,
	// default 365).
	RetentionDays int
	// PurgeInterval is the time between retention purges in a worker
	// (JOBGATE_PURGE_INTERVAL, default 1h).
	PurgeInterval time.Duration
	// SMTPURL, when set, is the SMTP server invitations and password
	// resets are mailed through (JOBGATE_SMTP_URL,
	// smtp://[user:pass@]host:port?from=address, STARTTLS when offered, or
	// smtps:// for TLS from the start; default none: the links are printed
	// to the operator instead).
	SMTPURL string
}

// Redis returns the Redis settings.
func (c Config) Redis() redisaddr.Settings {
	return redisaddr.Settings{URL: c.RedisURL, Sentinels: c.RedisSentinels, Master: c.RedisMaster,
		Password: c.RedisPassword, SentinelPassword: c.RedisSentinelPassword}
}

// Embedded reports whether jobgate runs on SQLite and in-process Redis.
func (c Config) Embedded() bool { return c.DatabaseURL == "" }

// SQLitePath is the embedded database file.
func (c Config) SQLitePath() string { return filepath.Join(c.DataDir, "jobgate.db") }

// FromEnv reads the configuration; getenv is os.Getenv outside tests.
func FromEnv(getenv func(string) string) (Config, error) {
	r := reader{getenv: getenv}
	c := Config{
		Addr:                  r.str("JOBGATE_ADDR", ":8080"),
		DataDir:               r.str("JOBGATE_DATA_DIR", "./data"),
		DatabaseURL:           r.str("DATABASE_URL", ""),
		RedisURL:              r.str("REDIS_URL", ""),
		MasterKey:             r.str("JOBGATE_MASTER_KEY", ""),
		LogLevel:              r.level("JOBGATE_LOG_LEVEL", slog.LevelInfo),
		KeyGrace:              r.duration("JOBGATE_KEY_GRACE", 24*time.Hour),
		WorkerConcurrency:     r.positive("JOBGATE_WORKER_CONCURRENCY", 20),
		WorkerLoops:           r.positive("JOBGATE_WORKER_LOOPS", 2),
		ChannelConcurrency:    r.positive("JOBGATE_CHANNEL_CONCURRENCY", 200),
		ApplyConcurrency:      r.positive("JOBGATE_APPLY_CONCURRENCY", 64),
		ApplyFormTTL:          r.duration("JOBGATE_APPLY_FORM_TTL", 3*time.Minute),
		BoardName:             r.str("JOBGATE_BOARD_NAME", "jobgate"),
		TeamtailorApplyURL:    r.str("JOBGATE_TEAMTAILOR_APPLY_URL", ""),
		TeamtailorJobBoardID:  r.str("JOBGATE_TEAMTAILOR_JOB_BOARD_ID", ""),
		ShutdownTimeout:       r.duration("JOBGATE_SHUTDOWN_TIMEOUT", 25*time.Second),
		ReconcileInterval:     r.duration("JOBGATE_RECONCILE_INTERVAL", 15*time.Second),
		RetrySchedule:         r.durations("JOBGATE_RETRY_SCHEDULE", "0s,5s,5m,30m,2h,5h,10h,10h"),
		DBMaxConns:            r.positive("JOBGATE_DB_MAX_CONNS", 32),
		DBPipelineLanes:       r.positive("JOBGATE_DB_PIPELINE_LANES", 2),
		TrustedProxies:        r.list("JOBGATE_TRUSTED_PROXIES"),
		LockoutFailures:       r.positive("JOBGATE_LOCKOUT_FAILURES", 10),
		TeamtailorSecret:      r.str("JOBGATE_TEAMTAILOR_SECRET", ""),
		LockoutWindow:         r.duration("JOBGATE_LOCKOUT_WINDOW", 15*time.Minute),
		PollInterval:          r.duration("JOBGATE_POLL_INTERVAL", 5*time.Minute),
		PollTick:              r.duration("JOBGATE_POLL_TICK", 5*time.Second),
		OperatorToken:         r.str("JOBGATE_OPERATOR_TOKEN", ""),
		MetricsAddr:           r.str("JOBGATE_METRICS_ADDR", ""),
		MetricsToken:          r.str("JOBGATE_METRICS_TOKEN", ""),
		CircuitOpen:           r.duration("JOBGATE_CIRCUIT_OPEN", 30*time.Second),
		ChannelStatusInterval: r.duration("JOBGATE_CHANNEL_STATUS_INTERVAL", time.Hour),
		NAVURL:                r.str("JOBGATE_NAV_URL", ""),
		NAVProviderID:         r.str("JOBGATE_NAV_PROVIDER_ID", ""),
		NAVToken:              r.str("JOBGATE_NAV_TOKEN", ""),
		NAVFilingGrace:        r.duration("JOBGATE_NAV_FILING_GRACE", 10*time.Minute),
		FINNURL:               r.str("JOBGATE_FINN_URL", ""),
		FINNPartnerID:         r.str("JOBGATE_FINN_PARTNER_ID", ""),
	}
	c.OutboundAllow = r.prefixes("JOBGATE_OUTBOUND_ALLOW")
	c.PublicURL = strings.TrimRight(r.str("JOBGATE_PUBLIC_URL", defaultPublicURL(c.Addr)), "/")
	c.LockoutAddressFailures = r.positive("JOBGATE_LOCKOUT_ADDRESS_FAILURES", 100)
	c.RetentionDays = r.days("JOBGATE_RETENTION_DAYS", 365)
	c.PurgeInterval = r.duration("JOBGATE_PURGE_INTERVAL", time.Hour)
	c.PublishInterval = r.duration("JOBGATE_PUBLISH_INTERVAL", time.Minute)
	c.SMTPURL = r.str("JOBGATE_SMTP_URL", "")
	c.ApplyDegradeAfter = r.duration("JOBGATE_APPLY_DEGRADE_AFTER", 15*time.Minute)
	c.ShutdownDelay = r.nonNegative("JOBGATE_SHUTDOWN_DELAY", defaultShutdownDelay(c))
	if c.SMTPURL != "" {
		_, err := mail.Parse(c.SMTPURL)
		r.check("JOBGATE_SMTP_URL", err)
	}
	r.check("JOBGATE_ADDR", validAddr(c.Addr))
	r.check("JOBGATE_PUBLIC_URL", validHTTPURL(c.PublicURL))
	r.check("DATABASE_URL", validScheme(c.DatabaseURL, "postgres", "postgresql"))
	c.RedisSentinels = r.list("JOBGATE_REDIS_SENTINELS")
	c.RedisMaster = r.str("JOBGATE_REDIS_MASTER", "")
	c.RedisPassword = r.str("JOBGATE_REDIS_PASSWORD", "")
	c.RedisSentinelPassword = r.str("JOBGATE_REDIS_SENTINEL_PASSWORD", "")
	if err := c.Redis().Check(); err != nil {
		r.errs = append(r.errs, err) // it names its variable
	}
	if c.MetricsAddr != "" {
		r.check("JOBGATE_METRICS_ADDR", validAddr(c.MetricsAddr))
		if c.MetricsAddr == c.Addr {
			r.check("JOBGATE_METRICS_ADDR", errors.New("must differ from JOBGATE_ADDR"))
		}
	}
	if c.NAVURL != "" {
		r.check("JOBGATE_NAV_URL", validHTTPURL(c.NAVURL))
		if c.NAVProviderID == "" || c.NAVToken == "" {
			r.check("JOBGATE_NAV_URL", errors.New("needs JOBGATE_NAV_PROVIDER_ID and JOBGATE_NAV_TOKEN"))
		}
	}
	if c.FINNURL != "" {
		r.check("JOBGATE_FINN_URL", validHTTPURL(c.FINNURL))
	}
	if c.PrivacyURL = r.str("JOBGATE_PRIVACY_URL", ""); c.PrivacyURL != "" {
		r.check("JOBGATE_PRIVACY_URL", validHTTPURL(c.PrivacyURL))
	}
	if c.DatabaseURL != "" && c.MasterKey == "" {
		r.check("JOBGATE_MASTER_KEY", errors.New("is required with DATABASE_URL (generate one: openssl rand -base64 32)"))
	}
	return c, errors.Join(r.errs...)
}

// FromOS reads the configuration from the process environment.
func FromOS() (Config, error) { return FromEnv(os.Getenv) }

func defaultPublicURL(addr string) string {
	_, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		port = "8080"
	}
	return "http://localhost:" + port
}

func validAddr(addr string) error {
	if _, port, err := net.SplitHostPort(addr); err != nil || port == "" {
		return errors.New("must be host:port or :port")
	}
	return nil
}

func validHTTPURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("must be an absolute http(s) URL")
	}
	return nil
}

func validScheme(s string, schemes ...string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err == nil {
		for _, sc := range schemes {
			if u.Scheme == sc {
				return nil
			}
		}
	}
	return fmt.Errorf("must be a URL with scheme %s", strings.Join(schemes, ", "))
}

// reader collects every bad variable so one start-up reports them all.
type reader struct {
	getenv func(string) string
	errs   []error
}

func (r *reader) check(name string, err error) {
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("%s %w", name, err))
	}
}

func (r *reader) str(name, def string) string {
	if v := strings.TrimSpace(r.getenv(name)); v != "" {
		return v
	}
	return def
}

func (r *reader) duration(name string, def time.Duration) time.Duration {
	v := r.str(name, "")
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		r.check(name, errors.New("must be a positive Go duration such as 30s or 24h"))
		return def
	}
	return d
}

func (r *reader) durations(name, def string) []time.Duration {
	var out []time.Duration
	for _, p := range strings.Split(r.str(name, def), ",") {
		d, err := time.ParseDuration(strings.TrimSpace(p))
		if err != nil || d < 0 {
			r.check(name, errors.New("must be comma-separated Go durations such as 0s,5s,5m"))
			return nil
		}
		out = append(out, d)
	}
	return out
}

func (r *reader) positive(name string, def int) int {
	return r.positiveOr(name, def, "must be a positive integer")
}

// positiveOr reads a positive integer, refused with problem.
func (r *reader) positiveOr(name string, def int, problem string) int {
	v := r.str(name, "")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		r.check(name, errors.New(problem))
		return def
	}
	return n
}

// days reads a number of days to keep something: a positive integer,
// since 0 or less would delete it as soon as it is stored.
func (r *reader) days(name string, def int) int {
	return r.positiveOr(name, def, "must be a positive number of days (0 or less would delete applications as soon as they arrive)")
}

func (r *reader) level(name string, def slog.Level) slog.Level {
	v := r.str(name, "")
	if v == "" {
		return def
	}
	var l slog.Level
	if err := l.UnmarshalText([]byte(v)); err != nil {
		r.check(name, errors.New("must be debug, info, warn or error"))
		return def
	}
	return l
}

func (r *reader) prefixes(name string) []netip.Prefix {
	p, err := outbound.ParseAllow(r.str(name, ""))
	if err != nil {
		r.check(name, fmt.Errorf("must be comma-separated CIDRs such as 127.0.0.0/8,10.0.0.0/8: %w", err))
	}
	return p
}

func (r *reader) list(name string) []string {
	var out []string
	for _, p := range strings.Split(r.str(name, ""), ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
