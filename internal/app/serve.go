package app

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/hibiken/asynq"
	asynqmetrics "github.com/hibiken/asynq/x/metrics"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/finn"
	"github.com/jobgate/jobgate/connectors/nav"
	"github.com/jobgate/jobgate/connectors/registry"
	"github.com/jobgate/jobgate/internal/auth"
	"github.com/jobgate/jobgate/internal/board"
	"github.com/jobgate/jobgate/internal/degrade"
	"github.com/jobgate/jobgate/internal/httpapi"
	"github.com/jobgate/jobgate/internal/ingest"
	"github.com/jobgate/jobgate/internal/lifecycle"
	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/outbox"
	"github.com/jobgate/jobgate/internal/poll"
	"github.com/jobgate/jobgate/internal/privacy"
	"github.com/jobgate/jobgate/internal/queue"
	"github.com/jobgate/jobgate/internal/stats"
)

// maxQueued bounds the tasks waiting in the queue; the rest wait, as
// safely, as outbox rows (see outbox.Gate).
const maxQueued = 2000

// Roles a process can run.
const (
	RoleAll    = "all"
	RoleAPI    = "api"
	RoleWorker = "worker"
)

// Options are the serve command's flags.
type Options struct {
	Role string
	// NoStats turns the per-ad statistics off: nothing is counted (the
	// job page benchmark's baseline).
	NoStats bool
	// Listener, when set, is used instead of listening on Cfg.Addr.
	Listener net.Listener
	// Enqueuer, when set, wraps the asynq client the API dispatches
	// through (tests inject failures with it).
	Enqueuer func(outbox.Enqueuer) outbox.Enqueuer
	// Ready, when set, is called with the Redis connection once serving.
	Ready func(*queue.Conn)
	// WrapChannel, when set, wraps every channel the worker delivers to
	// (tests inject slow or failing channels with it).
	WrapChannel func(connectors.Channel) connectors.Channel
	// ReconcileGrace overrides the reconciler's grace (zero: its default).
	ReconcileGrace time.Duration
	// ApplyTimeout bounds one call to an ATS when set (zero: the
	// connector's HTTP client's bound, 60 s); tests of a hanging ATS set
	// it short.
	ApplyTimeout time.Duration
	// PollService, when set, is called with the process's feed poller
	// once it exists (load tools poll through it).
	PollService func(*poll.Service)
	// Now, when set, is the clock deadlines, publish times and retention
	// are judged by (tests move it on); nil means time.Now.
	Now func() time.Time
	// MetricsListener, when set with Cfg.MetricsAddr, is used instead of
	// listening on Cfg.MetricsAddr.
	MetricsListener net.Listener
	// ChannelStatsInterval, when set, is the time between two fetches of
	// a channel's statistics (zero: the channel's, NAV's hour); tests set
	// it short.
	ChannelStatsInterval time.Duration
}

// Serve runs the roles until ctx ends, then shuts down gracefully (see
// shutdown.go): /readyz answers 503 at once, an API keeps accepting for
// Cfg.ShutdownDelay, then in-flight requests and running deliveries finish
// within Cfg.ShutdownTimeout, or the deliveries are handed back.
func (e *Env) Serve(ctx context.Context, opt Options) error {
	if opt.Role == "" {
		opt.Role = RoleAll
	}
	if opt.Role != RoleAll && opt.Role != RoleAPI && opt.Role != RoleWorker {
		return fmt.Errorf("--role must be all, api or worker, not %q", opt.Role)
	}
	if !e.Cfg.Redis().Shared() && opt.Role != RoleAll {
		return fmt.Errorf("--role %s needs REDIS_URL: the in-process queue is not shared between processes", opt.Role)
	}
	qc, err := queue.OpenSettings(ctx, e.Cfg.Redis())
	if err != nil {
		return err
	}
	defer qc.Close()
	chs, err := e.channels(opt.Now)
	if err != nil {
		return err
	}
	return e.newProcess(qc, opt, chs).run(ctx)
}

