package sqlite_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/ids"
	"github.com/jobgate/jobgate/internal/store"
	"github.com/jobgate/jobgate/internal/store/sqlite"
)

// BenchmarkApplicationLifecycle is one application's writes from intake
// to the ATS: stored with a 64 KiB CV, one failed attempt, then
// delivered. It measures what the ledger's events (written in each of
// these transactions) cost the apply path (README "The application's
// ledger").
func BenchmarkApplicationLifecycle(b *testing.B) {
	s, err := sqlite.Open(filepath.Join(b.TempDir(), "jobgate.db"))
	require.NoError(b, err)
	b.Cleanup(func() { s.Close() })
	ctx := store.WithActor(context.Background(), "bench")
	require.NoError(b, s.Migrate(ctx))
	acc, err := s.CreateAccount(ctx, "Eksempel AS")
	require.NoError(b, err)
	in, err := s.CreateIntegration(ctx, store.Integration{AccountID: acc.ID, Vendor: "generic"})
	require.NoError(b, err)
	content, _ := json.Marshal(map[string]string{"title": "Lager"})
	ad, err := s.UpsertAd(ctx, store.AdWrite{AccountID: acc.ID, IntegrationID: in.ID, Reference: "r1", Content: content, Hash: "h",
		Title: "Lager", ApplyMode: "direct", ApplyURL: "https://ats.example/apply", Channels: []string{"board"}})
	require.NoError(b, err)
	cv := make([]byte, 64<<10)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := s.CreateApplication(ctx, store.ApplicationWrite{ID: ids.New("app"), AccountID: acc.ID, IntegrationID: in.ID, AdID: ad.Ad.ID,
			Applier: "webhook", TokenHash: []byte("h"), ContentHash: "c" + strconv.Itoa(i), DedupeWindow: time.Minute, Content: []byte(`{}`),
			Documents: []store.ApplicationDocument{{Kind: "cv", FileName: "cv.pdf", ContentType: "application/pdf", SHA256: "s", Data: cv}}})
		if err != nil {
			b.Fatal(err)
		}
		if err := s.FailDelivery(ctx, res.Delivery.ID, 0, store.Failure{Reason: "transient: status 503", CountsAttempt: true, NextAttemptAt: time.Now()}); err != nil {
			b.Fatal(err)
		}
		if err := s.CompleteApplication(ctx, res.Delivery.ID, 0, "ats-"+strconv.Itoa(i)); err != nil {
			b.Fatal(err)
		}
	}
}
