package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/board"
	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/store"
)

// RateLimited is implemented by a channel that must not be called more
// than RateLimit times a second across all workers.
type RateLimited interface {
	RateLimit() float64
}

// Worker runs delivery tasks.
type Worker struct {
	store    store.Store
	channels map[string]connectors.Channel
	guard    *Guard
	policy   Policy
	m        *metrics.Metrics
	log      *slog.Logger
	jobURL   func(adID string) string
	// channelJobURL and delivered are the statistics' hooks (stats.go).
	channelJobURL func(channel, adID string) string
	delivered     func(adID, source string)

	unauthorisedPause time.Duration
	integrations      *store.IntegrationCache
	appliers          map[string]connectors.Applier
	openIntegration   IntegrationOpener
	applyTimeout      time.Duration

	// applyShares and channelShares bound the slots one destination (an
	// integration's ATS, a channel's host) holds; channelHosts names each
	// channel's host.
	applyShares, channelShares *Shares
	channelHosts               map[string]string

	dispatch func(...store.Delivery)
	health   ApplyHealth
	// adLocks serialise one ad's deliveries to one channel (adlock.go).
	adLocks *AdLocks
}

// WorkerConfig configures a Worker.
type WorkerConfig struct {
	Channels []connectors.Channel
	Guard    *Guard
	Policy   Policy
	// JobURL returns an ad's page on the board.
	JobURL func(adID string) string
	// ChannelJobURL, when set, returns the ad's page as published on a
	// channel (with the channel's utm_source, so its visitors are counted
	// as its); unset, channels get JobURL's.
	ChannelJobURL func(channel, adID string) string
	// Appliers deliver applications, by name (the delivery's channel).
	Appliers []connectors.Applier
	// OpenIntegration gives an applier its integration with opened
	// secrets and current API key; nil means no applications are
	// delivered (they go dead, to be replayed).
	OpenIntegration IntegrationOpener
	// UnauthorisedPause is how long a delivery whose channel refused
	// jobgate's credentials waits, without spending an attempt, before it
	// is tried again. Zero means 5 minutes.
	UnauthorisedPause time.Duration
	// ApplySlots and ChannelSlots are how many application and channel
	// deliveries this process runs at once (its asynq concurrency on
	// ApplyQueue and ChannelQueue): one destination holds at most
	// ShareOf of them, and a delivery beyond its destination's share
	// waits a moment without spending an attempt. Zero means no bound.
	ApplySlots, ChannelSlots int
	// ChannelHosts names each external channel's host (by channel name):
	// its breaker and its share of the slots are per channel and host.
	// A channel without one is keyed by its name alone.
	ChannelHosts map[string]string
	// ApplyTimeout bounds one call to an ATS; a call without an answer
	// by then is a retryable failure of that ATS. Zero leaves the bound to
	// the connector's HTTP client.
	ApplyTimeout time.Duration
	// Dispatch, when set, hands the deliveries the worker itself writes
	// (the withdrawal of a publish that landed late) to the queue at
	// once; without it the reconciler enqueues them after its grace.
	Dispatch func(...store.Delivery)
	// Health, when set, is told how each ATS answers and degrades the
	// integration's direct apply (see ApplyHealth).
	Health ApplyHealth
	// AdLocks, when set, lets one delivery of an ad to an external
	// channel run at a time across every worker (see AdLocks); nil leaves
	// them unserialised, which only a single worker handler may risk.
	AdLocks *AdLocks
}

