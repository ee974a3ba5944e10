package app_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// navPosting is a posting NAV takes but for its place.
func navPosting(id, title string) sim.Posting {
	return sim.Posting{ID: id, Title: title, DescriptionHTML: "<p>Vi søker en medarbeider.</p>", Company: "Acme AS",
		EmploymentType: "permanent", Extent: "full_time", Deadline: time.Now().AddDate(0, 1, 0).Format(time.DateOnly)}
}

// navLocation is the first work location the NAV simulator holds for the
// ad ref, once it has received it.
func navLocation(t *testing.T, s *apptest.Server, key, ref string, nav *sim.NAV) map[string]any {
	t.Helper()
	var id string
	apptest.Eventually(t, func() bool {
		id, _ = channelState(t, s, key, ref, "nav")["reference"].(string)
		return id != "" && nav.Ad(id) != nil
	}, "NAV received "+ref)
	return nav.Ad(id)["locationList"].([]any)[0].(map[string]any)
}

// TestNAVPlacesLeverCities publishes polled Lever ads to the NAV
// simulator, which refuses a first location without a postal code, county
// or municipality as NAV does (issue 15, Norwegian places). Lever gives a
// city only ("Oslo, Norway", "Bergen"); each now reaches NAV with NAV's
// municipal and county. A place two municipalities share ("Nes") is
// refused here, naming it, and the ad stays on the board.
func TestNAVPlacesLeverCities(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		nav := navServer(t, &cfg)
		s := apptest.Start(t, cfg, app.Options{})
		fs, base := feedServer(t)
		lever := fs.Lever("acme")
		oslo := navPosting("lever-oslo", "Lagermedarbeider")
		oslo.City = "Oslo, Norway"
		lever.Put(oslo)
		bergen := navPosting("lever-bergen", "Sykepleier")
		bergen.City, bergen.Country = "Bergen", "NO"
		lever.Put(bergen)
		nes := navPosting("lever-nes", "Sjåfør")
		nes.City = "Nes"
		lever.Put(nes)
		integ, key := s.VendorTenant(t, "lever", map[string]string{"site": "acme", "base_url": base, "employer_name": "Acme AS", "channels": "nav"})
		require.Equal(t, "ok", syncNow(t, s, integ).JSON["outcome"])

		l := navLocation(t, s, key, "lever-oslo", nav)
		require.Equal(t, [3]any{"Oslo", "OSLO", "OSLO"}, [3]any{l["city"], l["municipal"], l["county"]}, "the country split off, the city placed")
		l = navLocation(t, s, key, "lever-bergen", nav)
		require.Equal(t, [2]any{"BERGEN", "VESTLAND"}, [2]any{l["municipal"], l["county"]})

		apptest.Eventually(t, stateIs(t, s, key, "lever-nes", "nav", "rejected"), "an ambiguous place is refused for NAV")
		require.Contains(t, channelState(t, s, key, "lever-nes", "nav")["reason"], `"Nes" is ambiguous`)
		require.Equal(t, "live", channelState(t, s, key, "lever-nes", "board")["state"], "the board still shows it")
	})
}

// TestNAVPlacesReachMeeCounty publishes polled ReachMee ads to the NAV
// simulator (issue 15, Norwegian places): ReachMee's Area1 is the county,
// which tells the two Herøy apart and places an ad that has no town.
func TestNAVPlacesReachMeeCounty(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		nav := navServer(t, &cfg)
		s := apptest.Start(t, cfg, app.Options{})
		fs, base := feedServer(t)
		rm := fs.ReachMee("103", "I017", "acme")
		heroy := navPosting("4801", "Fiskeoppdretter")
		heroy.City, heroy.Region, heroy.Country = "Herøy", "Nordland", "NO"
		rm.Put(heroy)
		county := navPosting("4802", "Lærer")
		county.Region, county.Country = "Vestland", "NO"
		rm.Put(county)
		integ, key := s.VendorTenant(t, "reachmee", map[string]string{"feed_url": rm.URL(base), "channels": "nav"})
		require.Equal(t, "ok", syncNow(t, s, integ).JSON["outcome"])

		l := navLocation(t, s, key, "4801", nav)
		require.Equal(t, [2]any{"HERØY (NORDLAND)", "NORDLAND"}, [2]any{l["municipal"], l["county"]}, "Area1 tells the two Herøy apart")
		l = navLocation(t, s, key, "4802", nav)
		require.Equal(t, "VESTLAND", l["county"], "Area1 alone places the ad in its county")
		require.Nil(t, l["municipal"])
	})
}

// TestNAVPlacesGenericCounty: the generic API's location county places an
// ad whose town the register does not know; without it the same ad is
// refused for NAV, naming the town.
func TestNAVPlacesGenericCounty(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		nav := navServer(t, &cfg)
		s := apptest.Start(t, cfg, app.Options{})
		_, key := s.VendorTenant(t, "generic", map[string]string{"channels": "nav"})

		a := navAd("Bonde")
		a["locations"] = []any{map[string]any{"city": "Fjellgarden", "county": "Vestland", "country": "NO"}}
		r := s.Do(t, "PUT", "/v1/ads/county", a, apptest.Bearer(key)...)
		require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
		r = s.Do(t, "GET", "/v1/ads/county", nil, apptest.Bearer(key)...)
		require.Contains(t, string(r.Body), `"county":"Vestland"`, "the API keeps the county")
		l := navLocation(t, s, key, "county", nav)
		require.Equal(t, [2]any{"Fjellgarden", "VESTLAND"}, [2]any{l["city"], l["county"]})

		delete(a["locations"].([]any)[0].(map[string]any), "county")
		r = s.Do(t, "PUT", "/v1/ads/no-county", a, apptest.Bearer(key)...)
		require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
		apptest.Eventually(t, stateIs(t, s, key, "no-county", "nav", "rejected"), "an unknown town alone is refused for NAV")
		require.Contains(t, channelState(t, s, key, "no-county", "nav")["reason"], `"Fjellgarden"`)
	})
}
