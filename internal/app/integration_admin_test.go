package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/store"
)

// TestDeleteIntegrationWithdrawsEverywhere, on both stores (issue 16, item
// 4, "delete withdraws the integration's ads everywhere first"): an
// integration's ads on the board, NAV and FINN are withdrawn by its
// deletion: they leave the board, are stopped on NAV and FINN; its key is
// refused (401); deleting again is refused; another integration's ad
// stays.
func TestDeleteIntegrationWithdrawsEverywhere(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		nav := navServer(t, &cfg)
		finn := sim.NewFINN(sim.FINNConfig{Require80: true})
		srv := httptest.NewServer(finn)
		t.Cleanup(srv.Close)
		cfg.FINNURL, cfg.FINNPartnerID = srv.URL, finn.PartnerID()
		// Without a shared Redis the withdrawals are the serving process's
		// reconciler's to enqueue (as after `jobgate integrations delete`):
		// a short grace makes that quick.
		s := apptest.Start(t, cfg, app.Options{ReconcileGrace: 200 * time.Millisecond})
		id, key := s.VendorTenant(t, "generic", map[string]string{"channels": "nav,finn", "finn_provider": "12345", "finn_occupation": "ITTELECOMINTERNET/APPLICDEV"})
		_, otherKey := s.Tenant(t)
		require.Equal(t, http.StatusCreated, s.Do(t, "PUT", "/v1/ads/other", apptest.Ad("Annen jobb"), apptest.Bearer(otherKey)...).Status)

		adIDs := map[string]string{}
		for i := range 2 {
			ref, a := fmt.Sprintf("del-%d", i), navAd(fmt.Sprintf("Slettes %d", i))
			a["contact"] = map[string]any{"name": "Kari Nordmann", "email": "kari@eksempel.no", "phone": "+4790000000"}
			r := s.Do(t, "PUT", "/v1/ads/"+ref, a, apptest.Bearer(key)...)
			require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
			adIDs[ref] = r.JSON["id"].(string)
			if !assert.Eventually(t, stateIs(t, s, key, ref, "finn", "live"), 10*time.Second, 20*time.Millisecond) {
				ds, _ := s.Env.Store.ListDeliveries(t.Context(), store.DeliveryFilter{AdID: adIDs[ref]})
				t.Fatalf("FINN: %v %+v", channelState(t, s, key, ref, "finn"), ds)
			}
			apptest.Eventually(t, func() bool { return nav.Ad(adIDs[ref]) != nil }, "NAV took "+ref)
			apptest.Eventually(t, func() bool { return listed(t, s, fmt.Sprintf("Slettes %d", i)) }, ref+" on the board")
		}
		orderNos := finn.OrderNos()
		require.Len(t, orderNos, 2)

		del, _, err := s.Env.DeleteIntegration(context.Background(), id)
		require.NoError(t, err)
		require.Equal(t, 2, del.Withdrawn)
		require.Equal(t, 1, del.Revoked)
		for ref, adID := range adIDs {
			require.False(t, listed(t, s, "Slettes "+strings.TrimPrefix(ref, "del-")), "off the board at once")
			if !assert.Eventually(t, func() bool { st, ok := nav.Status(adID); return ok && st.Status == "STOPPED" }, 10*time.Second, 20*time.Millisecond) {
				ds, _ := s.Env.Store.ListDeliveries(t.Context(), store.DeliveryFilter{AdID: adID})
				a, _ := s.Env.Store.GetAdByID(t.Context(), adID)
				st, _ := nav.Status(adID)
				t.Fatalf("NAV: %+v %+v %+v", st, a.Publications, ds)
			}
		}
		for _, no := range orderNos {
			apptest.Eventually(t, func() bool { ad, _ := finn.Ad(no); return !ad.Live }, "stopped on FINN")
		}
		for ref, adID := range adIDs {
			apptest.Eventually(t, func() bool { return allWithdrawn(t, s, adID) }, ref+" withdrawn on every channel")
		}
		require.True(t, listed(t, s, "Annen jobb"), "another integration's ad stays")
		r := s.Do(t, "PUT", "/v1/ads/del-9", apptest.Ad("Etter sletting"), apptest.Bearer(key)...)
		require.Equal(t, http.StatusUnauthorized, r.Status, "the deleted integration's key is refused")
		_, _, err = s.Env.DeleteIntegration(context.Background(), id)
		require.ErrorIs(t, err, store.ErrDeleted)
		v, err := s.Env.ShowIntegration(context.Background(), id)
		require.NoError(t, err)
		require.Equal(t, store.IntegrationDeleted, v.Status)
	})
}

