package sim

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// navBatches is n ads of our own of about 2.5 kB, in batches of 100, as
// JSON bodies.
func navBatches(t require.TestingT, n int, version string) [][]byte {
	var out [][]byte
	for start := 0; start < n; start += navBatchMax {
		var ads []any
		for i := start; i < min(start+navBatchMax, n); i++ {
			ads = append(ads, navAd(fmt.Sprintf("load-%05d", i), func(ad map[string]any) {
				ad["title"] = "Lagermedarbeider " + version
				ad["adText"] = "<p>" + string(bytes.Repeat([]byte("Vi søker lagermedarbeider. "), 80)) + "</p>"
			}))
		}
		b, err := json.Marshal(ads)
		require.NoError(t, err)
		out = append(out, b)
	}
	return out
}

// postBatches sends the batches from four goroutines, as jobgate's
// workers would, and answers the statuses seen.
func postBatches(ctx context.Context, s navServer, batches [][]byte) map[int]int {
	var mu sync.Mutex
	statuses := map[int]int{}
	work := make(chan []byte)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for body := range work {
				req, _ := http.NewRequestWithContext(ctx, http.MethodPost, s.NAV.URL(s.srv.URL)+"/api/v1/transfers/batch/10042", bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer test-token")
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					continue
				}
				resp.Body.Close()
				mu.Lock()
				statuses[resp.StatusCode]++
				mu.Unlock()
			}
		})
	}
	for _, b := range batches {
		work <- b
	}
	close(work)
	wg.Wait()
	return statuses
}

// TestNAVTakesBatchesConcurrently: 1,000 ads in batches of 100 from four
// workers are all received, then all skipped unchanged, then all received
// again changed.
func TestNAVTakesBatchesConcurrently(t *testing.T) {
	s := newNAVServer(t)
	batches := navBatches(t, 1_000, "v1")
	require.Equal(t, map[int]int{http.StatusCreated: 10}, postBatches(t.Context(), s, batches))
	require.Equal(t, map[int]int{http.StatusOK: 10}, postBatches(t.Context(), s, batches))
	require.Equal(t, map[int]int{http.StatusCreated: 10}, postBatches(t.Context(), s, navBatches(t, 1_000, "v2")))
	st := s.Stats()
	require.Equal(t, 2_000, st.Received)
	require.Equal(t, 10, st.Skipped)
	require.Equal(t, 1_000, st.Ads)
	require.Len(t, st.BatchSizes, 30)
	require.Equal(t, 1_000, s.Moderate())
	require.Equal(t, "Lagermedarbeider v2", s.Ad("load-00999")["title"])
}

// BenchmarkNAVTenThousandAds publishes 10,000 ads in batches of 100 from
// four workers to a fresh NAV, as the publishing benchmark does.
func BenchmarkNAVTenThousandAds(b *testing.B) {
	batches := navBatches(b, 10_000, "v1")
	for b.Loop() {
		n := NewNAV(NAVConfig{ProviderID: 10042, Token: "test-token", FilingDelay: NAVFilesAtOnce})
		srv := httptest.NewServer(n)
		got := postBatches(b.Context(), navServer{n, srv}, batches)
		srv.Close()
		if got[http.StatusCreated] != 100 {
			b.Fatalf("answers %v", got)
		}
	}
}