// process is one running jobgate.
type process struct {
	env       *Env
	opt       Options
	qc        *queue.Conn
	m         *metrics.Metrics
	client    *asynq.Client
	enqueuer  outbox.Enqueuer
	api       bool
	worker    bool
	channels  []connectors.Channel
	readiness []httpapi.Check
	// metrics serves /metrics on JOBGATE_METRICS_ADDR; nil when unset.
	metrics *http.Server
	// polls is the process's poll service, for the console's sync.
	polls *poll.Service
	// health degrades integrations' direct apply from what the worker's
	// deliveries see (outbox, its worker); see degrade.go.
	health *degrade.Tracker
	outbox *outbox.Worker
	// stats counts per-ad sources (internal/stats).
	stats *stats.Recorder
	// stopping, inFlight, tasks and handedBack tell the shutdown
	// (shutdown.go) and /readyz where the process is.
	stopping   atomic.Bool
	inFlight   atomic.Int64
	tasks      atomic.Int64
	handedBack atomic.Int64
}

func (e *Env) newProcess(qc *queue.Conn, opt Options, chs []connectors.Channel) *process {
	m := metrics.New()
	m.RegisterOutbox(e.Store, e.Log)
	m.RegisterPublications(e.Store, e.Log)
	m.Registry.MustRegister(asynqmetrics.NewQueueMetricsCollector(qc.Inspector()))
	known := e.knownLabels(chs)
	m.RegisterOldestPending(e.Store, known, time.Now, e.Log)
	m.Initialise(known)
	m.RegisterDegraded(e.Store, e.Log)
	client := qc.Client()
	var enq outbox.Enqueuer = client
	if opt.Enqueuer != nil {
		enq = opt.Enqueuer(client)
	}
	return &process{env: e, opt: opt, qc: qc, m: m, client: client, enqueuer: enq,
		api: opt.Role != RoleWorker, worker: opt.Role != RoleAPI, health: e.applyTracker(),
		channels: wrapChannels(opt.WrapChannel, chs...),
		readiness: []httpapi.Check{
			{Name: "store", Ping: e.Store.Ping},
			{Name: "redis", Ping: qc.Ping},
		}}
}

// channels are the channels ads are published to: the board, and the
// external channels the configuration sets up.
// now, when not nil, is the clock the channels count time by.
func (e *Env) channels(now func() time.Time) ([]connectors.Channel, error) {
	cfg := e.Cfg
	ext, err := registry.Channels(registry.ChannelConfig{
		NAV: nav.Config{BaseURL: cfg.NAVURL, ProviderID: cfg.NAVProviderID, Token: cfg.NAVToken, FilingGrace: cfg.NAVFilingGrace,
			Now: now},
		FINN:     finn.Config{BaseURL: cfg.FINNURL, PartnerID: cfg.FINNPartnerID, Now: now},
		Outbound: e.Outbound,
	})
	if err != nil {
		return nil, err
	}
	return append([]connectors.Channel{board.Channel{}}, ext...), nil
}

func wrapChannels(wrap func(connectors.Channel) connectors.Channel, chs ...connectors.Channel) []connectors.Channel {
	if wrap == nil {
		return chs
	}
	out := make([]connectors.Channel, len(chs))
	for i, c := range chs {
		out[i] = wrap(c)
	}
	return out
}

