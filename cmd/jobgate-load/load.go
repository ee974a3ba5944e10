package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// loadConfig describes one load phase.
type loadConfig struct {
	// Rate, when positive, makes the load open-loop: requests are due at
	// Rate per second whatever the answers' pace, and latency counts from
	// when a request was due, so a server that falls behind is charged for
	// the queue it causes (no coordinated omission). Zero is closed-loop.
	Rate        float64
	BaseURL     string
	Key         string
	Prefix      string
	Ads         uint64 // distinct references cycled through
	Concurrency int
	Duration    time.Duration
	Client      *http.Client
	Accepted    func(status int) bool
}

// loadResult is what one load phase measured. Latency covers every
// request that got an HTTP answer, whatever its status.
type loadResult struct {
	Requests        uint64         `json:"requests"`
	Accepted        uint64         `json:"accepted"`
	Status          map[int]uint64 `json:"status"`
	TransportErrors uint64         `json:"transport_errors"`
	FirstError      string         `json:"first_transport_error,omitempty"`
	Elapsed         time.Duration  `json:"-"`
	End             time.Time      `json:"-"` // when the last answer came in
	Latency         *histogram     `json:"-"`
}

// PerSecond is accepted requests per second over the whole phase.
func (r loadResult) PerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Accepted) / r.Elapsed.Seconds()
}

// StatusCodes lists the statuses seen, in order.
func (r loadResult) StatusCodes() []int {
	codes := make([]int, 0, len(r.Status))
	for c := range r.Status {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	return codes
}

// newClient is a keep-alive client with an idle connection per load client.
func newClient(concurrency int, timeout time.Duration) *http.Client {
	tr := &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        2*concurrency + 4,
		MaxIdleConnsPerHost: concurrency + 2,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}
	return &http.Client{Transport: tr, Timeout: timeout}
}

type workerStats struct {
	requests, accepted, transportErrs uint64
	status                            map[int]uint64
	firstErr                          string
	hist                              *histogram
}

// runLoad runs cfg.Concurrency clients, each sending its next PUT when the
// previous one was answered, until cfg.Duration has passed; requests in
// flight at that moment are waited for and counted.
func runLoad(ctx context.Context, cfg loadConfig) loadResult {
	var next atomic.Uint64
	stats := make([]workerStats, cfg.Concurrency)
	start := time.Now()
	stop := start.Add(cfg.Duration)
	var due <-chan time.Time
	if cfg.Rate > 0 {
		due = schedule(ctx, start, stop, cfg.Rate)
	}
	var wg sync.WaitGroup
	for w := range stats {
		wg.Go(func() { worker(ctx, cfg, &next, stop, due, &stats[w]) })
	}
	wg.Wait()
	end := time.Now()
	res := loadResult{Status: map[int]uint64{}, Elapsed: end.Sub(start), End: end, Latency: newHistogram()}
	for i := range stats {
		s := &stats[i]
		res.Requests += s.requests
		res.Accepted += s.accepted
		res.TransportErrors += s.transportErrs
		for c, n := range s.status {
			res.Status[c] += n
		}
		if res.FirstError == "" {
			res.FirstError = s.firstErr
		}
		res.Latency.Merge(s.hist)
	}
	return res
}

// schedule sends the time each request is due, rate per second from start
// until stop, then closes the channel.
func schedule(ctx context.Context, start, stop time.Time, rate float64) <-chan time.Time {
	out := make(chan time.Time, int(rate*stop.Sub(start).Seconds())+1)
	go func() {
		defer close(out)
		interval := time.Duration(float64(time.Second) / rate)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for sent := 0; ctx.Err() == nil; {
			now := <-t.C
			for at := start.Add(time.Duration(sent) * interval); !at.After(now); at = start.Add(time.Duration(sent) * interval) {
				if !at.Before(stop) {
					return
				}
				out <- at
				sent++
			}
		}
	}()
	return out
}

func worker(ctx context.Context, cfg loadConfig, next *atomic.Uint64, stop time.Time, due <-chan time.Time, s *workerStats) {
	s.status = map[int]uint64{}
	s.hist = newHistogram()
	url := []byte(cfg.BaseURL)
	base := len(url)
	var body []byte
	auth := "Bearer " + cfg.Key
	for ctx.Err() == nil && (due != nil || time.Now().Before(stop)) {
		var t0 time.Time
		if due != nil {
			at, ok := <-due
			if !ok {
				break
			}
			t0 = at
		}
		n := (next.Add(1) - 1) % cfg.Ads
		url = appendPath(url[:base], cfg.Prefix, n)
		body = appendBody(body[:0], n)
		req, err := http.NewRequestWithContext(ctx, http.MethodPut, string(url), bytes.NewReader(body))
		if err != nil {
			s.fail(err)
			continue
		}
		req.Header.Set("Authorization", auth)
		req.Header.Set("Content-Type", "application/json")
		if t0.IsZero() {
			t0 = time.Now()
		}
		resp, err := cfg.Client.Do(req)
		if err != nil {
			if ctx.Err() != nil {
				break // interrupted: not the server's fault
			}
			s.fail(err)
			continue
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil {
			s.fail(err)
			continue
		}
		s.hist.Record(time.Since(t0))
		s.requests++
		s.status[resp.StatusCode]++
		if cfg.Accepted(resp.StatusCode) {
			s.accepted++
		}
	}
}

func (s *workerStats) fail(err error) {
	s.requests++
	s.transportErrs++
	if s.firstErr == "" {
		s.firstErr = err.Error()
	}
	// Do not spin on a refused connection: it would eat the CPU that
	// jobgate needs.
	time.Sleep(10 * time.Millisecond)
}

func jobgateAccepted(status int) bool { return status == http.StatusOK || status == http.StatusCreated }
