package demo

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/netip"
	"net/url"
	"strconv"
	"time"

	"github.com/jobgate/jobgate/internal/config"
	"github.com/jobgate/jobgate/internal/outbound"
)

// secrets are the demo's random secrets, new every run: nothing the demo
// prints works against another installation.
type secrets struct {
	// OperatorPassword and AdminPassword sign in to /ops/ and /portal/.
	OperatorPassword, AdminPassword string
	// OperatorToken is JOBGATE_OPERATOR_TOKEN (scripts: sync now).
	OperatorToken string
	// TeamtailorSecret is the board's Integrations Hub key, shared with the
	// simulated Teamtailor.
	TeamtailorSecret string
	// JobylonAppKey is the board's Jobylon Push API key.
	JobylonAppKey string
	// LeverAPIKey is the demo Lever site's Postings API key.
	LeverAPIKey string
}

func newSecrets() (secrets, error) {
	var s secrets
	for _, p := range []*string{&s.OperatorPassword, &s.AdminPassword, &s.OperatorToken, &s.TeamtailorSecret, &s.JobylonAppKey, &s.LeverAPIKey} {
		v, err := randomText()
		if err != nil {
			return secrets{}, err
		}
		*p = v
	}
	return s, nil
}

// randomText is 18 random bytes, URL-safe base64 (24 characters).
func randomText() (string, error) {
	b := make([]byte, 18)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("random secret: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// The demo's fixed names at the simulated vendors.
const (
	teamtailorJobBoard = "demo-board"
	jobylonAppID       = "demo-app"
)

// demoConfig is embedded jobgate in dir at publicURL, pointed at the
// simulators: NAV and FINN, Teamtailor's Direct Apply, and an outbound
// allow-list that lets it call them. Deliveries are retried a few times
// within seconds, so a broken simulator's deliveries are dead (and can be
// replayed) within a minute; channel states are followed every 2 s.
func demoConfig(dir, publicURL string, sims *simulators, sec secrets) (config.Config, error) {
	cfg, err := config.FromEnv(func(string) string { return "" })
	if err != nil {
		return config.Config{}, err
	}
	allow, err := allowFor(sims.URL)
	if err != nil {
		return config.Config{}, err
	}
	u, err := url.Parse(publicURL)
	if err != nil {
		return config.Config{}, err
	}
	cfg.DataDir, cfg.Addr, cfg.PublicURL = dir, u.Host, publicURL
	cfg.OutboundAllow = allow
	cfg.NAVURL, cfg.NAVToken = sims.Channels.NAV.URL(sims.URL), sims.Channels.NAV.Token()
	cfg.NAVProviderID = strconv.FormatInt(sims.Channels.NAV.ProviderID(), 10)
	cfg.FINNURL, cfg.FINNPartnerID = sims.URL, sims.Channels.FINN.PartnerID()
	cfg.TeamtailorSecret, cfg.TeamtailorApplyURL, cfg.TeamtailorJobBoardID = sec.TeamtailorSecret, sims.URL+"/teamtailor", teamtailorJobBoard
	cfg.OperatorToken = sec.OperatorToken
	cfg.RetrySchedule = []time.Duration{0, 2 * time.Second, 5 * time.Second, 10 * time.Second}
	cfg.ReconcileInterval = 2 * time.Second
	cfg.ChannelStatusInterval = 2 * time.Second
	cfg.CircuitOpen = 10 * time.Second
	cfg.ShutdownTimeout = 10 * time.Second
	return cfg, nil
}

// allowFor is the outbound allow-list (JOBGATE_OUTBOUND_ALLOW) that lets
// jobgate call the simulators at base: all of 127.0.0.0/8 on IPv4
// loopback, else the one address.
func allowFor(base string) ([]netip.Prefix, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	ip, err := netip.ParseAddr(u.Hostname())
	if err != nil {
		return nil, fmt.Errorf("--sim-addr: %w", err)
	}
	if ip.Is4() && ip.IsLoopback() {
		return outbound.ParseAllow("127.0.0.0/8")
	}
	return []netip.Prefix{netip.PrefixFrom(ip, ip.BitLen())}, nil
}
