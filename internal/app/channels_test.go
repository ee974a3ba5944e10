package app_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/config"
	"github.com/jobgate/jobgate/internal/store"
)

// navServer runs the NAV simulator, filing every upload at once, and
// points cfg at it.
func navServer(t testing.TB, cfg *config.Config) *sim.NAV {
	return navServerWith(t, cfg, sim.NAVConfig{FilingDelay: sim.NAVFilesAtOnce})
}

// navServerWith runs the NAV simulator configured by simCfg and points cfg
// at it.
func navServerWith(t testing.TB, cfg *config.Config, simCfg sim.NAVConfig) *sim.NAV {
	n := sim.NewNAV(simCfg)
	srv := httptest.NewServer(n)
	t.Cleanup(srv.Close)
	cfg.NAVURL, cfg.NAVProviderID, cfg.NAVToken = n.URL(srv.URL), "10000", n.Token()
	cfg.ChannelStatusInterval = 100 * time.Millisecond
	return n
}

// channelState is the ad's state on channel, from GET /v1/ads/{reference}.
func channelState(t *testing.T, s *apptest.Server, key, ref, channel string) map[string]any {
	r := s.Do(t, "GET", "/v1/ads/"+ref, nil, apptest.Bearer(key)...)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	for _, c := range r.JSON["channels"].([]any) {
		if c := c.(map[string]any); c["channel"] == channel {
			return c
		}
	}
	return nil
}

func stateIs(t *testing.T, s *apptest.Server, key, ref, channel, state string) func() bool {
	return func() bool {
		c := channelState(t, s, key, ref, channel)
		return c != nil && c["state"] == state
	}
}

// navAd is an ad NAV takes: a location with a postal code, an employer.
func navAd(title string) map[string]any {
	a := apptest.Ad(title)
	a["locations"] = []any{map[string]any{"address": "Storgata 1", "postal_code": "0150", "city": "Oslo", "municipality": "Oslo", "country": "NO"}}
	a["employment_type"], a["extent"] = "permanent", "full_time"
	a["deadline"] = time.Now().AddDate(0, 1, 0).Format(time.DateOnly)
	return a
}

// TestNAVChannel publishes an integration's ads to the NAV simulator: a
// new ad is sent and pending until NAV's moderation makes it live, an edit
// is sent again, an unlisted ad is stopped, and an ad NAV would refuse is
// refused here, with the reason in its channel state.
func TestNAVChannel(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		nav := navServer(t, &cfg)
		s := apptest.Start(t, cfg, app.Options{})
		_, key := s.VendorTenant(t, "generic", map[string]string{"channels": "nav"})

		r := s.Do(t, "PUT", "/v1/ads/nav-1", navAd("Lagermedarbeider"), apptest.Bearer(key)...)
		require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
		id := r.JSON["id"].(string)
		require.Equal(t, "pending", channelState(t, s, key, "nav-1", "nav")["state"], "pending on NAV from the start")
		apptest.Eventually(t, func() bool { return nav.Ad(id) != nil }, "NAV received the ad")
		apptest.Eventually(t, func() bool { return channelState(t, s, key, "nav-1", "nav")["reference"] == id }, "and its receipt is recorded")
		require.Equal(t, "Lagermedarbeider", nav.Ad(id)["title"])
		require.Equal(t, "https://ats.example/apply/1", nav.Ad(id)["properties"].(map[string]any)["applicationurl"], "a redirect ad sends candidates to the ATS")
		require.Equal(t, s.URL+"/jobs/"+id+"?utm_medium=jobgate&utm_source=nav", nav.Ad(id)["properties"].(map[string]any)["sourceurl"],
			"the link back to the board carries utm_source=nav: NAV's visitors count as NAV's")

		nav.Moderate()
		apptest.Eventually(t, stateIs(t, s, key, "nav-1", "nav", "live"), "NAV's moderation made it live")

		r = s.Do(t, "PUT", "/v1/ads/nav-1", navAd("Lagermedarbeider, natt"), apptest.Bearer(key)...)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		apptest.Eventually(t, func() bool { return nav.Ad(id)["title"] == "Lagermedarbeider, natt" }, "the edit reaches NAV")

		r = s.Do(t, "DELETE", "/v1/ads/nav-1", nil, apptest.Bearer(key)...)
		require.Equal(t, http.StatusOK, r.Status)
		apptest.Eventually(t, stateIs(t, s, key, "nav-1", "nav", "withdrawn"), "the unlisted ad is withdrawn from NAV")
		st, ok := nav.Status(id)
		require.True(t, ok)
		require.Equal(t, "STOPPED", st.Status, "stopped, not deleted")

		bad := navAd("Uten sted")
		bad["locations"] = []any{map[string]any{"city": "Nes", "country": "NO"}}
		r = s.Do(t, "PUT", "/v1/ads/nav-bad", bad, apptest.Bearer(key)...)
		require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
		apptest.Eventually(t, stateIs(t, s, key, "nav-bad", "nav", "rejected"), "an ad NAV would refuse is refused here")
		require.NotEmpty(t, channelState(t, s, key, "nav-bad", "nav")["reason"])
		_, sent := nav.Status(r.JSON["id"].(string))
		require.False(t, sent, "and never sent")
		require.Equal(t, "live", channelState(t, s, key, "nav-bad", "board")["state"], "the board still shows it")
	})
}

