package app_test

import (
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// BenchmarkNAVPublish puts 10,000 new ads (per op) through the generic API
// of one jobgate whose integration publishes to NAV, and measures the time
// until the NAV simulator holds them all, and the HTTP requests it took:
// the target is under 60 s and about 100 requests (batches of 100),
// not 10,000.
//
//	go test ./internal/app -run '^$' -bench NAVPublish -benchtime 1x
func BenchmarkNAVPublish(b *testing.B) {
	const ads = 10000
	for _, m := range apptest.Modes() {
		b.Run(m.Name, func(b *testing.B) {
			cfg := apptest.Config(b, m)
			nav := navServer(b, &cfg)
			cfg.ChannelStatusInterval = time.Hour // moderation is not measured here
			s := apptest.Start(b, cfg, app.Options{})
			_, key := s.VendorTenant(b, "generic", map[string]string{"channels": "nav"})
			var n atomic.Int64
			b.ResetTimer()
			for range b.N {
				nav.ResetStats()
				start := time.Now()
				put(b, s, key, ads, &n)
				accepted := time.Since(start)
				for nav.Stats().Received < ads {
					time.Sleep(50 * time.Millisecond)
				}
				took := time.Since(start)
				st := nav.Stats()
				b.ReportMetric(took.Seconds(), "s/10k-ads")
				b.ReportMetric(float64(st.Requests), "nav-requests/10k-ads")
				b.Logf("%d ads accepted in %s, all at NAV in %s, in %d NAV requests (%d batches)", ads, accepted.Round(time.Millisecond), took.Round(time.Millisecond), st.Requests, st.BatchRequests)
			}
		})
	}
}

// put PUTs count new ads with 16 clients.
func put(b *testing.B, s *apptest.Server, key string, count int, n *atomic.Int64) {
	var wg sync.WaitGroup
	var left atomic.Int64
	left.Store(int64(count))
	for range 16 {
		wg.Go(func() {
			for left.Add(-1) >= 0 {
				ref := fmt.Sprintf("nav-%d", n.Add(1))
				if r := s.Do(b, "PUT", "/v1/ads/"+ref, navAd("Stilling "+ref), apptest.Bearer(key)...); r.Status != http.StatusCreated {
					b.Errorf("PUT %s: %d %s", ref, r.Status, r.Body)
					return
				}
			}
		})
	}
	wg.Wait()
}
