package intake

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/degrade"
	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/secretbox"
	"github.com/jobgate/jobgate/internal/store"
)

// DedupeWindow is how long a submission without an Idempotency-Key that
// is byte for byte an accepted one is a duplicate of it.
const DedupeWindow = 10 * time.Minute

// Dispatcher enqueues deliveries after commit (outbox.Dispatcher).
type Dispatcher interface {
	Dispatch(ds ...store.Delivery)
}

// Config configures a Service.
type Config struct {
	Store store.Store
	// Appliers deliver applications: the source connectors that can, and
	// the apply webhook.
	Appliers []connectors.Applier
	// OpenIntegration returns an integration with its secrets opened.
	OpenIntegration func(ctx context.Context, integrationID string) (connectors.Integration, error)
	Dispatcher      Dispatcher
	// Box makes the status tokens.
	Box     *secretbox.Box
	Metrics *metrics.Metrics
	Log     *slog.Logger
	// PublicURL is the board's address, for job and status URLs.
	PublicURL string
	// Source is the board's name as the ATS shows the application's
	// source. Empty means "jobgate".
	Source string
	// PrivacyURL is the board's privacy notice (JOBGATE_PRIVACY_URL), given
	// with every form; empty when none is set.
	PrivacyURL string
	// FormTTL is how long an ATS's form is used before it is read again;
	// zero means 3 minutes. A form older than that is still used, up to an
	// hour, while the ATS cannot be reached.
	FormTTL time.Duration
	// Degraded says which integrations' direct apply is degraded; nil
	// reads Store through a degrade.Watch of the Service's own.
	Degraded *degrade.Watch
}

// Service takes applications.
type Service struct {
	cfg      Config
	appliers map[string]connectors.Applier

	mu    sync.Mutex
	forms map[string]cachedForm
}

// New returns a Service.
func New(cfg Config) *Service {
	if cfg.FormTTL <= 0 {
		cfg.FormTTL = 3 * time.Minute
	}
	if cfg.Source == "" {
		cfg.Source = "jobgate"
	}
	if cfg.Degraded == nil && cfg.Store != nil {
		cfg.Degraded = degrade.NewWatch(cfg.Store, 0, cfg.Log)
	}
	s := &Service{cfg: cfg, appliers: map[string]connectors.Applier{}, forms: map[string]cachedForm{}}
	for _, a := range cfg.Appliers {
		s.appliers[a.Name()] = a
	}
	return s
}

// applierFor is the applier of an integration's applications
// (connectors.ApplierOf), when it can apply with what the integration
// holds.
func (s *Service) applierFor(in connectors.Integration) (connectors.Applier, bool) {
	a, ok := s.appliers[connectors.ApplierOf(in)]
	if !ok || !a.CanApply(in) {
		return nil, false
	}
	return a, true
}
