package app_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// TestFINNOccupationsBeyondIT: ads for a nurse, a warehouse worker and a
// teacher, from an employer without a finn_occupation setting, reach the
// FINN simulator with an OCCUPATION of FINN's list, which it checks; a
// NAV-style STYRK-08 category maps too (issue 15, FINN occupations).
func TestFINNOccupationsBeyondIT(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		finn := sim.NewFINN(sim.FINNConfig{Require80: true})
		srv := httptest.NewServer(finn)
		t.Cleanup(srv.Close)
		cfg.FINNURL, cfg.FINNPartnerID = srv.URL, finn.PartnerID()
		s := apptest.Start(t, cfg, app.Options{})
		_, key := s.VendorTenant(t, "generic", map[string]string{"channels": "finn", "finn_provider": "12345",
			"finn_contact_name": "Rekruttering"})
		for ref, c := range map[string]struct {
			title, category, want string
		}{
			"nurse":     {"Sykepleier, medisinsk avdeling", "", "HEALTHCARE"},
			"warehouse": {"Lagermedarbeider", "", "TRANSPORTLOGISTICS"},
			"teacher":   {"Lærer 1.–7. trinn", "", "EDUCATION"},
			"styrk":     {"Medarbeider", "STYRK08 5321", "HEALTHCARE"},
		} {
			a := navAd(c.title)
			if c.category != "" {
				a["categories"] = []any{c.category}
			}
			r := s.Do(t, "PUT", "/v1/ads/"+ref, a, apptest.Bearer(key)...)
			require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
			apptest.Eventually(t, stateIs(t, s, key, ref, "finn", "live"), ref+": FINN took the ad")
			orderNo := channelState(t, s, key, ref, "finn")["reference"].(string)
			ad, ok := finn.Ad(orderNo)
			require.True(t, ok)
			require.Equal(t, []string{c.want}, ad.Fields["OCCUPATION/GENERAL"], ref)
		}
		require.Equal(t, 4, finn.Stats().Live)
	})
}
