package app_test

import (
	"io"
	"net/http"
	"testing"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// BenchmarkJobPageCounting serves one direct-apply job page over HTTP from
// two embedded jobgates in one run, one counting its views by source and
// one with statistics off (app.Options.NoStats), each request with a NAV
// Referer and a browser's User-Agent. The budget: counting costs
// under 10 % of the page's requests per second.
//
//	go test ./internal/app -run '^$' -bench JobPageCounting -benchtime 5s
func BenchmarkJobPageCounting(b *testing.B) {
	for _, tc := range []struct {
		name string
		opt  app.Options
	}{{"counting", app.Options{}}, {"not_counting", app.Options{NoStats: true}}} {
		s := apptest.Start(b, apptest.Config(b, apptest.Modes()[0]), tc.opt)
		ats, atsURL := atsServer(b)
		jobID := putJob(b, s, webhookTenant(b, s, ats, atsURL, "acme"), "ref-1")
		url := s.URL + "/jobs/" + jobID
		apptest.Eventually(b, func() bool { return getStatus(b, url) == http.StatusOK }, "the job page is served")
		b.Run(tc.name, func(b *testing.B) {
			b.SetParallelism(4)
			b.RunParallel(func(pb *testing.PB) {
				client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
				req, _ := http.NewRequest(http.MethodGet, url, nil)
				req.Header.Set("Referer", "https://arbeidsplassen.nav.no/stillinger/stilling/4c1d")
				req.Header.Set("User-Agent", firefox)
				for pb.Next() {
					resp, err := client.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					drain(resp)
					if resp.StatusCode != http.StatusOK {
						b.Errorf("status %d", resp.StatusCode)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
		})
		s.Stop(b)
	}
}

func getStatus(b *testing.B, url string) int {
	resp, err := http.Get(url)
	if err != nil {
		return 0
	}
	drain(resp)
	return resp.StatusCode
}

func drain(resp *http.Response) {
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
}