// NewWorker returns a Worker.
func NewWorker(s store.Store, m *metrics.Metrics, log *slog.Logger, cfg WorkerConfig) *Worker {
	w := &Worker{store: s, guard: cfg.Guard, policy: cfg.Policy, m: m, log: log, jobURL: cfg.JobURL, channels: map[string]connectors.Channel{},
		unauthorisedPause: cfg.UnauthorisedPause, integrations: store.NewIntegrationCache(s, 5*time.Second)}
	if w.unauthorisedPause <= 0 {
		w.unauthorisedPause = 5 * time.Minute
	}
	w.appliers, w.openIntegration, w.applyTimeout = map[string]connectors.Applier{}, cfg.OpenIntegration, cfg.ApplyTimeout
	w.dispatch, w.health, w.channelJobURL = cfg.Dispatch, cfg.Health, cfg.ChannelJobURL
	w.adLocks = cfg.AdLocks
	w.applyShares, w.channelShares, w.channelHosts = NewShares(cfg.ApplySlots), NewShares(cfg.ChannelSlots), cfg.ChannelHosts
	for _, a := range cfg.Appliers {
		w.appliers[a.Name()] = a
	}
	for _, c := range cfg.Channels {
		if bp, ok := c.(connectors.BatchPublisher); ok {
			c = newBatching(bp)
		}
		w.channels[c.Name()] = c
	}
	return w
}

// ProcessTask implements asynq.Handler.
func (w *Worker) ProcessTask(ctx context.Context, t *asynq.Task) error {
	p, err := parsePayload(t)
	if err != nil {
		return err
	}
	d, rec, err := w.store.LoadDelivery(ctx, p.DeliveryID)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("outbox: delivery %s is gone: %w", p.DeliveryID, asynq.SkipRetry)
	}
	if err != nil {
		return err
	}
	if d.State != store.DeliveryPending || d.Generation != p.Generation {
		return nil // a stale task: another generation owns the row now
	}
	if d.Kind == store.KindApply {
		return w.processApply(ctx, d, rec)
	}
	release, locked, err := w.lockAd(ctx, d)
	if err != nil {
		return err
	}
	defer release()
	if locked {
		// Read again under the lock: the ad as it is now, after whatever
		// delivery held the lock recorded its outcome. Board deliveries
		// take no lock and are not read twice.
		if d, rec, err = w.store.LoadDelivery(ctx, p.DeliveryID); err != nil {
			return err
		}
		if d.State != store.DeliveryPending || d.Generation != p.Generation {
			return nil
		}
	}
	start := time.Now()
	pub, outcome, err := w.deliver(ctx, d, rec)
	w.m.OutboxDuration.WithLabelValues(d.Channel).Observe(time.Since(start).Seconds())
	if err != nil && ctx.Err() != nil {
		// Shutting down (or the task timed out): not the channel's fault.
		// asynq re-queues the task; the row is untouched, so a reconciler
		// finds it if the queue is lost too.
		return err
	}
	if err != nil && refusedAd(d, err) {
		// The channel will not take this revision of the ad: that is its
		// state there, shown with the reason, not a delivery to retry. The
		// next revision is published afresh.
		pub = &store.Publication{AdID: rec.ID, Channel: d.Channel, State: store.PublicationRejected, Revision: rec.Revision,
			Reason: truncate(err.Error(), 1000)}
		if prev := publicationOn(rec, d.Channel); prev != nil {
			pub.Reference, pub.URL = prev.Reference, prev.URL
		}
		outcome, err = "rejected", nil
	}
	if err != nil {
		return w.fail(ctx, d, err)
	}
	// A confirmed success is recorded before anything else, so a retry
	// never sends it again.
	if err := w.complete(ctx, d, pub); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return nil
		}
		return err
	}
	w.m.OutboxAttempts.WithLabelValues(d.Channel, outcome).Inc()
	return nil
}

// complete records a delivered outcome. A publish to an external channel
// may land after its ad was withdrawn (the withdrawal's delivery then
// found nothing there yet to take down): CompletePublish records it and
// writes a withdraw delivery, dispatched at once (or by the reconciler),
// so the ad is never left live there.
func (w *Worker) complete(ctx context.Context, d store.Delivery, pub *store.Publication) error {
	if d.Kind != store.KindPublish || d.Channel == board.Name || pub == nil {
		return w.store.CompleteDelivery(ctx, d.ID, d.Generation, pub)
	}
	wd, err := w.store.CompletePublish(ctx, d.ID, d.Generation, *pub)
	if wd != nil {
		w.log.Info("outbox: a publish landed after its ad was withdrawn; withdrawing it again",
			"delivery", d.ID, "ad", d.AdID, "channel", d.Channel, "withdraw", wd.ID)
		if w.dispatch != nil {
			w.dispatch(*wd)
		}
	}
	return err
}

