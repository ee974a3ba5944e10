package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/connectors/teamtailor"
	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// BenchmarkIngest puts the same ads into one embedded jobgate over HTTP,
// each op a new ad, by two paths: a generic-API PUT, and a signed
// Teamtailor webhook (signature, activation JWT, key lookup, mapping). The
// issue's budget: the Teamtailor path costs at most 25 % more per request.
//
//	go test ./internal/app -run '^$' -bench Ingest -benchtime 5s
func BenchmarkIngest(b *testing.B) {
	s := apptest.Start(b, apptest.Config(b, apptest.Modes()[0]), app.Options{})
	_, genericKey := s.VendorTenant(b, "generic", nil)
	_, ttKey := s.VendorTenant(b, "teamtailor", nil)
	event := teamtailorEvent(b)
	e, err := teamtailor.Decode(mustMarshal(b, event))
	require.NoError(b, err)
	canonical := e.Ad()
	require.NoError(b, ad.Normalize(&canonical, time.Now()))
	genericBody := mustMarshal(b, canonical)
	var n atomic.Int64

	b.Run("generic", func(b *testing.B) {
		waitDrained(b, s)
		b.SetParallelism(8)
		b.RunParallel(func(pb *testing.PB) {
			wb := sim.Workbuster{Jobgate: s.URL, Key: genericKey}
			var a map[string]any
			_ = json.Unmarshal(genericBody, &a)
			for pb.Next() {
				r, err := wb.Put(context.Background(), fmt.Sprintf("g-%d", n.Add(1)), a, sim.None)
				if err != nil || r.Status != http.StatusCreated {
					b.Errorf("generic PUT: %v %d %s", err, r.Status, r.Body)
				}
			}
		})
	})
	b.Run("teamtailor", func(b *testing.B) {
		waitDrained(b, s)
		b.SetParallelism(8)
		b.RunParallel(func(pb *testing.PB) {
			tt := sim.Teamtailor{BaseURL: s.URL + "/connectors/teamtailor", Secret: apptest.TeamtailorSecret, APIKey: ttKey}
			ev := teamtailorEvent(b)
			for pb.Next() {
				ev["reference-id"] = fmt.Sprintf("t-%d", n.Add(1))
				ev["id"] = ev["reference-id"]
				r, err := tt.Post(context.Background(), ev, sim.None)
				if err != nil || r.Status != http.StatusOK {
					b.Errorf("teamtailor POST: %v %d %s", err, r.Status, r.Body)
				}
			}
		})
	})
}

// waitDrained lets the outbox deliver what the previous run queued, so one
// path does not pay for the other's deliveries.
func waitDrained(b *testing.B, s *apptest.Server) {
	b.StopTimer()
	defer b.StartTimer()
	require.Eventually(b, func() bool {
		c, err := s.Env.Store.CountDeliveries(context.Background())
		return err == nil && c["pending"] == 0
	}, 2*time.Minute, 50*time.Millisecond)
}

func mustMarshal(b testing.TB, v any) []byte {
	raw, err := json.Marshal(v)
	require.NoError(b, err)
	return raw
}
