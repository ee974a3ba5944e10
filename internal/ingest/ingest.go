// Package ingest is the one way ads come in, whatever the source: the
// generic ad API and every push connector hand it a canonical ad, and it
// validates it, works out its apply mode and channels, stores it with its
// outbox rows, and hands those to the dispatcher. It implements
// connectors.Hub.
package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/auth"
	"github.com/jobgate/jobgate/internal/board"
	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/secretbox"
	"github.com/jobgate/jobgate/internal/store"
)

// Dispatcher takes the deliveries a committed change wrote.
type Dispatcher interface {
	Dispatch(ds ...store.Delivery)
}

// Service stores ads from every source.
type Service struct {
	Store      store.Store
	Box        *secretbox.Box
	Auth       *auth.Authenticator
	Dispatcher Dispatcher
	Metrics    *metrics.Metrics
	// Sources are the source connectors by vendor name.
	Sources map[string]connectors.Connector
	// PublicURL is the board's address, for job URLs.
	PublicURL string
	// Redis keeps the vendors' idempotency answers (connectors.Replayer).
	Redis redis.UniversalClient
	// Log records the values dropped from vendors' ads; nil is
	// slog.Default().
	Log *slog.Logger
	// Now is the clock that judges an ad's publish time (schedule.go);
	// nil means time.Now.
	Now func() time.Time

	openOnce sync.Once
	opened   *openedCache
}

var (
	_ connectors.Hub              = (*Service)(nil)
	_ connectors.KeyAuthenticator = (*Service)(nil)
	_ connectors.Replayer         = (*Service)(nil)
)

const replayPrefix = "jobgate:replay:"

// Recall implements connectors.Replayer.
func (s *Service) Recall(ctx context.Context, key string) ([]byte, bool, error) {
	b, err := s.Redis.Get(ctx, replayPrefix+key).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, false, nil
	}
	return b, err == nil, err
}

// Remember implements connectors.Replayer.
func (s *Service) Remember(ctx context.Context, key string, answer []byte, ttl time.Duration) error {
	return s.Redis.Set(ctx, replayPrefix+key, answer, ttl).Err()
}

// Put validates and stores an ad for a stored integration.
func (s *Service) Put(ctx context.Context, in store.Integration, reference string, a ad.Ad) (store.AdResult, error) {
	if err := ad.Normalize(&a, time.Now()); err != nil {
		return store.AdResult{}, err
	}
	ci := connectors.Integration{ID: in.ID, AccountID: in.AccountID, Vendor: in.Vendor, Settings: in.Settings}
	if _, ok := s.Sources[in.Vendor].(connectors.DirectApplier); ok {
		var err error
		if ci, err = s.ConnectorIntegration(in); err != nil {
			return store.AdResult{}, err
		}
	}
	return s.PutNormalized(ctx, ci, reference, a, nil)
}

// PutNormalized stores an ad that ad.Normalize has already accepted (a
// poll normalizes each posting once, to compare its hash), with the
// warnings of what ad.DropInvalid dropped or corrected (nil for none).
func (s *Service) PutNormalized(ctx context.Context, in connectors.Integration, reference string, a ad.Ad, warnings []ad.FieldError) (store.AdResult, error) {
	res, err := s.Store.UpsertAd(ctx, s.adWrite(in, reference, a, warnings))
	if errors.Is(err, store.ErrDeleted) {
		// Deleted after the push was let in or the poll began: it takes
		// no ads, as a disabled one takes none.
		return res, connectors.ErrIntegrationDisabled
	}
	if err != nil {
		return res, err
	}
	s.Dispatcher.Dispatch(res.Deliveries...)
	if err := s.addRecruiters(ctx, res.Ad.ID, a.Recruiters); err != nil {
		return res, err
	}
	outcome := "unchanged"
	switch {
	case res.Created:
		outcome = "created"
	case res.Changed:
		outcome = "updated"
	}
	s.Metrics.AdChanges.WithLabelValues(outcome).Inc()
	return res, nil
}

// Remove withdraws an ad everywhere; store.ErrNotFound when there is none.
func (s *Service) Remove(ctx context.Context, integrationID, reference string) (store.AdResult, error) {
	res, err := s.Store.WithdrawAd(ctx, integrationID, reference)
	if err != nil {
		return res, err
	}
	s.Dispatcher.Dispatch(res.Deliveries...)
	if res.Changed {
		s.Metrics.AdChanges.WithLabelValues("withdrawn").Inc()
	}
	return res, nil
}

func (s *Service) adWrite(in connectors.Integration, ref string, a ad.Ad, warnings []ad.FieldError) store.AdWrite {
	content, _ := json.Marshal(a)
	mode, applyURL := s.applyMode(in, a)
	w := store.AdWrite{AccountID: in.AccountID, IntegrationID: in.ID, Reference: ref, Content: content, Hash: ad.Hash(a),
		Title: a.Title, EmployerText: strings.ToLower(a.Employer.Name), SearchText: ad.SearchText(a), LocationText: ad.LocationText(a),
		ApplyMode: mode, ApplyURL: applyURL, Channels: channelsFor(in), Deadline: a.Deadline}
	s.scheduleFor(&w, a)
	w.DeadlineEnd, _ = ad.DeadlineEnd(a)
	if len(warnings) > 0 {
		w.Warnings, _ = json.Marshal(warnings)
	}
	return w
}

