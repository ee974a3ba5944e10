package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/applywebhook"
	"github.com/jobgate/jobgate/connectors/finn"
	"github.com/jobgate/jobgate/connectors/registry"
	"github.com/jobgate/jobgate/internal/apikey"
	"github.com/jobgate/jobgate/internal/ids"
	"github.com/jobgate/jobgate/internal/ingest"
	"github.com/jobgate/jobgate/internal/intake"
	"github.com/jobgate/jobgate/internal/outbound"
	"github.com/jobgate/jobgate/internal/outbox"
	"github.com/jobgate/jobgate/internal/poll"
	"github.com/jobgate/jobgate/internal/queue"
	"github.com/jobgate/jobgate/internal/store"
)

// CreateIntegration creates an integration for a known vendor. Settings the
// vendor's connector declares secret are sealed with the master key.
func (e *Env) CreateIntegration(ctx context.Context, accountID, vendor string, settings map[string]string) (store.Integration, error) {
	c, err := registry.Source(vendor)
	if err != nil {
		return store.Integration{}, err
	}
	if err := e.checkSettings(ctx, c, settings); err != nil {
		return store.Integration{}, err
	}
	in := store.Integration{ID: ids.New(ids.Integration), AccountID: accountID, Vendor: vendor}
	in.Settings, in.SealedSecrets = e.splitSealed(c, in.ID, settings)
	return e.Store.CreateIntegration(ctx, in)
}

// checkSettings refuses settings the vendor's connector or the poller
// cannot use, naming the setting, before anything is stored; an update of
// an integration's settings must call it too.
func (e *Env) checkSettings(ctx context.Context, c connectors.Connector, settings map[string]string) error {
	if err := checkSettingNames(c, names(settings)); err != nil {
		return err
	}
	if err := checkChannels(settings); err != nil {
		return err
	}
	if err := applywebhook.New(e.Outbound).CheckSettings(settings); err != nil {
		return err
	}
	if err := intake.CheckSettings(settings); err != nil {
		return err
	}
	if sc, ok := c.(connectors.SettingsChecker); ok {
		if err := sc.CheckSettings(settings); err != nil {
			return err
		}
	}
	if _, ok := c.(connectors.Poller); ok {
		if err := poll.CheckSettings(settings); err != nil {
			return err
		}
	}
	// After the checkers above, whose messages say more of what they
	// check; this catches the forms no checker reads.
	if err := checkSettingValues(c, settings); err != nil {
		return err
	}
	return e.checkURLs(ctx, c, settings)
}

// checkURLs refuses a URL setting (apply_url, and those the connector
// names) whose host is an address the outbound guard refuses (loopback,
// private, metadata...) and JOBGATE_OUTBOUND_ALLOW does not allow: it
// would be refused at every call.
func (e *Env) checkURLs(ctx context.Context, c connectors.Connector, settings map[string]string) error {
	names := append([]string{connectors.SettingApplyURL}, c.Capabilities().URLSettings...)
	for _, name := range names {
		v := strings.TrimSpace(settings[name])
		if v == "" {
			continue
		}
		if err := outbound.Or(e.Outbound).CheckURL(ctx, name, v); err != nil {
			return err
		}
	}
	return nil
}

// checkChannels refuses a channels setting naming a channel jobgate does
// not have, or FINN without the employer's FINN provider id.
func checkChannels(settings map[string]string) error {
	chosen := ingest.ChannelsOf(settings)[1:] // the board is always there
	for _, ch := range chosen {
		if !slices.Contains(registry.ChannelNames(), ch) {
			return fmt.Errorf("setting channels: unknown channel %q (known: %s)", ch, strings.Join(registry.ChannelNames(), ", "))
		}
	}
	if slices.Contains(chosen, finn.Name) && strings.TrimSpace(settings[finn.SettingProvider]) == "" {
		return fmt.Errorf("setting %s is required to publish on FINN: the employer's FINN provider id", finn.SettingProvider)
	}
	return nil
}

// IssueKey issues a key for an integration and returns the full key, which
// is shown this once. With rotate, the integration's other keys stay valid
// for the grace period only.
func (e *Env) IssueKey(ctx context.Context, integrationID string, rotate bool) (string, error) {
	in, err := e.Store.GetIntegration(ctx, integrationID)
	if err != nil {
		return "", err
	}
	if _, err := registry.Source(in.Vendor); err != nil {
		return "", err
	}
	k := apikey.New()
	// The key is kept sealed as well as hashed, whatever the vendor: some
	// vendors sign with it (a hash cannot check an HMAC), and the signed
	// apply webhook of any integration with apply_url is signed with it.
	rec := store.APIKey{ID: k.ID, IntegrationID: in.ID, Hash: apikey.Hash(k.Secret), CreatedAt: time.Now().UTC(),
		SealedSecret: e.Box.Seal([]byte(k.Full), k.ID)}
	var grace *time.Time
	if rotate {
		g := time.Now().Add(e.Cfg.KeyGrace)
		grace = &g
	}
	if err := e.Store.IssueKey(ctx, rec, grace); err != nil {
		return "", fmt.Errorf("issue key: %w", err)
	}
	return k.Full, nil
}

// EnqueueShared enqueues deliveries on the shared Redis and reports true;
// in embedded mode the queue lives inside the serving process, so it does
// nothing and reports false: that process's reconciler enqueues them.
func (e *Env) EnqueueShared(ctx context.Context, ds []store.Delivery) (bool, error) {
	if !e.Cfg.Redis().Shared() {
		return false, nil
	}
	qc, err := queue.OpenSettings(ctx, e.Cfg.Redis())
	if err != nil {
		return false, err
	}
	defer qc.Close()
	client := qc.Client()
	defer client.Close()
	for _, d := range ds {
		if err := outbox.Enqueue(ctx, client, d); err != nil {
			return false, err
		}
	}
	return true, nil
}