// deliver publishes or withdraws the ad as it is now, not as it was when
// the row was written: a late delivery of an old revision publishes the
// newest, and a publish that finds the ad withdrawn does nothing.
func (w *Worker) deliver(ctx context.Context, d store.Delivery, rec store.AdRecord) (*store.Publication, string, error) {
	ch, ok := w.channels[d.Channel]
	if !ok {
		return nil, "", connectors.NewPermanent(fmt.Errorf("channel %q: %w (see README, Channels)", d.Channel, errNoChannel))
	}
	pa, err := w.publishedAd(ctx, d.Channel, rec)
	if err != nil {
		return nil, "", err
	}
	prev := publicationOn(rec, d.Channel)
	var limit float64
	if rl, ok := ch.(RateLimited); ok {
		limit = rl.RateLimit()
	}
	dest := w.channelDest(d.Channel)
	release, err := w.channelSlot(ctx, d, ch, dest)
	if err != nil {
		return nil, "", err
	}
	defer release()
	switch {
	case d.Kind == store.KindPublish && rec.Status == store.AdLive:
		pub, err := w.guard.Call(ctx, dest, limit, func() (connectors.Publication, error) { return ch.Publish(ctx, pa, prev) })
		return toStore(rec.ID, d.Channel, pub), "delivered", err
	case d.Kind == store.KindWithdraw && rec.Status != store.AdLive && prev != nil && prev.State != connectors.PublicationWithdrawn:
		// Withdrawn, or scheduled again for later: off the channel.
		pub, err := w.guard.Call(ctx, dest, limit, func() (connectors.Publication, error) { return ch.Withdraw(ctx, pa, *prev) })
		return toStore(rec.ID, d.Channel, pub), "delivered", err
	default:
		// The ad moved on since the row was written (published again, or
		// withdrawn); the newer row does the work.
		return nil, "superseded", nil
	}
}

func (w *Worker) publishedAd(ctx context.Context, channel string, rec store.AdRecord) (connectors.PublishedAd, error) {
	var a ad.Ad
	// The board publishes the ad by its id, revision and URL, and reads
	// its content from the store when it shows it: decoding the content
	// for it was about 3 % of jobgate's CPU on the ingest benchmark,
	// nearly half of the board task's own (README "Benchmark").
	if channel != board.Name {
		if err := json.Unmarshal(rec.Content, &a); err != nil {
			return connectors.PublishedAd{}, connectors.NewPermanent(fmt.Errorf("ad %s content: %w", rec.ID, err))
		}
	}
	pa := connectors.PublishedAd{ID: rec.ID, AccountID: rec.AccountID, IntegrationID: rec.IntegrationID, Reference: rec.Reference,
		Revision: rec.Revision, Ad: a, ApplyMode: rec.ApplyMode, JobURL: w.publishedURL(channel, rec.ID), ApplyURL: rec.ApplyURL, CreatedAt: rec.CreatedAt}
	if pa.ApplyMode == "direct" || pa.ApplyURL == "" {
		pa.ApplyURL = pa.JobURL
	}
	if channel == board.Name {
		return pa, nil // the board needs no employer settings
	}
	in, err := w.integrations.Get(ctx, rec.IntegrationID)
	if err != nil {
		return pa, fmt.Errorf("integration %s: %w", rec.IntegrationID, err)
	}
	pa.Settings = in.Settings
	return pa, nil
}

func publicationOn(rec store.AdRecord, channel string) *connectors.Publication {
	for _, p := range rec.Publications {
		if p.Channel == channel {
			return &connectors.Publication{Channel: p.Channel, State: p.State, Reference: p.Reference, URL: p.URL, Reason: p.Reason,
				Revision: p.Revision, UpdatedAt: p.UpdatedAt, SentAt: p.SentAt, Checks: p.Checks}
		}
	}
	return nil
}

func toStore(adID, channel string, p connectors.Publication) *store.Publication {
	return &store.Publication{AdID: adID, Channel: channel, State: p.State, Revision: p.Revision, Reference: p.Reference, URL: p.URL,
		Reason: p.Reason, SentAt: p.SentAt}
}