// TestNAVOutage takes NAV down while ads are queued for it: once it is
// back, every ad is published, once. The breaker keeps the outage from
// spending the deliveries' attempts.
func TestNAVOutage(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		cfg.RetrySchedule = []time.Duration{0, 100 * time.Millisecond, 100 * time.Millisecond, 100 * time.Millisecond, 100 * time.Millisecond, 100 * time.Millisecond}
		cfg.CircuitOpen = 300 * time.Millisecond
		nav := navServer(t, &cfg)
		s := apptest.Start(t, cfg, app.Options{})
		_, key := s.VendorTenant(t, "generic", map[string]string{"channels": "nav"})
		nav.SetDown(true)
		var refs []string
		for i := range 3 {
			ref := "down-" + string(rune('a'+i))
			require.Equal(t, http.StatusCreated, s.Do(t, "PUT", "/v1/ads/"+ref, navAd("Stilling "+ref), apptest.Bearer(key)...).Status)
			refs = append(refs, ref)
		}
		apptest.Eventually(t, func() bool { return nav.Stats().Requests >= 3 }, "jobgate keeps trying a NAV that is down")
		navURL, err := url.Parse(cfg.NAVURL)
		require.NoError(t, err)
		require.Contains(t, metricsBody(t, s), `jobgate_circuit_breaker_state{channel="nav",destination="`+navURL.Host+`"}`, "NAV's breaker is its host's")
		time.Sleep(2 * time.Second) // well past the retry schedule's 0.5 s
		nav.SetDown(false)
		apptest.Eventually(t, func() bool { return nav.Stats().Received == 3 }, "published at NAV after the outage")
		for _, ref := range refs {
			apptest.Eventually(t, func() bool { return channelState(t, s, key, ref, "nav")["reference"] != "" }, "its receipt recorded")
		}
		require.Equal(t, 3, nav.Stats().Received, "each ad received once")
		ds, err := s.Env.Store.ListDeliveries(t.Context(), store.DeliveryFilter{State: store.DeliveryDead})
		require.NoError(t, err)
		require.Empty(t, ds, "nothing went dead")
	})
}

// TestNAVUnauthorised answers 401 to every NAV request: deliveries wait
// for the credentials to be fixed instead of burning their attempts, and
// the metric that alerts counts it.
func TestNAVUnauthorised(t *testing.T) {
	cfg := apptest.Config(t, apptest.Mode{Name: "embedded"})
	nav := navServer(t, &cfg)
	s := apptest.Start(t, cfg, app.Options{})
	_, key := s.VendorTenant(t, "generic", map[string]string{"channels": "nav"})
	nav.Fault(sim.ChannelFault401, 0)
	r := s.Do(t, "PUT", "/v1/ads/unauth", navAd("Stilling"), apptest.Bearer(key)...)
	require.Equal(t, http.StatusCreated, r.Status)
	apptest.Eventually(t, func() bool {
		return strings.Contains(string(s.Do(t, "GET", "/metrics", nil).Body), `jobgate_outbox_attempts_total{channel="nav",outcome="unauthorised"} 1`)
	}, "the refusal is counted for the alert")
	ds, err := s.Env.Store.ListDeliveries(t.Context(), store.DeliveryFilter{AdID: r.JSON["id"].(string)})
	require.NoError(t, err)
	for _, d := range ds {
		if d.Channel == "nav" {
			require.Equal(t, store.DeliveryPending, d.State)
			require.Zero(t, d.Attempts, "no attempt spent")
			require.Contains(t, d.LastError, "unauthorised")
		}
	}
}

