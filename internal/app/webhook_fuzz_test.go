package app_test

import (
	"context"
	"os"
	"testing"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// The vendor webhook fuzz targets send arbitrary bodies, correctly signed,
// through a running jobgate's receivers (the connectors' handlers with the
// real hub and store behind them): whatever the body, the answer is 2xx or
// 4xx, never a 5xx, a panic or a dropped connection. The connectors'
// FuzzDecode targets fuzz the decoders alone, faster.

// webhookSeeds are bodies every webhook target starts from.
var webhookSeeds = [][]byte{nil, []byte("{}"), []byte("null"), []byte(`{"a":"\u0000"}`), []byte("\xff\xfe"), []byte(`[1,2`)}

// requireAnswered fails unless the receiver answered with 2xx or 4xx.
func requireAnswered(t *testing.T, r sim.Response, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("no answer: %v", err)
	}
	if r.Status < 200 || r.Status >= 500 || (r.Status >= 300 && r.Status < 400) {
		t.Fatalf("answered %d: %s", r.Status, r.Body)
	}
}

// fuzzWebhook seeds f with seedFile and webhookSeeds, and sends each
// input with send (made by connect on a running jobgate).
func fuzzWebhook(f *testing.F, seedFile string, connect func(s *apptest.Server) func([]byte) (sim.Response, error)) {
	if body, err := os.ReadFile(seedFile); err == nil {
		f.Add(body)
	}
	for _, b := range webhookSeeds {
		f.Add(b)
	}
	send := connect(apptest.Start(f, apptest.Config(f, apptest.Mode{Name: "embedded"}), app.Options{}))
	f.Fuzz(func(t *testing.T, body []byte) {
		r, err := send(body)
		requireAnswered(t, r, err)
	})
}

// FuzzTeamtailorWebhook posts arbitrary job events to Teamtailor's
// receiver, signed with the board's secret.
func FuzzTeamtailorWebhook(f *testing.F) {
	fuzzWebhook(f, "../../testdata/teamtailor/teamtailor-webhook-post.json", func(s *apptest.Server) func([]byte) (sim.Response, error) {
		_, key := s.VendorTenant(f, "teamtailor", nil)
		tt := sim.Teamtailor{BaseURL: s.URL + "/connectors/teamtailor", Secret: apptest.TeamtailorSecret, APIKey: key}
		return func(body []byte) (sim.Response, error) { return tt.PostRaw(context.Background(), body) }
	})
}

// FuzzPontyWebhook posts arbitrary ads to Ponty's receiver with a valid
// token.
func FuzzPontyWebhook(f *testing.F) {
	fuzzWebhook(f, "../../testdata/ponty/assignment.json", func(s *apptest.Server) func([]byte) (sim.Response, error) {
		integ, key := s.VendorTenant(f, "ponty", nil)
		ponty := sim.Ponty{Site: sim.PontySite(s.URL, integ), Key: key, Slug: "acme"}
		return func(body []byte) (sim.Response, error) { return ponty.UpsertRaw(context.Background(), body) }
	})
}
