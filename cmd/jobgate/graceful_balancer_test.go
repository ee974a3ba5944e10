package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// balancer plays a load balancer and its clients in front of API
// replicas: it sends each request to the next replica in rotation, takes
// a replica out while its /readyz does not answer 200 (as a Kubernetes
// Service's endpoints follow readiness), and retries a request that met a
// connection error on the next replica. Any answer that is not a 2xx is a
// failed request, and so is a request that found no replica for 30 s.
type balancer struct {
	addrs  []string
	ready  []atomic.Bool
	next   atomic.Uint64
	client *http.Client

	requests, retries atomic.Int64
	mu                sync.Mutex
	failures          []string
	worst             time.Duration
}

func newBalancer(addrs ...string) *balancer {
	b := &balancer{addrs: addrs, ready: make([]atomic.Bool, len(addrs)),
		client: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 8}}}
	for i := range b.ready {
		b.ready[i].Store(true)
	}
	return b
}

// watch polls every replica's /readyz until ctx ends.
func (b *balancer) watch(ctx context.Context) {
	probe := &http.Client{Timeout: time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	for ctx.Err() == nil {
		for i, a := range b.addrs {
			resp, err := probe.Get("http://" + a + "/readyz")
			ok := err == nil && resp.StatusCode == http.StatusOK
			if err == nil {
				resp.Body.Close()
			}
			b.ready[i].Store(ok)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// inRotation reports whether replica i is in rotation.
func (b *balancer) inRotation(i int) bool { return b.ready[i].Load() }

// pick returns the next replica in rotation, or "" when none is.
func (b *balancer) pick() string {
	for range b.addrs {
		i := int(b.next.Add(1) % uint64(len(b.addrs)))
		if b.ready[i].Load() {
			return b.addrs[i]
		}
	}
	return ""
}

// put sends PUT path with body until a replica answers, and reports
// whether the answer was a 2xx.
func (b *balancer) put(path, key, body string) bool {
	b.requests.Add(1)
	start := time.Now()
	for {
		addr := b.pick()
		if addr == "" {
			if time.Since(start) > 30*time.Second {
				return b.fail("no replica in rotation for 30 s")
			}
			time.Sleep(10 * time.Millisecond)
			continue
		}
		req, _ := http.NewRequest(http.MethodPut, "http://"+addr+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+key)
		req.Header.Set("Content-Type", "application/json")
		resp, err := b.client.Do(req)
		if err != nil {
			// A connection refused, reset or closed: the request is an
			// upsert, so sending it again is safe.
			b.retries.Add(1)
			time.Sleep(10 * time.Millisecond)
			continue
		}
		msg, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		b.took(time.Since(start))
		if resp.StatusCode/100 != 2 {
			return b.fail(fmt.Sprintf("%s: %d %s", path, resp.StatusCode, msg))
		}
		return true
	}
}

func (b *balancer) fail(why string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failures = append(b.failures, why)
	return false
}

func (b *balancer) took(d time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.worst = max(b.worst, d)
}

// report returns the failures and the slowest request.
func (b *balancer) report() ([]string, time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.failures...), b.worst
}