// TestFINNChannel publishes an employer's ads on the FINN simulator: the
// document FINN takes, under the employer's provider id, an edit sent
// under the same ORDERNO, and a STOP when the ad is unlisted.
func TestFINNChannel(t *testing.T) {
	cfg := apptest.Config(t, apptest.Mode{Name: "embedded"})
	finn := sim.NewFINN(sim.FINNConfig{Require80: true})
	srv := httptest.NewServer(finn)
	t.Cleanup(srv.Close)
	cfg.FINNURL, cfg.FINNPartnerID = srv.URL, finn.PartnerID()
	s := apptest.Start(t, cfg, app.Options{})
	_, key := s.VendorTenant(t, "generic", map[string]string{"channels": "finn", "finn_provider": "12345", "finn_occupation": "Lager"})
	a := navAd("Lagermedarbeider")
	a["contact"] = map[string]any{"name": "Kari Nordmann", "email": "kari@eksempel.no", "phone": "+4790000000"}
	require.Equal(t, http.StatusCreated, s.Do(t, "PUT", "/v1/ads/finn-1", a, apptest.Bearer(key)...).Status)
	apptest.Eventually(t, stateIs(t, s, key, "finn-1", "finn", "live"), "FINN took the ad")
	orderNo := channelState(t, s, key, "finn-1", "finn")["reference"].(string)
	ad, ok := finn.Ad(orderNo)
	require.True(t, ok, "FINN holds ORDERNO %s", orderNo)
	require.Equal(t, "12345", ad.Provider)
	require.True(t, ad.Live)

	a["title"] = "Lagermedarbeider, kveld"
	require.Equal(t, http.StatusOK, s.Do(t, "PUT", "/v1/ads/finn-1", a, apptest.Bearer(key)...).Status)
	apptest.Eventually(t, func() bool { ad, _ := finn.Ad(orderNo); return ad.Uploads == 2 }, "the edit goes to FINN under the same ORDERNO")
	require.Len(t, finn.OrderNos(), 1)

	require.Equal(t, http.StatusOK, s.Do(t, "DELETE", "/v1/ads/finn-1", nil, apptest.Bearer(key)...).Status)
	apptest.Eventually(t, stateIs(t, s, key, "finn-1", "finn", "withdrawn"), "unlisted: stopped on FINN")
	ad, _ = finn.Ad(orderNo)
	require.False(t, ad.Live)
	require.Equal(t, 1, ad.Stops)
}

// TestChannelSettings refuses channel choices jobgate cannot carry out,
// naming the setting.
func TestChannelSettings(t *testing.T) {
	s := apptest.Start(t, apptest.Config(t, apptest.Mode{Name: "embedded"}), app.Options{})
	ctx := store.WithActor(t.Context(), "test")
	acc, err := s.Env.Store.CreateAccount(ctx, "Eksempel AS")
	require.NoError(t, err)
	for settings, want := range map[string]string{"nav,twitter": `unknown channel "twitter"`, "finn": "finn_provider"} {
		_, err := s.Env.CreateIntegration(ctx, acc.ID, "generic", map[string]string{"channels": settings})
		require.ErrorContains(t, err, want)
	}
	_, err = s.Env.CreateIntegration(ctx, acc.ID, "generic", map[string]string{"channels": " NAV , finn", "finn_provider": "12345"})
	require.NoError(t, err)
}

// TestNAVEditWhilePublishing edits an ad while NAV is still taking its
// first revision: NAV ends up with the newest.
func TestNAVEditWhilePublishing(t *testing.T) {
	cfg := apptest.Config(t, apptest.Mode{Name: "embedded"})
	nav := navServer(t, &cfg)
	s := apptest.Start(t, cfg, app.Options{})
	_, key := s.VendorTenant(t, "generic", map[string]string{"channels": "nav"})
	nav.SetSlowDelay(time.Second)
	nav.Fault(sim.ChannelFaultSlow, 1)
	r := s.Do(t, "PUT", "/v1/ads/edit", navAd("Første utgave"), apptest.Bearer(key)...)
	require.Equal(t, http.StatusCreated, r.Status)
	id := r.JSON["id"].(string)
	apptest.Eventually(t, func() bool { return nav.Stats().Requests >= 1 }, "the first revision is on its way")
	require.Equal(t, http.StatusOK, s.Do(t, "PUT", "/v1/ads/edit", navAd("Andre utgave"), apptest.Bearer(key)...).Status)
	apptest.Eventually(t, func() bool {
		c := channelState(t, s, key, "edit", "nav")
		return nav.Ad(id) != nil && nav.Ad(id)["title"] == "Andre utgave" && c["revision"] == float64(2)
	}, "NAV holds the newest revision, and so does its channel state")
}