// applyMode is direct when the integration's connector can deliver
// applications and the integration is ready for it (it holds the apply
// credentials, or enables direct_apply); otherwise candidates are sent to
// the vendor's apply URL.
func (s *Service) applyMode(in connectors.Integration, a ad.Ad) (string, string) {
	if connectors.ApplierOf(in) == connectors.WebhookApplier {
		return "direct", "" // the signed apply webhook, whatever the vendor
	}
	c, ok := s.Sources[in.Vendor]
	if !ok || !c.Capabilities().DirectApply {
		return "redirect", a.ApplyURL
	}
	if applier, ok := c.(connectors.DirectApplier); ok {
		if applier.CanApply(in) {
			return "direct", ""
		}
		return "redirect", a.ApplyURL
	}
	if in.Settings[SettingDirectApply] == "true" {
		return "direct", ""
	}
	return "redirect", a.ApplyURL
}

// SettingChannels is the integration setting that lists the external
// channels its ads are published to as well as the board, comma-separated
// ("nav,finn").
const SettingChannels = "channels"

// SettingDirectApply set to "true" makes a connector that declares direct
// apply but no DirectApplier take applications on the board's form.
const SettingDirectApply = "direct_apply"

// channelsFor lists the channels an integration's ads are published to:
// the board always, then the ones its channels setting names.
func channelsFor(in connectors.Integration) []string {
	return ChannelsOf(in.Settings)
}

// ChannelsOf reads the channels setting: the board first, then each named
// channel once.
func ChannelsOf(settings map[string]string) []string {
	out := []string{board.Name}
	for _, name := range strings.Split(settings[SettingChannels], ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name != "" && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// SigningKeys implements connectors.Hub.
func (s *Service) SigningKeys(ctx context.Context, integrationID string) (connectors.Integration, []string, error) {
	in, err := s.Store.GetIntegration(ctx, integrationID)
	if errors.Is(err, store.ErrNotFound) {
		return connectors.Integration{}, nil, connectors.ErrUnknownIntegration
	}
	if err != nil {
		return connectors.Integration{}, nil, err
	}
	ci, err := s.ConnectorIntegration(in)
	if err != nil {
		return ci, nil, err
	}
	keys, err := s.Store.ListKeys(ctx, integrationID)
	if err != nil {
		return ci, nil, err
	}
	var out []string
	now := time.Now()
	for _, k := range keys {
		if !k.ValidAt(now) {
			continue
		}
		full, err := s.Store.LookupKey(ctx, k.ID)
		if err != nil || full.SealedSecret == nil {
			continue // a key issued before the vendor signed with keys
		}
		key, err := s.Box.Open(full.SealedSecret, k.ID)
		if err != nil {
			return ci, nil, fmt.Errorf("open key %s: %w", k.ID, err)
		}
		out = append(out, string(key))
	}
	return ci, out, nil
}

// ConnectorIntegration is what a connector is told of a stored
// integration: its settings and its secrets, opened with the master key.
func (s *Service) ConnectorIntegration(in store.Integration) (connectors.Integration, error) {
	ci := connectors.Integration{ID: in.ID, AccountID: in.AccountID, Vendor: in.Vendor, Settings: in.Settings, Secrets: map[string]string{},
		Disabled: !store.TakesAds(in.Status)}
	if len(in.SealedSecrets) == 0 {
		return ci, nil
	}
	plain, err := s.Box.Open(in.SealedSecrets, in.ID)
	if err != nil {
		return ci, fmt.Errorf("integration %s secrets: %w", in.ID, err)
	}
	return ci, json.Unmarshal(plain, &ci.Secrets)
}

// Upsert implements connectors.Hub; a disabled integration's ad is
// refused with connectors.ErrIntegrationDisabled. A vendor's bad code or number, or
// malformed phone, e-mail or website, is dropped or corrected with a
// warning (ad.DropInvalid), logged with the field's name and never its
// value and stored with the ad; anything else invalid refuses the ad.
func (s *Service) Upsert(ctx context.Context, in connectors.Integration, reference string, a ad.Ad) (connectors.Stored, error) {
	if in.Disabled {
		return connectors.Stored{}, connectors.ErrIntegrationDisabled
	}
	warnings := ad.DropInvalid(&a)
	if len(warnings) > 0 {
		s.logger().Warn("ingest: values dropped from a vendor's ad", "integration", in.ID, "vendor", in.Vendor,
			"reference", reference, "fields", FieldCodes(warnings))
	}
	if err := ad.Normalize(&a, time.Now()); err != nil {
		return connectors.Stored{}, err
	}
	res, err := s.PutNormalized(ctx, in, reference, a, warnings)
	if err != nil {
		return connectors.Stored{}, err
	}
	return s.stored(res), nil
}

// Withdraw implements connectors.Hub.
func (s *Service) Withdraw(ctx context.Context, in connectors.Integration, reference string) (connectors.Stored, error) {
	if in.Disabled {
		return connectors.Stored{}, connectors.ErrIntegrationDisabled
	}
	res, err := s.Remove(ctx, in.ID, reference)
	if errors.Is(err, store.ErrNotFound) {
		return connectors.Stored{}, connectors.ErrUnknownAd
	}
	if err != nil {
		return connectors.Stored{}, err
	}
	return s.stored(res), nil
}

func (s *Service) stored(res store.AdResult) connectors.Stored {
	return connectors.Stored{ID: res.Ad.ID, URL: board.JobURL(s.PublicURL, res.Ad.ID), Revision: res.Ad.Revision, Created: res.Created, Changed: res.Changed}
}

func (s *Service) logger() *slog.Logger {
	if s.Log == nil {
		return slog.Default()
	}
	return s.Log
}

// FieldCodes names fields and why, as "field:code", for logs and the sync
// view: never their values, which may be personal data.
func FieldCodes(fs []ad.FieldError) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Field + ":" + f.Code
	}
	return out
}