// allWithdrawn reports whether every publication of the ad is withdrawn.
func allWithdrawn(t *testing.T, s *apptest.Server, adID string) bool {
	a, err := s.Env.Store.GetAdByID(context.Background(), adID)
	require.NoError(t, err)
	require.Equal(t, store.AdWithdrawn, a.Status)
	for _, p := range a.Publications {
		if p.State != store.PublicationWithdrawn {
			return false
		}
	}
	return len(a.Publications) == 3
}

// TestUpdateIntegrationChecksAndSeals, on both stores (issue 16, item 4):
// an update sets and unsets settings, its secret sealed anew and shown
// masked; a value of the wrong form, an unknown name, a required setting
// unset are refused naming the setting and never the value, and change
// nothing; create checks the same forms.
func TestUpdateIntegrationChecksAndSeals(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		ctx := store.WithActor(context.Background(), "test")
		acc, err := s.Env.Store.CreateAccount(ctx, "Eksempel AS")
		require.NoError(t, err)
		_, err = s.Env.CreateIntegration(ctx, acc.ID, "lever", map[string]string{"site": "acme", "silent": "maybe"})
		require.EqualError(t, err, "setting silent must be true or false")
		in, err := s.Env.CreateIntegration(ctx, acc.ID, "lever", map[string]string{"site": "acme", "api_key": "old-s3cr3t"})
		require.NoError(t, err)

		v, err := s.Env.UpdateIntegration(ctx, in.ID, map[string]string{"api_key": "new-s3cr3t", "language": "nb", "channels": "nav"}, nil)
		require.NoError(t, err)
		require.Equal(t, map[string]string{"site": "acme", "api_key": app.SecretMask, "language": "nb", "channels": "nav"}, v.Settings)
		require.Equal(t, map[string]string{"api_key": "new-s3cr3t"}, secretsOf(t, s, in.ID))
		v, err = s.Env.UpdateIntegration(ctx, in.ID, nil, []string{"language"})
		require.NoError(t, err)
		require.NotContains(t, v.Settings, "language")
		entries, err := s.Env.Store.ListAudit(ctx, 5)
		require.NoError(t, err)
		require.Equal(t, "integration.update", entries[0].Action)
		require.Equal(t, in.ID, entries[0].Subject)
		require.NotContains(t, entries[0].Detail, "s3cr3t")

		before, err := s.Env.Store.GetIntegration(ctx, in.ID)
		require.NoError(t, err)
		for _, c := range []struct {
			set   map[string]string
			unset []string
			want  string
		}{
			{map[string]string{"finn_contact_email": "kari-at-eksempel"}, nil, "setting finn_contact_email must be an e-mail address"},
			{map[string]string{"nav_sector": "Kommunal"}, nil, "setting nav_sector must be one of Privat, Offentlig"},
			{map[string]string{"base_url": "api.eu.lever.co"}, nil, "setting base_url must be an absolute http or https URL"},
			{map[string]string{"api_key": "two\nlines-s3cr3t"}, nil, "setting api_key must be text on one line"},
			{map[string]string{"direct_apply": "yes"}, nil, "setting direct_apply must be one of true, false"},
			{map[string]string{"chanels": "xyz"}, nil, "unknown setting chanels for vendor lever (valid: api_key, apply_url,"},
			{nil, []string{"site"}, "setting site is required for vendor lever"},
			{nil, []string{"bogus"}, "unknown setting bogus for vendor lever"},
			{nil, nil, app.ErrNoChange.Error()},
		} {
			_, err := s.Env.UpdateIntegration(ctx, in.ID, c.set, c.unset)
			require.ErrorContains(t, err, c.want)
			for _, v := range c.set {
				require.NotContains(t, err.Error(), v, "the value is never quoted")
			}
		}
		after, err := s.Env.Store.GetIntegration(ctx, in.ID)
		require.NoError(t, err)
		require.Equal(t, before.Settings, after.Settings, "a refused update changes nothing")
		require.Equal(t, before.SealedSecrets, after.SealedSecrets)
		_, err = s.Env.UpdateIntegration(ctx, "int_missing", map[string]string{"site": "x"}, nil)
		require.ErrorIs(t, err, store.ErrNotFound)

		_, _, err = s.Env.DeleteIntegration(ctx, in.ID)
		require.NoError(t, err)
		_, err = s.Env.UpdateIntegration(ctx, in.ID, map[string]string{"language": "en"}, nil)
		require.ErrorIs(t, err, store.ErrDeleted)
		_, err = s.Env.SyncNow(ctx, in.ID, time.Second)
		require.ErrorIs(t, err, store.ErrDeleted, "a deleted integration is never polled again")
	})
}