func (p *process) run(ctx context.Context) error {
	cfg := p.env.Cfg
	p.stats = p.newStats()
	gate := outbox.NewGate(p.qc.Redis, maxQueued)
	dispatcher := outbox.NewDispatcher(p.enqueuer, p.m, p.env.Log, outbox.DispatcherConfig{Gate: gate})
	authn := auth.New(p.env.Store, p.qc.Redis, p.m, auth.Config{MaxFailures: cfg.LockoutFailures,
		MaxAddressFailures: cfg.LockoutAddressFailures, Window: cfg.LockoutWindow})
	p.env.Identity.UseAuthenticator(authn, p.m)
	ing := p.env.ingestService(p.qc.Redis, authn, dispatcher, p.m)
	ing.Now = p.opt.Now
	polls := p.env.PollService(ing, p.m)
	p.polls = polls
	if p.opt.PollService != nil {
		p.opt.PollService(polls)
	}
	// Ready comes after the hooks, so a test that waits for it sees them.
	if p.opt.Ready != nil {
		p.opt.Ready(p.qc)
	}
	metricsHandler := metricsEndpoint(p.m.Registry, cfg.MetricsToken)
	privacySvc := p.env.PrivacyService(p.qc.Inspector())
	handler, err := httpapi.New(httpapi.Deps{
		Store: p.env.Store, Ingest: ing, Metrics: p.m, Log: p.env.Log, PublicURL: cfg.PublicURL, Auth: authn,
		Pushers: registry.Pushers(ing.Sources), Ready: p.readiness, TrustedProxies: cfg.TrustedProxies, APIOnly: p.api,
		Polls: polls, OperatorToken: cfg.OperatorToken, Intake: p.env.intakeService(ing, dispatcher, p.m),
		Privacy:         privacySvc,
		MetricsEndpoint: metricsHandler, MetricsElsewhere: cfg.MetricsAddr != "",
		Mount: p.faces(privacySvc, dispatcher), Stats: p.stats, Stopping: p.stopping.Load,
	})
	if err != nil {
		return fmt.Errorf("JOBGATE_TRUSTED_PROXIES: %w", err)
	}
	metricsSrv, metricsLn, err := p.metricsServer(metricsHandler)
	if err != nil {
		return err
	}
	if metricsLn != nil {
		defer metricsLn.Close() // not left open when start-up fails below
	}
	ln := p.opt.Listener
	if ln == nil {
		if ln, err = net.Listen("tcp", cfg.Addr); err != nil {
			return fmt.Errorf("JOBGATE_ADDR: %w", err)
		}
	}
	srv := &http.Server{Handler: p.counted(handler), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 64 << 10}
	st := newStack(srv, gate, dispatcher)
	defer st.cancelAll()
	if p.worker {
		if err := st.startWorkers(p.workerMux(polls, ing), p.workerServers()); err != nil {
			ln.Close()
			return err
		}
		p.startLoops(st, polls, dispatcher, gate, ing)
	}
	st.startPlumbing(p.stats)
	if metricsSrv != nil {
		p.metrics = metricsSrv
		st.metrics.Go(func() { p.serveMetrics(metricsSrv, metricsLn) })
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	p.env.Log.Info("jobgate serving", "addr", ln.Addr().String(), "role", p.opt.Role, "public_url", cfg.PublicURL, "embedded", cfg.Embedded())

	select {
	case <-ctx.Done():
	case err = <-serveErr:
	}
	return p.shutdown(st, err)
}

// startLoops starts a worker's background loops: the reconciler, the poll
// scheduler, the lifecycle passes, the purge and the apply tracker. They
// stop first when the process shuts down.
func (p *process) startLoops(st *stack, polls *poll.Service, dispatcher *outbox.Dispatcher, gate *outbox.Gate, ing *ingest.Service) {
	cfg, ctx, wg := p.env.Cfg, st.loopsCtx, &st.loops
	r := outbox.NewReconciler(p.env.Store, p.client, p.m, p.env.Log, outbox.ReconcilerConfig{Interval: cfg.ReconcileInterval, Grace: p.opt.ReconcileGrace, Gate: gate})
	wg.Go(func() { r.Run(ctx) })
	sched := poll.NewScheduler(polls, p.client, p.env.Log, poll.SchedulerConfig{Tick: cfg.PollTick})
	wg.Go(func() { sched.Run(ctx) })
	expirer := lifecycle.NewExpirer(p.env.Store, ing, p.env.Log, lifecycle.ExpirerConfig{Now: p.opt.Now})
	wg.Go(func() { expirer.Run(ctx) })
	releaser := lifecycle.NewReleaser(p.env.Store, ing, p.env.Log, lifecycle.ReleaserConfig{Interval: cfg.PublishInterval, Now: p.opt.Now})
	wg.Go(func() { releaser.Run(ctx) })
	status := lifecycle.NewStatusFollower(p.env.Store, p.channels, p.env.Log, lifecycle.StatusConfig{Interval: cfg.ChannelStatusInterval})
	wg.Go(func() { status.Run(ctx) })
	chanStats := p.channelStatsFetcher()
	wg.Go(func() { chanStats.Run(ctx) })
	renewer := lifecycle.NewRenewer(p.env.Store, dispatcher, p.channels, p.env.Log, lifecycle.RenewerConfig{Now: p.opt.Now})
	wg.Go(func() { renewer.Run(ctx) })
	purger := privacy.NewPurger(p.env.privacyAt(p.qc.Inspector(), p.opt.Now), p.qc.Redis, cfg.PurgeInterval)
	wg.Go(func() { purger.Run(ctx) })
	wg.Go(func() { p.runApplyTracker(ctx) })
}
