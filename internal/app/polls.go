package app

import (
	"github.com/jobgate/jobgate/connectors"
	"github.com/redis/go-redis/v9"

	"github.com/jobgate/jobgate/connectors/registry"
	"github.com/jobgate/jobgate/internal/auth"
	"github.com/jobgate/jobgate/internal/ingest"
	"github.com/jobgate/jobgate/internal/intake"
	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/poll"
)

// PollService returns the feed poller over ing's store and sources, with
// the configured default interval.
func (e *Env) PollService(ing *ingest.Service, m *metrics.Metrics) *poll.Service {
	return poll.New(e.Store, ing, ing.Sources, m, e.Log, poll.Config{Interval: e.Cfg.PollInterval})
}

// ingestService is the one way ads come in, wired to the store, the
// sources and d; authn is nil where nothing authenticates (the CLI).
func (e *Env) ingestService(rdb redis.UniversalClient, authn *auth.Authenticator, d ingest.Dispatcher, m *metrics.Metrics) *ingest.Service {
	ing := &ingest.Service{Store: e.Store, Box: e.Box, Auth: authn, Dispatcher: d, Metrics: m, PublicURL: e.Cfg.PublicURL, Redis: rdb, Log: e.Log}
	ing.Sources = registry.Sources(ing, e.registryConfig())
	return ing
}

// registryConfig is the vendor-level configuration of the connectors.
func (e *Env) registryConfig() registry.Config {
	return registry.Config{TeamtailorSecret: e.Cfg.TeamtailorSecret, TeamtailorApplyURL: e.Cfg.TeamtailorApplyURL,
		TeamtailorJobBoardID: e.Cfg.TeamtailorJobBoardID, Outbound: e.Outbound}
}

// intakeService takes applications for the ads ing stores, delivering
// them through d.
func (e *Env) intakeService(ing *ingest.Service, d ingest.Dispatcher, m *metrics.Metrics) *intake.Service {
	return intake.New(intake.Config{Store: e.Store, Appliers: registry.Appliers(ing.Sources, e.Outbound), OpenIntegration: ing.OpenIntegration,
		Dispatcher: d, Box: e.Box, Metrics: m, Log: e.Log, PublicURL: e.Cfg.PublicURL, Source: e.Cfg.BoardName, FormTTL: e.Cfg.ApplyFormTTL,
		PrivacyURL: e.Cfg.PrivacyURL})
}

// knownLabels names the channels, appliers and polled vendors this
// process counts in its metrics, so their counters start at zero.
func (e *Env) knownLabels(chs []connectors.Channel) metrics.Known {
	var k metrics.Known
	for _, c := range chs {
		k.Channels = append(k.Channels, c.Name())
	}
	sources := registry.Sources(nil, e.registryConfig())
	for _, a := range registry.Appliers(sources, e.Outbound) {
		k.Appliers = append(k.Appliers, a.Name())
	}
	for _, p := range registry.Pollers(sources) {
		k.Vendors = append(k.Vendors, p.Name())
	}
	return k
}