// TestUpdatedSettingsReachTheServer, on both stores: a running jobgate's
// caches of an integration (the API's, the outbox's, ingest's opened
// ones) see an update made elsewhere (the CLI is another process): after
// channels=nav is set, a new ad reaches NAV.
func TestUpdatedSettingsReachTheServer(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		nav := navServer(t, &cfg)
		s := apptest.Start(t, cfg, app.Options{})
		id, key := s.VendorTenant(t, "generic", nil)
		r := s.Do(t, "PUT", "/v1/ads/before", navAd("Før endringen"), apptest.Bearer(key)...)
		require.Equal(t, http.StatusCreated, r.Status)
		_, err := s.Env.UpdateIntegration(store.WithActor(context.Background(), "cli"), id, map[string]string{"channels": "nav"}, nil)
		require.NoError(t, err)
		apptest.Eventually(t, func() bool { return channelState(t, s, key, "before", "nav") != nil }, "the API's cache sees channels=nav")
		r2 := s.Do(t, "PUT", "/v1/ads/after", navAd("Etter endringen"), apptest.Bearer(key)...)
		require.Equal(t, http.StatusCreated, r2.Status, string(r2.Body))
		apptest.Eventually(t, func() bool { return nav.Ad(r2.JSON["id"].(string)) != nil }, "an ad pushed after the update reaches NAV")
		require.Nil(t, nav.Ad(r.JSON["id"].(string)), "the ad from before was never sent to NAV")
	})
}

// secretsOf opens the integration's sealed secrets.
func secretsOf(t *testing.T, s *apptest.Server, id string) map[string]string {
	in, err := s.Env.Store.GetIntegration(context.Background(), id)
	require.NoError(t, err)
	plain, err := s.Env.Box.Open(in.SealedSecrets, id)
	require.NoError(t, err)
	out := map[string]string{}
	require.NoError(t, json.Unmarshal(plain, &out))
	return out
}

// TestDeleteKeepsApplicationsInFlight, on both stores (issue 16, bad
// input: "deleting an integration with deliveries in flight leaves nothing
// half done"): an application waiting for its ATS when its integration is
// deleted is still delivered, signed with the integration's (now revoked)
// key as the ATS expects.
func TestDeleteKeepsApplicationsInFlight(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		ats, atsURL := atsServer(t)
		cfg := apptest.Config(t, m)
		cfg.RetrySchedule = []time.Duration{0, time.Hour, time.Hour}
		s := apptest.Start(t, cfg, app.Options{ReconcileGrace: 200 * time.Millisecond})
		key := webhookTenant(t, s, ats, atsURL, "acme")
		job := putJob(t, s, key, "ref-1")
		ats.Fault(sim.ChannelFault5xx, 0)
		r := apply(t, s, job, kari())
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		apptest.Eventually(t, func() bool { return applyDelivery(t, s, job).Attempts == 1 }, "the ATS refused the first attempt")

		integ := applyDelivery(t, s, job).IntegrationID
		_, _, err := s.Env.DeleteIntegration(store.WithActor(context.Background(), "cli"), integ)
		require.NoError(t, err)
		d := applyDelivery(t, s, job)
		require.Equal(t, store.DeliveryPending, d.State, "kept")
		ats.ClearFault()
		// Past the 5 s its opened integration is cached for (ingest's
		// openTTL), so the delivery reads the deleted integration's keys.
		time.Sleep(5500 * time.Millisecond)
		_, err = s.Env.Store.ReplayDelivery(context.Background(), d.ID) // now, not in an hour
		require.NoError(t, err)
		statusURL := r.JSON["status_url"].(string)
		apptest.Eventually(t, func() bool { return statusOf(t, s, statusURL)["status"] == "delivered" }, "delivered after the deletion")
		require.Len(t, ats.Received("webhook"), 1, "the ATS took it: the signature was good")
	})
}