// TestFINNLifeEnds moves the clock past an ad's 42 days on FINN: with
// finn_readvertise the ad is re-advertised under a new ORDERNO, without it
// the ad is withdrawn from FINN (and stays on the board).
func TestFINNLifeEnds(t *testing.T) {
	for _, readvertise := range []bool{true, false} {
		t.Run(map[bool]string{true: "readvertise", false: "withdraw"}[readvertise], func(t *testing.T) {
			cfg := apptest.Config(t, apptest.Mode{Name: "embedded"})
			finn := sim.NewFINN(sim.FINNConfig{})
			srv := httptest.NewServer(finn)
			t.Cleanup(srv.Close)
			cfg.FINNURL, cfg.FINNPartnerID = srv.URL, finn.PartnerID()
			s := apptest.Start(t, cfg, app.Options{})
			settings := map[string]string{"channels": "finn", "finn_provider": "12345", "finn_occupation": "Lager"}
			if readvertise {
				settings["finn_readvertise"] = "true"
			}
			_, key := s.VendorTenant(t, "generic", settings)
			a := navAd("Lagermedarbeider")
			a["deadline"] = time.Now().AddDate(0, 6, 0).Format(time.DateOnly)
			a["contact"] = map[string]any{"name": "Kari Nordmann", "email": "kari@eksempel.no"}
			require.Equal(t, http.StatusCreated, s.Do(t, "PUT", "/v1/ads/life", a, apptest.Bearer(key)...).Status)
			apptest.Eventually(t, stateIs(t, s, key, "life", "finn", "live"), "FINN took the ad")
			// The board's delivery runs on another queue: under load it can
			// still be pending when FINN's is done, and the end checks it.
			apptest.Eventually(t, stateIs(t, s, key, "life", "board", "live"), "the board shows the ad")
			first := channelState(t, s, key, "life", "finn")["reference"]
			s.Stop(t)

			later := func() time.Time { return time.Now().AddDate(0, 0, 43) }
			s = apptest.Start(t, cfg, app.Options{Now: later})
			if readvertise {
				apptest.Eventually(t, func() bool {
					c := channelState(t, s, key, "life", "finn")
					return c["state"] == "live" && c["reference"] != first
				}, "re-advertised under a new ORDERNO")
				require.Len(t, finn.OrderNos(), 2)
				return
			}
			apptest.Eventually(t, stateIs(t, s, key, "life", "finn", "withdrawn"), "withdrawn from FINN when its life ends")
			require.Equal(t, "live", channelState(t, s, key, "life", "board")["state"])
		})
	}
}

// TestNAVBadAdInBatch sends one ad NAV would refuse among good ones
// queued together (one batch, unless the machine is slow): it alone is
// rejected, the others go out.
func TestNAVBadAdInBatch(t *testing.T) {
	cfg := apptest.Config(t, apptest.Mode{Name: "embedded"})
	nav := navServer(t, &cfg)
	s := apptest.Start(t, cfg, app.Options{})
	_, key := s.VendorTenant(t, "generic", map[string]string{"channels": "nav"})
	bad := navAd("Ukjent ansettelse")
	bad["locations"] = []any{map[string]any{"city": "Atlantis", "country": "NO"}}
	ads := map[string]map[string]any{"good-1": navAd("En"), "good-2": navAd("To"), "good-3": navAd("Tre"), "bad": bad}
	for ref, a := range ads {
		require.Equal(t, http.StatusCreated, s.Do(t, "PUT", "/v1/ads/"+ref, a, apptest.Bearer(key)...).Status)
	}
	apptest.Eventually(t, stateIs(t, s, key, "bad", "nav", "rejected"), "the bad ad is rejected")
	for ref := range ads {
		if ref != "bad" {
			apptest.Eventually(t, func() bool { return channelState(t, s, key, ref, "nav")["reference"] != "" }, ref+" reaches NAV")
		}
	}
	require.Equal(t, 3, nav.Stats().Received, "the good ads were received, the bad one never sent")
}

// TestUnconfiguredChannel publishes to a channel the board has not set
// up: the delivery goes dead with the reason, for the operator to replay
// once it is configured; the ad is not marked rejected there.
func TestUnconfiguredChannel(t *testing.T) {
	s := apptest.Start(t, apptest.Config(t, apptest.Mode{Name: "embedded"}), app.Options{})
	_, key := s.VendorTenant(t, "generic", map[string]string{"channels": "nav"})
	require.Equal(t, http.StatusCreated, s.Do(t, "PUT", "/v1/ads/nowhere", navAd("Stilling"), apptest.Bearer(key)...).Status)
	apptest.Eventually(t, func() bool {
		ds, err := s.Env.Store.ListDeliveries(t.Context(), store.DeliveryFilter{State: store.DeliveryDead})
		return err == nil && len(ds) == 1 && strings.Contains(ds[0].LastError, "not configured")
	}, "the delivery is dead, saying why")
	require.Equal(t, "pending", channelState(t, s, key, "nowhere", "nav")["state"], "not rejected: the ad is not at fault")
}
