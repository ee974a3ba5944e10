package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jobgate/jobgate/internal/apply/applytest"
)

// submission is one application sent: its id and when it was sent.
type submission struct {
	id   string
	sent time.Time
	took time.Duration // until the 202
}

// phases puts the job, runs the load, waits for the deliveries and
// reports.
func (b *bench) phases(ctx context.Context) error {
	if err := b.putJob(); err != nil {
		return err
	}
	mem := &memory{}
	memCtx, stopMem := context.WithCancel(ctx)
	go mem.run(memCtx)
	defer stopMem()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: b.o.Concurrency * 2}, Timeout: 60 * time.Second}
	cv := applytest.PDF(bytes.Repeat([]byte{0x25, 0x0a, 0x41, 0xe2}, b.o.CVSize/4)) // a PDF the file check takes
	var mu sync.Mutex
	var subs []submission
	var refused atomic.Int64
	start := time.Now()
	deadline := start.Add(b.o.Duration)
	var wg sync.WaitGroup
	var seq atomic.Int64
	for range b.o.Concurrency {
		wg.Go(func() {
			for time.Now().Before(deadline) && ctx.Err() == nil {
				s, err := b.submit(client, cv, seq.Add(1))
				if err != nil {
					refused.Add(1)
					continue
				}
				mu.Lock()
				subs = append(subs, s)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	loadTook := time.Since(start)
	fmt.Printf("load: %d accepted in %s = %.1f applications/s accepted; %d refused or failed\n",
		len(subs), loadTook.Round(time.Millisecond), float64(len(subs))/loadTook.Seconds(), refused.Load())
	b.drain(ctx, len(subs))
	b.report(subs, start, mem)
	return nil
}

func (b *bench) putJob() error {
	body := `{"title":"Lagermedarbeider","description":"<p>Vi søker folk</p>","employer":{"name":"Eksempel AS"}}`
	req, _ := http.NewRequest(http.MethodPut, b.url+"/v1/ads/load-1", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+b.key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var v struct{ ID string }
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil || v.ID == "" {
		return fmt.Errorf("put the job: status %d", resp.StatusCode)
	}
	b.job = v.ID
	return nil
}

// submit sends one application from candidate n.
func (b *bench) submit(client *http.Client, cv []byte, n int64) (submission, error) {
	var buf bytes.Buffer
	buf.Grow(len(cv) + 2048)
	mw := multipart.NewWriter(&buf)
	for k, v := range map[string]string{"first_name": "Kandidat", "last_name": fmt.Sprint(n), "email": fmt.Sprintf("kandidat%d@example.no", n),
		"phone": "+47 912 34 567", "consents[privacy_policy]": "true"} {
		_ = mw.WriteField(k, v)
	}
	w, _ := mw.CreateFormFile("cv", "cv.pdf")
	_, _ = w.Write(cv)
	_ = mw.Close()
	sent := time.Now()
	resp, err := client.Post(b.url+"/v1/jobs/"+b.job+"/applications", mw.FormDataContentType(), &buf)
	if err != nil {
		return submission{}, err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var v struct{ ID string }
	if resp.StatusCode != http.StatusAccepted || json.Unmarshal(raw, &v) != nil {
		return submission{}, fmt.Errorf("status %d", resp.StatusCode)
	}
	return submission{id: v.ID, sent: sent, took: time.Since(sent)}, nil
}

// drain waits until every accepted application was delivered.
func (b *bench) drain(ctx context.Context, n int) {
	start := time.Now()
	for b.timing.deliveredCount() < n && time.Since(start) < b.o.Drain && ctx.Err() == nil {
		time.Sleep(20 * time.Millisecond)
	}
	fmt.Printf("drain: %d of %d delivered %s after the load ended\n", b.timing.deliveredCount(), n, time.Since(start).Round(time.Millisecond))
}

func (b *bench) report(subs []submission, start time.Time, mem *memory) {
	var lat, took []time.Duration
	var last time.Time
	for _, s := range subs {
		took = append(took, s.took)
		if at, ok := b.timing.deliveredAt(s.id); ok {
			lat = append(lat, at.Sub(s.sent))
			if at.After(last) {
				last = at
			}
		}
	}
	e2e := last.Sub(start)
	fmt.Printf("end to end: %d delivered in %s = %.1f applications/s delivered\n", len(lat), e2e.Round(time.Millisecond), float64(len(lat))/e2e.Seconds())
	fmt.Printf("submit -> 202: p50 %s  p99 %s\n", percentile(took, .5).Round(time.Millisecond), percentile(took, .99).Round(time.Millisecond))
	fmt.Printf("submit -> delivered: p50 %s  p90 %s  p99 %s  max %s\n", percentile(lat, .5).Round(time.Millisecond),
		percentile(lat, .9).Round(time.Millisecond), percentile(lat, .99).Round(time.Millisecond), percentile(lat, 1).Round(time.Millisecond))
	mem.mu.Lock()
	defer mem.mu.Unlock()
	fmt.Printf("memory: Go heap in use peak %.0f MiB; process peak RSS %.0f MiB\n", float64(mem.peakHeap)/(1<<20), float64(peakRSS())/(1<<20))
}
