package sim

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestConcurrentPollsAndChanges is for -race: polls of every vendor while
// the feeds change and faults come and go.
func TestConcurrentPollsAndChanges(t *testing.T) {
	fs, srv := newFeedServer(t)
	tgs := targets(fs, srv.URL)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 20 {
				tg := tgs[(w+i)%len(tgs)]
				resp, err := http.Get(tg.url)
				if err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}
		})
	}
	wg.Go(func() {
		for i := range 20 {
			tg := tgs[i%len(tgs)]
			tg.feed.Change(0.5)
			tg.feed.Put(GeneratePosting(100 + i))
			tg.feed.Fault(Fault5xx, 1)
			_ = tg.feed.Stats()
		}
	})
	wg.Wait()
	total := 0
	for _, f := range fs.List() {
		total += f.Requests()
	}
	require.Equal(t, 160, total)
	require.Equal(t, 160, fs.Requests())
}

// BenchmarkPollFeeds polls many 50-posting feeds, a tenth of them changed
// between rounds, conditionally where the vendor allows.
func BenchmarkPollFeeds(b *testing.B) {
	fs := NewFeeds()
	srv := httptest.NewServer(fs)
	defer srv.Close()
	var feeds []*Feed
	for i := range 300 {
		for _, f := range []*Feed{fs.Lever(fmt.Sprint("s", i)), fs.Jobylon(fmt.Sprint("h", i)), fs.ReachMee(fmt.Sprint(i), "I001", "c")} {
			f.Generate(50)
			feeds = append(feeds, f)
		}
	}
	etags := make([]string, len(feeds))
	b.ResetTimer()
	for n := range b.N {
		f := feeds[n%len(feeds)]
		if n%10 == 0 {
			f.Change(0.1)
		}
		req, _ := http.NewRequest(http.MethodGet, f.URL(srv.URL), nil)
		if e := etags[n%len(feeds)]; e != "" {
			req.Header.Set("If-None-Match", e)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			etags[n%len(feeds)] = resp.Header.Get("ETag")
		}
	}
}