// fail records a failed attempt and tells asynq what to do: retry after the
// delay the row records, or stop (SkipRetry archives the task; the row is
// already dead, and a replay runs under a new task id).
func (w *Worker) fail(ctx context.Context, d store.Delivery, err error) error {
	class := connectors.ClassOf(err)
	if errors.Is(err, errShareFull) {
		// The row stays as it is (pending, no attempt spent): the task,
		// under the same id, is back in the queue after a short wait.
		w.m.OutboxAttempts.WithLabelValues(d.Channel, class.String()).Inc()
		return &retryIn{delay: connectors.RetryAfterOf(err), err: err}
	}
	// Refused credentials are the board's to fix (a NAV token, a FINN
	// partner id), not this ad's: the delivery waits without spending an
	// attempt, the channel's breaker opens, and the metric alerts.
	f := store.Failure{Reason: truncate(err.Error(), 1000), CountsAttempt: class != connectors.Backpressure && class != connectors.Unauthorised}
	attempt := d.Attempts + 1
	var delay time.Duration
	switch {
	case class == connectors.Backpressure:
		delay = max(connectors.RetryAfterOf(err), time.Second)
	case class == connectors.Unauthorised:
		delay = w.unauthorisedPause
	case class == connectors.Retryable && d.Kind == store.KindApply && w.isDegraded(ctx, d, attempt, err, &delay):
		f.CountsAttempt = false
	case class == connectors.Retryable && attempt < w.policy.MaxAttempts():
		delay = w.policy.Delay(attempt, connectors.RetryAfterOf(err))
	default:
		// A failure a person can mend (the ATS requires a field the form
		// did not ask) is kept apart from dead: visible and replayable.
		f.Dead, f.NeedsAttention = true, connectors.NeedsAttention(err)
	}
	f.NextAttemptAt = time.Now().Add(delay)
	outcome := class.String()
	switch {
	case f.NeedsAttention:
		outcome = store.DeliveryNeedsAttention
	case f.Dead:
		outcome = "dead"
	}
	rerr := w.store.FailDelivery(ctx, d.ID, d.Generation, f)
	// Counted once the failure is recorded (or found superseded), so that
	// whoever sees the count sees the row's new state too.
	w.m.OutboxAttempts.WithLabelValues(d.Channel, outcome).Inc()
	if rerr != nil {
		if errors.Is(rerr, store.ErrConflict) {
			return nil
		}
		// Not recorded: let asynq retry soon; the attempt is not lost.
		return &retryIn{delay: 5 * time.Second, err: fmt.Errorf("record failure: %w (after %v)", rerr, err)}
	}
	w.log.Warn("outbox: delivery failed", "delivery", d.ID, "channel", d.Channel, "kind", d.Kind, "class", class.String(),
		"attempt", attempt, "dead", f.Dead, "needs_attention", f.NeedsAttention, "retry_in", delay.String(), "err", f.Reason)
	if f.Dead {
		return fmt.Errorf("%w: %w", err, asynq.SkipRetry)
	}
	return &retryIn{delay: delay, err: err}
}

// isDegraded reports whether d's integration is degraded, and sets its
// wait (degradedRetry).
func (w *Worker) isDegraded(ctx context.Context, d store.Delivery, attempt int, err error, delay *time.Duration) bool {
	wait, ok := w.degradedRetry(ctx, d.IntegrationID, attempt, connectors.RetryAfterOf(err))
	if ok {
		*delay = wait
	}
	return ok
}

// errNoChannel is a delivery to a channel this worker does not have: the
// board's configuration, not the ad, is at fault, so the delivery goes
// dead, to be replayed once the channel is configured.
var errNoChannel = errors.New("not configured on this worker")

// refusedAd reports whether err is an external channel refusing the ad
// itself (its validation, or the channel's verdict on its content).
func refusedAd(d store.Delivery, err error) bool {
	return d.Kind == store.KindPublish && d.Channel != board.Name && connectors.ClassOf(err) == connectors.Permanent &&
		!errors.Is(err, errNoChannel)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
